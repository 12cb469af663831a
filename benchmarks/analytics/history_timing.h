// A page of history timed as the server serves it: issue 18's measure of how reading a
// customer's newest interactions grows with the size of the history.
#ifndef CXHUB_BENCHMARKS_ANALYTICS_HISTORY_TIMING_H_
#define CXHUB_BENCHMARKS_ANALYTICS_HISTORY_TIMING_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "benchmarks/harness/result_table.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/storage/sql_driver.h"

namespace cxhub::bench {

struct HistoryTimes {
  Result select;  // The bare SELECT on the history index (the baseline).
  Result listed;  // ListInteractions through the store.
};

// Times `calls` pages of a customer's 50 newest interactions through ListInteractions, a
// different customer of `customers` each call (a stride through them, the same customers in both
// rows), beside the same rows read by one SELECT on `raw`, both after one unmeasured pass of
// the same calls; prints the table titled `title` and returns both rows.
absl::StatusOr<HistoryTimes> TimeHistory(Store& store, Connection& raw,
                                         const std::vector<CustomerId>& customers,
                                         const std::string& title, int calls);

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_ANALYTICS_HISTORY_TIMING_H_
