// A floor under any fill that keeps the store's aggregates: the rows a store writes besides the
// interactions themselves (activity counts, spells, score and purchase counts and the like),
// copied as they are from a store filled with the same interactions into the raw baseline's
// database, each table in the order it is stored there. The copy computes nothing, looks
// nothing up and updates nothing, so it is less than any write path that maintains those rows
// can do; the raw INSERT's time plus the copy's bounds how fast such a fill can go.
#ifndef CXHUB_BENCHMARKS_ANALYTICS_AGGREGATE_FLOOR_H_
#define CXHUB_BENCHMARKS_ANALYTICS_AGGREGATE_FLOOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/storage/sql_driver.h"

namespace cxhub::bench {

struct TableCopy {
  std::string table;
  int64_t rows = 0;
  absl::Duration elapsed;
};

// Copies into the SQLite connection `raw` every table of the SQLite database at `filled_path`
// that has rows there and none in `raw`, all in one write transaction (each table timed alone,
// the commit counted with the last). The two databases must have the same schema, so that
// their columns line up.
absl::StatusOr<std::vector<TableCopy>> CopyStoreOnlyTables(Connection& raw,
                                                           const std::string& filled_path);

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_ANALYTICS_AGGREGATE_FLOOR_H_
