// The generated interactions (interaction_generator.h) written by plain multi-row INSERTs into
// the interactions table, outside the Store: the baseline of a fill, and the quick way to a
// large history when no aggregate is measured.
#ifndef CXHUB_BENCHMARKS_ANALYTICS_RAW_FILL_H_
#define CXHUB_BENCHMARKS_ANALYTICS_RAW_FILL_H_

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "server/core/model.h"
#include "server/storage/sql_driver.h"

namespace cxhub::bench {

// Inserts GeneratedInteraction(n, total, customers, touchpoints) for every n below `total`, 100
// rows per statement, committing every 100,000 rows (one transaction for a comparison fill; a
// MySQL transaction of millions of rows would only grow its undo log).
absl::Status FillRaw(Connection& raw, const std::vector<CustomerId>& customers,
                     const std::vector<TouchpointId>& touchpoints, int64_t total);

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_ANALYTICS_RAW_FILL_H_
