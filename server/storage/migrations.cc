#include "server/storage/migrations.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <fstream>
#include <initializer_list>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "server/core/status_macros.h"
#include "server/storage/sql_param.h"

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

// Times the row recording an applied migration is written again after an abort, and the wait
// between tries.
constexpr int kRecordTries = 20;
constexpr absl::Duration kRecordRetryWait = absl::Milliseconds(100);

// Records `migration` as applied. On Galera, another server starting on a fresh database at the
// same moment may still run `CREATE TABLE IF NOT EXISTS schema_migrations` (it found no table
// either; DDL, executed in total order on every node), which aborts a statement of this server
// on that table (ER_LOCK_DEADLOCK, ABORTED) even while this server holds the migration lock. The
// migration's DDL has committed by then (MySQL commits DDL at once), so the aborted transaction is
// rolled back, which undoes no migration, begun again and the row written again, rather than
// failing the start. SQLite never aborts.
absl::Status RecordApplied(Connection& connection, const Migration& migration) {
  absl::Status recorded;
  for (int attempt = 0; attempt < kRecordTries; ++attempt) {
    if (attempt > 0) {
      absl::SleepFor(kRecordRetryWait);
      CXHUB_RETURN_IF_ERROR(connection.Rollback());
      CXHUB_RETURN_IF_ERROR(connection.BeginWrite());
    }
    CXHUB_ASSIGN_OR_RETURN(
        std::unique_ptr<Statement> insert,
        connection.Prepare(
            "INSERT INTO schema_migrations (version, name, applied_time) VALUES (?, ?, ?)"));
    insert->BindInt64(1, migration.version);
    insert->BindText(2, migration.name);
    insert->BindInt64(3, absl::ToUnixMicros(absl::Now()));
    recorded = insert->Step().status();
    if (!absl::IsAborted(recorded)) return recorded;
  }
  return recorded;
}

// Creates `table` by `create_sql` only when a read of it fails. On Galera even
// CREATE TABLE IF NOT EXISTS is DDL, run in total order on every node, and it aborts whatever
// another server has open on the table (the migrating server's insert of its "applied" row)
// though it changes nothing; most starts find both bookkeeping tables there and need no DDL.
absl::Status CreateTableIfMissing(Connection& connection, absl::string_view table,
                                  absl::string_view create_sql) {
  absl::StatusOr<std::unique_ptr<Statement>> read =
      connection.Prepare(absl::StrCat("SELECT 1 FROM ", table, " LIMIT 1"));
  if (read.ok() && (*read)->Step().ok()) return absl::OkStatus();
  return connection.ExecuteScript(create_sql);
}

absl::Status CreateMigrationsTable(Connection& connection, const SqlDialect& dialect) {
  return CreateTableIfMissing(connection, "schema_migrations", dialect.create_migrations_table);
}

absl::Status Apply(Connection& connection, const SqlDialect& dialect, const Migration& migration) {
  if (absl::Status status = connection.ExecuteScript(migration.sql); !status.ok()) {
    return absl::Status(status.code(), absl::StrCat("migration ", migration.name, " (",
                                                    dialect.name, "): ", status.message()));
  }
  return RecordApplied(connection, migration);
}

absl::StatusOr<int> ApplyPending(Connection& connection, const SqlDialect& dialect) {
  CXHUB_RETURN_IF_ERROR(CreateMigrationsTable(connection, dialect));
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

// A lock held by a server that died is free after this long. Long enough for any migration;
// a server that waits longer than that is told why.
constexpr absl::Duration kLockLifetime = absl::Minutes(5);

std::string LocalHostName() {
  char host[256] = {};
  gethostname(host, sizeof(host) - 1);
  return host;
}

// Who holds the lock row: this host and process, and when it asked.
std::string MigrationLockOwner() {
  return absl::StrCat(LocalHostName(), ":", getpid(), ":", absl::ToUnixMicros(absl::Now()));
}

// True when process `pid` of this host has ended: there is none, or it is a zombie that nobody
// reaped. Where PID 1 does not reap orphans (some containers' init), a server killed there stays
// a zombie, and kill(pid, 0) still finds it.
bool LocalProcessEnded(int pid) {
  std::ifstream stat_file(absl::StrCat("/proc/", pid, "/stat"));
  std::string stat;
  if (!stat_file || !std::getline(stat_file, stat)) return kill(pid, 0) != 0 && errno == ESRCH;
  // "pid (comm) state ...": the command may hold any character, so the state follows the last ')'.
  const size_t command_end = stat.rfind(')');
  if (command_end == std::string::npos || command_end + 2 >= stat.size()) return false;
  const char state = stat[command_end + 2];
  return state == 'Z' || state == 'X';
}

// True when `owner` (MigrationLockOwner's) is a process of this host that no longer runs: a
// server killed while it migrated, whose lock need not block a restart for kLockLifetime. A
// holder on another host is only known dead by its lock's expiry.
bool HeldByDeadLocalProcess(absl::string_view owner) {
  const std::vector<absl::string_view> parts = absl::StrSplit(owner, ':');
  int pid = 0;
  if (parts.size() != 3 || parts[0] != LocalHostName() || !absl::SimpleAtoi(parts[1], &pid) ||
      pid <= 0) {
    return false;
  }
  return LocalProcessEnded(pid);
}

// Runs `sql` in autocommit with `values` bound in order: true when it changed a row.
absl::StatusOr<bool> ChangeLockRow(Connection& connection, absl::string_view sql,
                                   std::initializer_list<Param> values) {
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Statement> statement, connection.Prepare(sql));
  int position = 1;
  for (const Param& value : values) value.BindTo(*statement, position++);
  CXHUB_RETURN_IF_ERROR(statement->Step().status());
  return statement->RowsAffected() > 0;
}

