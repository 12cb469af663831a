// The timings of the customer figures (churn and retention, lifetime value) over a store the
// analytics benchmark has filled, each beside the same question answered by scanning the
// interactions (the baseline the store's aggregates exist to beat).
#ifndef CXHUB_BENCHMARKS_ANALYTICS_CUSTOMER_FIGURE_TIMINGS_H_
#define CXHUB_BENCHMARKS_ANALYTICS_CUSTOMER_FIGURE_TIMINGS_H_

#include <string>

#include "absl/status/status.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/storage/sql_driver.h"

namespace cxhub::bench {

// Prints two tables titled with `backend`: churn and retention of the generated span's last
// month (overall, as 4 weekly points, at one touchpoint, on chat, of the members of `segment`
// at the span's end) and of its last 16 weeks as weekly points, and lifetime value (whole
// history, last 90 days in EUR, and as 4 monthly points); `raw` is a second connection to the
// same database, for the scans.
absl::Status TimeCustomerFigures(Store& store, Connection& raw, TouchpointId touchpoint,
                                 SegmentId segment, const std::string& backend);

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_ANALYTICS_CUSTOMER_FIGURE_TIMINGS_H_
