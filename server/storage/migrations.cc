#include "server/storage/migrations.h"

#include <cstdint>
#include <memory>
#include <set>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "server/core/status_macros.h"

namespace cxhub {
namespace {

absl::StatusOr<std::set<int64_t>> AppliedVersions(Connection& connection) {
  std::set<int64_t> applied;
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Statement> select,
                         connection.Prepare("SELECT version FROM schema_migrations"));
  while (true) {
    CXHUB_ASSIGN_OR_RETURN(bool row, select->Step());
    if (!row) break;
    applied.insert(select->ColumnInt64(0));
  }
  return applied;
}

absl::Status Apply(Connection& connection, const SqlDialect& dialect, const Migration& migration) {
  if (absl::Status status = connection.ExecuteScript(migration.sql); !status.ok()) {
    return absl::Status(status.code(), absl::StrCat("migration ", migration.name, " (",
                                                    dialect.name, "): ", status.message()));
  }
  CXHUB_ASSIGN_OR_RETURN(
      std::unique_ptr<Statement> insert,
      connection.Prepare(
          "INSERT INTO schema_migrations (version, name, applied_time) VALUES (?, ?, ?)"));
  insert->BindInt64(1, migration.version);
  insert->BindText(2, migration.name);
  insert->BindInt64(3, absl::ToUnixMicros(absl::Now()));
  return insert->Step().status();
}

absl::StatusOr<int> ApplyPending(Connection& connection, const SqlDialect& dialect) {
  CXHUB_RETURN_IF_ERROR(connection.ExecuteScript(dialect.create_migrations_table));
  CXHUB_ASSIGN_OR_RETURN(std::set<int64_t> applied, AppliedVersions(connection));
  int count = 0;
  for (const Migration& migration : dialect.migrations) {
    if (applied.count(migration.version) > 0) continue;
    CXHUB_RETURN_IF_ERROR(Apply(connection, dialect, migration));
    ++count;
  }
  return count;
}

absl::StatusOr<int> ApplyInTransaction(Connection& connection, const SqlDialect& dialect) {
  // One transaction: a half-applied schema is never visible, and on SQLite the write lock
  // makes two processes opening the same file apply each migration once.
  CXHUB_RETURN_IF_ERROR(connection.BeginWrite());
  absl::StatusOr<int> applied = ApplyPending(connection, dialect);
  absl::Status status = applied.status();
  if (status.ok()) status = connection.Commit();
  if (!status.ok()) {
    connection.Rollback().IgnoreError();
    return status;
  }
  return applied;
}

// Runs a one-row, one-column query and returns that column (NULL as -1).
absl::StatusOr<int64_t> QueryInt(Connection& connection, absl::string_view sql) {
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Statement> statement, connection.Prepare(sql));
  CXHUB_ASSIGN_OR_RETURN(bool row, statement->Step());
  if (!row) return absl::InternalError(absl::StrCat("no row from ", sql));
  return statement->ColumnIsNull(0) ? -1 : statement->ColumnInt64(0);
}

}  // namespace

absl::StatusOr<int> ApplyMigrations(Connection& connection, const SqlDialect& dialect) {
  if (dialect.acquire_migration_lock.empty()) return ApplyInTransaction(connection, dialect);
  // Each try waits a few seconds in the database; 30 tries give another server's
  // migrations minutes to finish.
  constexpr int kLockTries = 30;
  for (int attempt = 1;; ++attempt) {
    CXHUB_ASSIGN_OR_RETURN(int64_t locked, QueryInt(connection, dialect.acquire_migration_lock));
    if (locked == 1) break;
    if (locked != 0 || attempt >= kLockTries) {
      return absl::UnavailableError(absl::StrCat("could not take the migration lock (",
                                                 dialect.name,
                                                 "): another server may be applying migrations"));
    }
  }
  absl::StatusOr<int> applied = ApplyInTransaction(connection, dialect);
  // The lock also ends with the session, so a failed release leaves nothing behind.
  QueryInt(connection, dialect.release_migration_lock).IgnoreError();
  return applied;
}

}  // namespace cxhub