// The lock row's holder, empty when there is no row.
absl::StatusOr<std::string> MigrationLockHolder(Connection& connection) {
  CXHUB_ASSIGN_OR_RETURN(
      std::unique_ptr<Statement> select,
      connection.Prepare("SELECT owner FROM schema_migration_lock WHERE id = 1"));
  CXHUB_ASSIGN_OR_RETURN(bool row, select->Step());
  return row ? select->ColumnText(0) : std::string();
}

// One try at the lock row: inserts it, or takes it over once its holder's lifetime is over or
// its holder is known dead. Two servers' inserts on two Galera nodes are both accepted locally
// and one is refused at certification (ABORTED, ER_LOCK_DEADLOCK) or meets the other's row
// (ALREADY_EXISTS): either way it has not got the lock, and tries again.
absl::StatusOr<bool> TryMigrationLock(Connection& connection, const std::string& owner) {
  const int64_t now = absl::ToUnixMicros(absl::Now());
  const int64_t expire = absl::ToUnixMicros(absl::Now() + kLockLifetime);
  absl::StatusOr<bool> taken = ChangeLockRow(
      connection, "INSERT INTO schema_migration_lock (id, owner, expire_time) VALUES (1, ?, ?)",
      {owner, expire});
  if (absl::IsAlreadyExists(taken.status())) {
    // Taken over once its lifetime is over, or at once from a dead holder; compared with the
    // holder read, so of two servers taking it over only one does.
    CXHUB_ASSIGN_OR_RETURN(const std::string holder, MigrationLockHolder(connection));
    const std::string dead_holder = HeldByDeadLocalProcess(holder) ? holder : "";
    taken = ChangeLockRow(connection,
                          "UPDATE schema_migration_lock SET owner = ?, expire_time = ? "
                          "WHERE id = 1 AND owner = ? AND (expire_time < ? OR owner = ?)",
                          {owner, expire, holder, now, dead_holder});
  }
  if (absl::IsAborted(taken.status()) || absl::IsAlreadyExists(taken.status())) return false;
  return taken;
}

absl::Status TakeMigrationLock(Connection& connection, const std::string& owner) {
  // A holder that died frees the lock after its lifetime: wait a little longer than that.
  const absl::Time give_up = absl::Now() + kLockLifetime + absl::Seconds(30);
  while (true) {
    CXHUB_ASSIGN_OR_RETURN(bool taken, TryMigrationLock(connection, owner));
    if (taken) return absl::OkStatus();
    if (absl::Now() >= give_up) {
      return absl::UnavailableError(
          "could not take the migration lock (table schema_migration_lock): another server "
          "has been applying migrations for longer than it should");
    }
    absl::SleepFor(absl::Milliseconds(200));
  }
}

absl::Status ReleaseMigrationLock(Connection& connection, const std::string& owner) {
  return ChangeLockRow(connection, "DELETE FROM schema_migration_lock WHERE id = 1 AND owner = ?",
                       {owner})
      .status();
}

}  // namespace

absl::StatusOr<int> ApplyMigrations(Connection& connection, const SqlDialect& dialect) {
  if (dialect.create_migration_lock_table.empty()) {
    return ApplyInTransaction(connection, dialect);
  }
  // Most starts find the schema current: they need no lock, so a server killed then cannot
  // leave one behind that keeps the others waiting.
  CXHUB_RETURN_IF_ERROR(CreateMigrationsTable(connection, dialect));
  CXHUB_ASSIGN_OR_RETURN(const std::set<int64_t> recorded, AppliedVersions(connection));
  if (std::all_of(dialect.migrations.begin(), dialect.migrations.end(),
                  [&](const Migration& migration) { return recorded.count(migration.version); })) {
    return 0;
  }
  CXHUB_RETURN_IF_ERROR(CreateTableIfMissing(connection, "schema_migration_lock",
                                             dialect.create_migration_lock_table));
  const std::string owner = MigrationLockOwner();
  CXHUB_RETURN_IF_ERROR(TakeMigrationLock(connection, owner));
  absl::StatusOr<int> applied = ApplyInTransaction(connection, dialect);
  // A lock left behind (the release failed) is free again after its lifetime.
  ReleaseMigrationLock(connection, owner).IgnoreError();
  return applied;
}

}  // namespace cxhub
