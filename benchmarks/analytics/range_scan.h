// The simplest way to read what a range query reads: every row of the interactions in a time
// range, some columns of each, through one statement. The baseline row of the tables whose
// queries walk a range of the history (journey map, segment rules, complaint texts).
#ifndef CXHUB_BENCHMARKS_ANALYTICS_RANGE_SCAN_H_
#define CXHUB_BENCHMARKS_ANALYTICS_RANGE_SCAN_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/storage/sql_driver.h"

namespace cxhub::bench {

// Reads `columns` (SQL, "customer_id, occur_time") of every interaction of [start, end) in the
// order `order_by` (SQL; empty: any), and returns how many rows it read ("249997 rows").
absl::StatusOr<std::string> ScanInteractionRange(Connection& raw, absl::string_view columns,
                                                 absl::Time start, absl::Time end,
                                                 absl::string_view order_by = "");

// Steps `statement` through every row it returns and says how many ("50 rows").
absl::StatusOr<std::string> ReadAllRows(Statement& statement);

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_ANALYTICS_RANGE_SCAN_H_
