// A multi-row statement (INSERT or upsert) run over any number of rows: as many statements as
// statement_shapes.h's sizes take, so each size's text stays prepared in the statement cache.
#ifndef CXHUB_SERVER_STORAGE_MULTI_ROW_STATEMENTS_H_
#define CXHUB_SERVER_STORAGE_MULTI_ROW_STATEMENTS_H_

#include <cstddef>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/types/span.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

// Runs `sql_for(rows)`, the statement's text for `rows` rows, over `values`: `width` values per
// row, row after row, at most `max_rows` rows (a power of two, at least kMaxExactRows) per
// statement.
absl::Status ExecuteForRows(TransactionContext& db, absl::Span<const Param> values, size_t width,
                            size_t max_rows, absl::FunctionRef<std::string(size_t rows)> sql_for);

// ExecuteForRows for a statement that returns rows (a RETURNING clause): on_row is called for
// each row each statement returns, in order; its first error stops the rest.
absl::Status ExecuteForRows(TransactionContext& db, absl::Span<const Param> values, size_t width,
                            size_t max_rows, absl::FunctionRef<std::string(size_t rows)> sql_for,
                            absl::FunctionRef<absl::Status(const Statement& row)> on_row);

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_MULTI_ROW_STATEMENTS_H_
