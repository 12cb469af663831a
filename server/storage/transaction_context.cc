#include "server/storage/transaction_context.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/core/status_macros.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"

namespace cxhub {

absl::StatusOr<bool> TransactionContext::Exists(absl::string_view sql,
                                                absl::Span<const Param> params) {
  CXHUB_ASSIGN_OR_RETURN(auto statement, Prepare(sql, params));
  return Step(*statement);
}

absl::StatusOr<int64_t> TransactionContext::Execute(absl::string_view sql,
                                                    absl::Span<const Param> params) {
  CXHUB_ASSIGN_OR_RETURN(auto statement, Prepare(sql, params));
  while (true) {
    CXHUB_ASSIGN_OR_RETURN(bool row, Step(*statement));
    if (!row) break;
  }
  return statement->RowsAffected();
}

absl::Status TransactionContext::Atomically(absl::FunctionRef<absl::Status()> fn) {
  const std::string name = absl::StrCat("cxhub_sp", ++savepoint_count_);
  CXHUB_RETURN_IF_ERROR(Note(connection_.Savepoint(name)));
  absl::Status status = fn();
  if (status.ok()) return Note(connection_.ReleaseSavepoint(name));
  ++savepoints_rolled_back_;
  absl::Status undo = Note(connection_.RollbackToSavepoint(name));
  if (undo.ok()) undo = Note(connection_.ReleaseSavepoint(name));
  if (!undo.ok()) {
    return absl::Status(
        undo.code(), absl::StrCat(status.message(), "; and undoing it failed: ", undo.message()));
  }
  return status;
}

absl::Status TransactionContext::ForEachRow(
    absl::string_view sql, absl::Span<const Param> params, size_t max_rows,
    absl::FunctionRef<absl::Status(const Statement&)> on_row) {
  CXHUB_ASSIGN_OR_RETURN(auto statement, Prepare(sql, params));
  for (size_t count = 0; count < max_rows; ++count) {
    CXHUB_ASSIGN_OR_RETURN(bool row, Step(*statement));
    if (!row) break;
    CXHUB_RETURN_IF_ERROR(on_row(*statement));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Statement>> TransactionContext::Prepare(
    absl::string_view sql, absl::Span<const Param> params) {
  absl::StatusOr<std::unique_ptr<Statement>> statement = connection_.Prepare(sql);
  CXHUB_RETURN_IF_ERROR(Note(statement.status()));
  for (size_t i = 0; i < params.size(); ++i) {
    params[i].BindTo(**statement, static_cast<int>(i + 1));
  }
  return statement;
}

absl::StatusOr<bool> TransactionContext::Step(Statement& statement) {
  absl::StatusOr<bool> row = statement.Step();
  CXHUB_RETURN_IF_ERROR(Note(row.status()));
  return row;
}

absl::Status TransactionContext::Note(absl::Status status) {
  // UNAVAILABLE: SQLite busy/locked or a lost MySQL connection; ABORTED: the database rolled
  // the transaction back (deadlock, lock wait timeout). Both are worth a rerun.
  if (absl::IsUnavailable(status) || absl::IsAborted(status)) saw_conflict_ = true;
  return status;
}

}  // namespace cxhub
