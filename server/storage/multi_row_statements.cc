#include "server/storage/multi_row_statements.h"

#include "server/core/status_macros.h"
#include "server/storage/statement_shapes.h"

namespace cxhub {

absl::Status ExecuteForRows(TransactionContext& db, absl::Span<const Param> values, size_t width,
                            size_t max_rows, absl::FunctionRef<std::string(size_t rows)> sql_for) {
  const size_t total = values.size() / width;
  for (size_t first = 0; first < total;) {
    const size_t rows = RowsOfNextStatement(total - first, max_rows);
    CXHUB_RETURN_IF_ERROR(
        db.Execute(sql_for(rows), values.subspan(first * width, rows * width)).status());
    first += rows;
  }
  return absl::OkStatus();
}

}  // namespace cxhub
