#include "server/storage/sql_connector_states.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"
#include "server/storage/transaction_context.h"

namespace cxhub {
namespace {

constexpr absl::string_view kConnectorStateColumns =
    "name, `cursor`, cursor_time, status, last_error, last_run_time, records_in, dead_lettered, "
    "errors, skipped, lease_owner, lease_expire_time, update_time, suppressed";

absl::Time MicrosOrPast(const Statement& row, int column) {
  return row.ColumnIsNull(column) ? absl::InfinitePast() : FromMicros(row.ColumnInt64(column));
}

ConnectorState ConnectorStateFromRow(const Statement& row) {
  ConnectorState state;
  state.name = row.ColumnText(0);
  state.cursor = row.ColumnBlob(1);
  state.cursor_time = MicrosOrPast(row, 2);
  state.status = static_cast<ConnectorStatus>(row.ColumnInt64(3));
  state.last_error = row.ColumnText(4);
  state.last_run_time = MicrosOrPast(row, 5);
  state.counters = {row.ColumnInt64(6), row.ColumnInt64(7), row.ColumnInt64(8), row.ColumnInt64(9),
                    row.ColumnInt64(13)};
  state.lease_owner = row.ColumnIsNull(10) ? std::string() : row.ColumnText(10);
  state.lease_expire_time = MicrosOrPast(row, 11);
  state.update_time = FromMicros(row.ColumnInt64(12));
  return state;
}

// An UPDATE of the row `name` that sets what `update` carries and adds its counters.
struct StateUpdateStatement {
  std::string sql;
  std::vector<Param> params;
};

StateUpdateStatement UpdateStatement(const std::string& name, const ConnectorStateUpdate& update) {
  const ConnectorCounters& added = update.added;
  StateUpdateStatement statement{"UPDATE connector_states SET update_time = ?",
                                 {Micros(update.time)}};
  std::string& sql = statement.sql;
  std::vector<Param>& params = statement.params;
  if (update.cursor.has_value()) {
    sql += ", `cursor` = ?, cursor_time = ?";
    params.push_back(Param::Blob(*update.cursor));
    params.emplace_back(Micros(update.time));
  }
  if (update.status.has_value()) {
    sql += ", status = ?";
    params.emplace_back(static_cast<int64_t>(*update.status));
  }
  if (update.last_error.has_value()) {
    sql += ", last_error = ?";
    params.emplace_back(*update.last_error);
  }
  if (update.last_run_time.has_value()) {
    sql += ", last_run_time = ?";
    params.emplace_back(Micros(*update.last_run_time));
  }
  sql +=
      ", records_in = records_in + ?, dead_lettered = dead_lettered + ?, errors = errors + ?,"
      " skipped = skipped + ?, suppressed = suppressed + ? WHERE name = ?";
  params.insert(params.end(), {added.records_in, added.dead_lettered, added.errors, added.skipped,
                               added.suppressed, name});
  return statement;
}

// The values of a new row `name` holding what `update` carries, for kInsertStateSql.
std::vector<Param> InsertParams(const std::string& name, const ConnectorStateUpdate& update) {
  const ConnectorCounters& added = update.added;
  return {
      name,
      Param::Blob(update.cursor.has_value() ? absl::string_view(*update.cursor) : ""),
      update.cursor.has_value() ? Param(Micros(update.time)) : Param::Null(),
      static_cast<int64_t>(update.status.value_or(ConnectorStatus::kIdle)),
      update.last_error.has_value() ? Param(*update.last_error) : Param(""),
      update.last_run_time.has_value() ? Param(Micros(*update.last_run_time)) : Param::Null(),
      added.records_in,
      added.dead_lettered,
      added.errors,
      added.skipped,
      Micros(update.time),
      added.suppressed,
  };
}

constexpr absl::string_view kInsertStateSql =
    "INSERT INTO connector_states (name, `cursor`, cursor_time, status, last_error, "
    "last_run_time, records_in, dead_lettered, errors, skipped, lease_owner, "
    "lease_expire_time, update_time, suppressed) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)";

}  // namespace

absl::StatusOr<std::optional<ConnectorState>> SqlConnectorStates::Get(const std::string& name) {
  return db_.QueryOne<ConnectorState>(
      absl::StrCat("SELECT ", kConnectorStateColumns, " FROM connector_states WHERE name = ?"),
      {name}, ConnectorStateFromRow);
}

absl::StatusOr<std::vector<ConnectorState>> SqlConnectorStates::List() {
  return db_.Query<ConnectorState>(
      absl::StrCat("SELECT ", kConnectorStateColumns, " FROM connector_states ORDER BY name"), {},
      ConnectorStateFromRow);
}

absl::Status SqlConnectorStates::Update(const std::string& name,
                                        const ConnectorStateUpdate& update) {
  // No upsert in the common SQL subset: update, and insert when there was no row. An insert
  // that loses a race to another writer's insert finds the row on the second update.
  const StateUpdateStatement statement = UpdateStatement(name, update);
  CXHUB_ASSIGN_OR_RETURN(int64_t updated, db_.Execute(statement.sql, statement.params));
  if (updated > 0) return absl::OkStatus();
  absl::Status inserted = db_.Execute(kInsertStateSql, InsertParams(name, update)).status();
  if (!absl::IsAlreadyExists(inserted)) return inserted;
  return db_.Execute(statement.sql, statement.params).status();
}

}  // namespace cxhub
