// Tables of counts kept by the store (score_answer_counts, customer_activity): one row per key,
// changed by adding to its count, and dropped once it counts nothing so the tables stay small.
#ifndef CXHUB_SERVER_STORAGE_COUNT_ROWS_H_
#define CXHUB_SERVER_STORAGE_COUNT_ROWS_H_

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/storage/sql_param.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

// What to add to the count of one row; `key` holds the values of the key columns, in order.
struct CountChange {
  std::vector<Param> key;
  int64_t change = 0;
};

// The schema of one table of counts. All views must outlive the object.
struct CountTable {
  absl::string_view table;
  absl::Span<const absl::string_view> key_columns;
  absl::string_view count_column;
};

// Adds each change to its row (creating it), and deletes the rows a change brought to zero.
// Changes of zero cost no statement.
absl::Status AddToCounts(TransactionContext& db, const CountTable& table,
                         absl::Span<const CountChange> changes);

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_COUNT_ROWS_H_
