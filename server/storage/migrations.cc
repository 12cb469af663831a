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

namespace cxhub {
namespace {

absl::StatusOr<int> ApplyPending(Connection& connection, const SqlDialect& dialect) {
  if (absl::Status status = connection.ExecuteScript(dialect.create_migrations_table);
      !status.ok()) {
    return status;
  }
  std::set<int64_t> applied;
  {
    absl::StatusOr<std::unique_ptr<Statement>> select =
        connection.Prepare("SELECT version FROM schema_migrations");
    if (!select.ok()) return select.status();
    while (true) {
      absl::StatusOr<bool> row = (*select)->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      applied.insert((*select)->ColumnInt64(0));
    }
  }
  int count = 0;
  for (const Migration& migration : dialect.migrations) {
    if (applied.count(migration.version) > 0) continue;
    if (absl::Status status = connection.ExecuteScript(migration.sql); !status.ok()) {
      return absl::Status(status.code(), absl::StrCat("migration ", migration.name, " (",
                                                      dialect.name, "): ", status.message()));
    }
    absl::StatusOr<std::unique_ptr<Statement>> insert = connection.Prepare(
        "INSERT INTO schema_migrations (version, name, applied_time) VALUES (?, ?, ?)");
    if (!insert.ok()) return insert.status();
    (*insert)->BindInt64(1, migration.version);
    (*insert)->BindText(2, migration.name);
    (*insert)->BindInt64(3, absl::ToUnixMicros(absl::Now()));
    if (absl::StatusOr<bool> done = (*insert)->Step(); !done.ok()) return done.status();
    ++count;
  }
  return count;
}

absl::StatusOr<int> ApplyInTransaction(Connection& connection, const SqlDialect& dialect) {
  // One transaction: a half-applied schema is never visible, and on SQLite the write lock
  // makes two processes opening the same file apply each migration once.
  if (absl::Status status = connection.BeginWrite(); !status.ok()) return status;
  absl::StatusOr<int> applied = ApplyPending(connection, dialect);
  if (!applied.ok()) {
    connection.Rollback().IgnoreError();
    return applied.status();
  }
  if (absl::Status status = connection.Commit(); !status.ok()) {
    connection.Rollback().IgnoreError();
    return status;
  }
  return applied;
}

// Runs a one-row, one-column query and returns that column (NULL as -1).
absl::StatusOr<int64_t> QueryInt(Connection& connection, absl::string_view sql) {
  absl::StatusOr<std::unique_ptr<Statement>> statement = connection.Prepare(sql);
  if (!statement.ok()) return statement.status();
  absl::StatusOr<bool> row = (*statement)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return absl::InternalError(absl::StrCat("no row from ", sql));
  return (*statement)->ColumnIsNull(0) ? -1 : (*statement)->ColumnInt64(0);
}

}  // namespace

absl::StatusOr<int> ApplyMigrations(Connection& connection, const SqlDialect& dialect) {
  if (dialect.acquire_migration_lock.empty()) return ApplyInTransaction(connection, dialect);
  // Each try waits a few seconds in the database; 30 tries give another server's
  // migrations minutes to finish.
  constexpr int kLockTries = 30;
  for (int attempt = 1;; ++attempt) {
    absl::StatusOr<int64_t> locked = QueryInt(connection, dialect.acquire_migration_lock);
    if (!locked.ok()) return locked.status();
    if (*locked == 1) break;
    if (*locked != 0 || attempt >= kLockTries) {
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
