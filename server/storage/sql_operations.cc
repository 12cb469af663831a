#include "server/storage/sql_operations.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "server/core/operation.h"
#include "server/core/status_macros.h"
#include "server/storage/id_pages.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"
#include "server/storage/transaction_context.h"

namespace cxhub {
namespace {

constexpr absl::string_view kOperationColumns =
    "id, kind, state, `cursor`, processed, total, changed, error_code, error_message, "
    "cancel_requested, create_time, update_time";

Operation OperationFromRow(const Statement& row) {
  Operation operation;
  operation.id = row.ColumnInt64(0);
  operation.kind = row.ColumnText(1);
  operation.state = static_cast<OperationState>(row.ColumnInt64(2));
  operation.cursor = row.ColumnBlob(3);
  operation.processed = row.ColumnInt64(4);
  operation.total = row.ColumnInt64(5);
  operation.changed = row.ColumnInt64(6);
  operation.error =
      absl::Status(static_cast<absl::StatusCode>(row.ColumnInt64(7)), row.ColumnText(8));
  operation.cancel_requested = row.ColumnInt64(9) != 0;
  operation.create_time = FromMicros(row.ColumnInt64(10));
  operation.update_time = FromMicros(row.ColumnInt64(11));
  return operation;
}

absl::Status OperationNotFound(OperationId id) {
  return absl::NotFoundError(absl::StrCat("operation ", id, " not found"));
}

// An UPDATE of one row that sets what `update` carries. Owns the text its params view.
struct OperationUpdateStatement {
  std::string sql;
  std::vector<Param> params;
  std::string error_message;
};

void AppendUpdate(const OperationUpdate& update, OperationUpdateStatement& statement) {
  std::string& sql = statement.sql;
  std::vector<Param>& params = statement.params;
  if (update.state.has_value()) {
    sql += ", state = ?, done = ?";
    params.emplace_back(static_cast<int64_t>(*update.state));
    params.emplace_back(int64_t{IsDone(*update.state)});
  }
  if (update.cursor.has_value()) {
    sql += ", `cursor` = ?";
    params.push_back(Param::Blob(*update.cursor));
  }
  if (update.processed.has_value()) {
    sql += ", processed = ?";
    params.emplace_back(*update.processed);
  }
  if (update.changed.has_value()) {
    sql += ", changed = ?";
    params.emplace_back(*update.changed);
  }
  if (update.error.has_value()) {
    sql += ", error_code = ?, error_message = ?";
    params.emplace_back(static_cast<int64_t>(update.error->code()));
    params.emplace_back(statement.error_message);
  }
  if (update.cancel_requested.has_value()) {
    sql += ", cancel_requested = ?";
    params.emplace_back(int64_t{*update.cancel_requested});
  }
}

}  // namespace

absl::StatusOr<Operation> SqlOperations::Get(OperationId id) {
  CXHUB_ASSIGN_OR_RETURN(std::optional<Operation> found,
                         db_.QueryOne<Operation>(absl::StrCat("SELECT ", kOperationColumns,
                                                              " FROM operations WHERE id = ?"),
                                                 {id}, OperationFromRow));
  if (!found.has_value()) return OperationNotFound(id);
  return *std::move(found);
}

absl::StatusOr<std::vector<Operation>> SqlOperations::List(const OperationFilter& filter,
                                                           OperationId after_id, int limit) {
  CXHUB_RETURN_IF_ERROR(CheckPageLimit(limit));
  std::string where = "id > ?";
  std::vector<Param> params = {after_id};
  if (!filter.kind.empty()) {
    where += " AND kind = ?";
    params.emplace_back(filter.kind);
  }
  if (filter.done.has_value()) {
    where += " AND done = ?";
    params.emplace_back(int64_t{*filter.done});
  }
  params.emplace_back(int64_t{limit});
  return db_.Query<Operation>(absl::StrCat("SELECT ", kOperationColumns, " FROM operations WHERE ",
                                           where, " ORDER BY id LIMIT ?"),
                              params, OperationFromRow);
}

absl::StatusOr<OperationId> SqlOperations::Insert(const Operation& operation) {
  const std::string error_message(operation.error.message());
  CXHUB_RETURN_IF_ERROR(
      db_.Execute("INSERT INTO operations (kind, state, done, `cursor`, processed, total, changed, "
                  "error_code, error_message, cancel_requested, create_time, update_time) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {operation.kind, static_cast<int64_t>(operation.state), int64_t{operation.done()},
                   Param::Blob(operation.cursor), operation.processed, operation.total,
                   operation.changed, static_cast<int64_t>(operation.error.code()), error_message,
                   int64_t{operation.cancel_requested}, Micros(operation.create_time),
                   Micros(operation.update_time)})
          .status());
  return db_.LastInsertId();
}

absl::Status SqlOperations::Update(OperationId id, const OperationUpdate& update) {
  OperationUpdateStatement statement{
      "UPDATE operations SET update_time = ?",
      {Micros(update.update_time)},
      update.error.has_value() ? std::string(update.error->message()) : std::string()};
  AppendUpdate(update, statement);
  statement.sql += " WHERE id = ?";
  statement.params.emplace_back(id);
  CXHUB_ASSIGN_OR_RETURN(int64_t updated, db_.Execute(statement.sql, statement.params));
  // Matched rows on both backends (the MySQL driver connects with CLIENT_FOUND_ROWS).
  if (updated == 0) return OperationNotFound(id);
  return absl::OkStatus();
}

absl::Status SqlOperations::Delete(OperationId id) {
  CXHUB_ASSIGN_OR_RETURN(int64_t deleted, db_.Execute("DELETE FROM operations WHERE id = ?", {id}));
  if (deleted == 0) return OperationNotFound(id);
  return absl::OkStatus();
}

}  // namespace cxhub
