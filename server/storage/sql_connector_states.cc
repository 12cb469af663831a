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
    "errors, skipped, lease_owner, lease_expire_time, update_time, suppressed, lease_token, "
    "paused, "
    "run_request_time";

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
  state.lease_token = row.ColumnInt64(14);
  state.paused = row.ColumnInt64(15) != 0;
  state.run_request_time = MicrosOrPast(row, 16);
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
  if (update.paused.has_value()) {
    sql += ", paused = ?";
    params.emplace_back(int64_t{*update.paused ? 1 : 0});
  }
  if (update.run_request_time.has_value()) {
    sql += ", run_request_time = ?";
    params.emplace_back(Micros(*update.run_request_time));
  }
  sql +=
      ", records_in = records_in + ?, dead_lettered = dead_lettered + ?, errors = errors + ?,"
      " skipped = skipped + ?, suppressed = suppressed + ? WHERE name = ?";
  params.insert(params.end(), {added.records_in, added.dead_lettered, added.errors, added.skipped,
                               added.suppressed, name});
  if (update.fence.has_value()) {
    sql += " AND lease_owner = ? AND lease_token = ?";
    params.insert(params.end(), {update.fence->owner, update.fence->token});
  }
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
      int64_t{update.paused.value_or(false) ? 1 : 0},
      update.run_request_time.has_value() ? Param(Micros(*update.run_request_time)) : Param::Null(),
  };
}

constexpr absl::string_view kInsertStateSql =
    "INSERT INTO connector_states (name, `cursor`, cursor_time, status, last_error, "
    "last_run_time, records_in, dead_lettered, errors, skipped, lease_owner, "
    "lease_expire_time, update_time, suppressed, lease_token, paused, run_request_time) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, 0, ?, ?)";

// The refusal of a commit by a replica that no longer holds the lease.
absl::Status StaleFence(const std::string& name, const LeaseFence& fence,
                        const std::optional<ConnectorState>& state) {
  if (!state.has_value()) {
    return absl::FailedPreconditionError(absl::StrCat("connector \"", name, "\": lease token ",
                                                      fence.token, " of replica \"", fence.owner,
                                                      "\" is stale: the connector has no lease"));
  }
  return absl::FailedPreconditionError(
      absl::StrCat("connector \"", name, "\": lease token ", fence.token, " of replica \"",
                   fence.owner, "\" is stale: the lease is held by \"", state->lease_owner,
                   "\" with token ", state->lease_token));
}

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
  if (update.fence.has_value()) {
    CXHUB_ASSIGN_OR_RETURN(std::optional<ConnectorState> state, Get(name));
    return StaleFence(name, *update.fence, state);
  }
  absl::Status inserted = db_.Execute(kInsertStateSql, InsertParams(name, update)).status();
  if (!absl::IsAlreadyExists(inserted)) return inserted;
  return db_.Execute(statement.sql, statement.params).status();
}

absl::StatusOr<LeaseGrant> SqlConnectorStates::TakeLease(const std::string& name,
                                                         const LeaseRequest& request) {
  ConnectorStateUpdate create;
  create.time = request.now;
  CXHUB_RETURN_IF_ERROR(Update(name, create));  // The row, so that there is one to lease.
  LeaseGrant grant;
  if (request.held_token != 0) {
    CXHUB_ASSIGN_OR_RETURN(
        int64_t renewed,
        db_.Execute("UPDATE connector_states SET lease_expire_time = ? "
                    "WHERE name = ? AND lease_owner = ? AND lease_token = ?",
                    {Micros(request.expire_time), name, request.owner, request.held_token}));
    grant.held = renewed > 0;
  } else {
    // Both replicas' takeovers write this row: one waits for the other (a row lock), or on
    // Galera one is aborted at certification and rerun, and then sees the other's lease.
    CXHUB_ASSIGN_OR_RETURN(
        int64_t taken,
        db_.Execute("UPDATE connector_states SET lease_owner = ?, lease_token = lease_token + 1, "
                    "lease_expire_time = ? WHERE name = ? AND (lease_owner IS NULL OR "
                    "lease_expire_time IS NULL OR lease_expire_time <= ? OR "
                    "(lease_owner = ? AND ? = 1))",
                    {request.owner, Micros(request.expire_time), name, Micros(request.now),
                     request.owner, int64_t{request.reclaim_own ? 1 : 0}}));
    grant.held = taken > 0;
  }
  CXHUB_ASSIGN_OR_RETURN(std::optional<ConnectorState> state, Get(name));
  if (!state.has_value()) {
    return absl::InternalError(absl::StrCat("connector \"", name, "\": no row after a lease"));
  }
  grant.state = *std::move(state);
  return grant;
}

absl::Status SqlConnectorStates::ReleaseLease(const std::string& name, const LeaseFence& fence) {
  return db_
      .Execute(
          "UPDATE connector_states SET lease_owner = NULL, lease_expire_time = NULL "
          "WHERE name = ? AND lease_owner = ? AND lease_token = ?",
          {name, fence.owner, fence.token})
      .status();
}

}  // namespace cxhub
