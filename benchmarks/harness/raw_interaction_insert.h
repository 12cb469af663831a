// Interactions written by multi-row INSERTs straight into their table, outside the Store: the
// baseline the storage, analytics and visitor intent benchmarks compare the Store's write path
// with, and the quick way to a large history when no aggregate is measured.
#ifndef CXHUB_BENCHMARKS_HARNESS_RAW_INTERACTION_INSERT_H_
#define CXHUB_BENCHMARKS_HARNESS_RAW_INTERACTION_INSERT_H_

#include <cstdint>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "server/core/model.h"
#include "server/storage/sql_driver.h"

namespace cxhub::bench {

// Rows per INSERT statement.
inline constexpr int64_t kRawRowsPerStatement = 100;

// Inserts row(n) for every n in [first, end) into `raw`'s interactions table, kRawRowsPerStatement
// rows per statement, inside whatever transaction the caller has open. The columns written are
// those an Interaction carries; the others (visit_intent, the rule that set the touchpoint...)
// stay NULL, as for rows written before their migration.
absl::Status InsertRawInteractions(Connection& raw, int64_t first, int64_t end,
                                   absl::FunctionRef<Interaction(int64_t)> row);

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_HARNESS_RAW_INTERACTION_INSERT_H_
