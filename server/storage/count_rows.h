// Tables of counts kept by the store (score_answer_counts, customer_activity,
// customer_purchase_buckets): one row per key, changed by adding to its count (and sums), and
// dropped once it counts nothing so the tables stay small.
#ifndef CXHUB_SERVER_STORAGE_COUNT_ROWS_H_
#define CXHUB_SERVER_STORAGE_COUNT_ROWS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

// What to add to the count of one row; `key` holds the values of the key columns, in order.
struct CountChange {
  std::vector<Param> key;
  int64_t change = 0;
  std::vector<int64_t> sums = {};  // What to add to each of the table's sum_columns, in order.
};

// The schema of one table of counts. All views must outlive the object.
struct CountTable {
  absl::string_view table;
  absl::Span<const absl::string_view> key_columns;
  absl::string_view count_column;
  // Columns added up along with the count (amounts), kept while the row counts something.
  absl::Span<const absl::string_view> sum_columns = {};
};

// Adds each change to its row (creating it), and deletes the rows a change brought to a count
// of zero. Changes of zero (count and sums) cost no statement.
absl::Status AddToCounts(TransactionContext& db, const CountTable& table,
                         absl::Span<const CountChange> changes);

// AddToCounts, calling `on_counted` with every row an upsert changed, as its key columns in
// order and then its count after the change (RETURNING), in no set order, before the rows
// brought to zero are deleted. As no row is kept with a count of zero, a row counted up was new
// exactly when its count is now its change.
absl::Status AddToCounts(TransactionContext& db, const CountTable& table,
                         absl::Span<const CountChange> changes,
                         absl::FunctionRef<absl::Status(const Statement& row)> on_counted);

// AddToCounts for the counts over every customer (segment_id 0), or for the same counts kept for
// one segment (sql_segment_snapshots.h): table "segment_<table>", whose key is segment_id and
// then `table`'s key columns.
absl::Status AddToSegmentCounts(TransactionContext& db, const CountTable& table, int64_t segment_id,
                                absl::Span<const CountChange> changes);

// "<table> WHERE " for the counts over every customer (segment_id 0), or
// "segment_<table> WHERE segment_id = ? AND " for one segment's, its id appended to `params`.
std::string CountsWhere(absl::string_view table, int64_t segment_id, std::vector<Param>& params);

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_COUNT_ROWS_H_
