#include "server/storage/multi_row_statements.h"

#include <cstddef>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/types/span.h"
#include "server/core/status_macros.h"
#include "server/storage/statement_shapes.h"

namespace cxhub {

namespace {

// Runs one statement of `rows` rows over `values`, the rows' values only.
using RunStatement =
    absl::FunctionRef<absl::Status(const std::string& sql, absl::Span<const Param> values)>;

absl::Status ForEachStatement(absl::Span<const Param> values, size_t width, size_t max_rows,
                              absl::FunctionRef<std::string(size_t rows)> sql_for,
                              RunStatement run) {
  const size_t total = values.size() / width;
  for (size_t first = 0; first < total;) {
    const size_t rows = RowsOfNextStatement(total - first, max_rows);
    CXHUB_RETURN_IF_ERROR(run(sql_for(rows), values.subspan(first * width, rows * width)));
    first += rows;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ExecuteForRows(TransactionContext& db, absl::Span<const Param> values, size_t width,
                            size_t max_rows, absl::FunctionRef<std::string(size_t rows)> sql_for) {
  return ForEachStatement(values, width, max_rows, sql_for,
                          [&](const std::string& sql, absl::Span<const Param> params) {
                            return db.Execute(sql, params).status();
                          });
}

absl::Status ExecuteForRows(TransactionContext& db, absl::Span<const Param> values, size_t width,
                            size_t max_rows, absl::FunctionRef<std::string(size_t rows)> sql_for,
                            absl::FunctionRef<absl::Status(const Statement& row)> on_row) {
  return ForEachStatement(values, width, max_rows, sql_for,
                          [&](const std::string& sql, absl::Span<const Param> params) {
                            return db.ForEachRow(sql, params, on_row);
                          });
}

}  // namespace cxhub
