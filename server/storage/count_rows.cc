#include "server/storage/count_rows.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/core/status_macros.h"
#include "server/storage/multi_row_statements.h"
#include "server/storage/sql_dialect.h"
#include "server/storage/sql_param.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

namespace {

// Rows per multi-row upsert at most (statement_shapes.h).
constexpr size_t kMaxRowsPerUpsert = 64;

bool ChangesNothing(const CountChange& change) {
  return change.change == 0 &&
         std::all_of(change.sums.begin(), change.sums.end(), [](int64_t sum) { return sum == 0; });
}

// Both AddToCounts; the rows an upsert changed go to `on_counted` when it is given.
absl::Status AddToCountRows(
    TransactionContext& db, const CountTable& table, absl::Span<const CountChange> changes,
    std::optional<absl::FunctionRef<absl::Status(const Statement& row)>> on_counted) {
  std::vector<Param> values;  // Per row: the key, the change, the sums.
  std::vector<const CountChange*> counted_down;
  for (const CountChange& change : changes) {
    if (ChangesNothing(change)) continue;
    if (change.change < 0) counted_down.push_back(&change);
    values.insert(values.end(), change.key.begin(), change.key.end());
    values.emplace_back(change.change);
    values.insert(values.end(), change.sums.begin(), change.sums.end());
  }
  std::vector<absl::string_view> added = {table.count_column};
  added.insert(added.end(), table.sum_columns.begin(), table.sum_columns.end());
  // Many rows per statement: a batch of inserts changes about one row per interaction.
  const size_t width = table.key_columns.size() + added.size();
  const auto upsert_sql = [&](size_t rows) {
    return AddingUpsertSql(db.dialect(), table.table, table.key_columns, added, rows);
  };
  if (on_counted.has_value()) {
    const std::string returning = absl::StrCat(
        " RETURNING ", absl::StrJoin(table.key_columns, ", "), ", ", table.count_column);
    CXHUB_RETURN_IF_ERROR(ExecuteForRows(
        db, values, width, kMaxRowsPerUpsert,
        [&](size_t rows) { return absl::StrCat(upsert_sql(rows), returning); }, *on_counted));
  } else {
    CXHUB_RETURN_IF_ERROR(ExecuteForRows(db, values, width, kMaxRowsPerUpsert, upsert_sql));
  }
  const std::string delete_empty_sql = absl::StrCat("DELETE FROM ", table.table, " WHERE ",
                                                    absl::StrJoin(table.key_columns, " = ? AND "),
                                                    " = ? AND ", table.count_column, " = 0");
  for (const CountChange* change : counted_down) {
    CXHUB_RETURN_IF_ERROR(db.Execute(delete_empty_sql, change->key).status());
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status AddToCounts(TransactionContext& db, const CountTable& table,
                         absl::Span<const CountChange> changes) {
  return AddToCountRows(db, table, changes, std::nullopt);
}

absl::Status AddToCounts(TransactionContext& db, const CountTable& table,
                         absl::Span<const CountChange> changes,
                         absl::FunctionRef<absl::Status(const Statement& row)> on_counted) {
  return AddToCountRows(db, table, changes, on_counted);
}

std::string CountsWhere(absl::string_view table, int64_t segment_id, std::vector<Param>& params) {
  if (segment_id == 0) return absl::StrCat(table, " WHERE ");
  params.emplace_back(segment_id);
  return absl::StrCat("segment_", table, " WHERE segment_id = ? AND ");
}

absl::Status AddToSegmentCounts(TransactionContext& db, const CountTable& table, int64_t segment_id,
                                absl::Span<const CountChange> changes) {
  if (segment_id == 0) return AddToCounts(db, table, changes);
  const std::string name = absl::StrCat("segment_", table.table);
  std::vector<absl::string_view> key_columns = {"segment_id"};
  key_columns.insert(key_columns.end(), table.key_columns.begin(), table.key_columns.end());
  std::vector<CountChange> keyed(changes.begin(), changes.end());
  for (CountChange& change : keyed) change.key.insert(change.key.begin(), Param(segment_id));
  return AddToCounts(db, {name, key_columns, table.count_column, table.sum_columns}, keyed);
}

}  // namespace cxhub
