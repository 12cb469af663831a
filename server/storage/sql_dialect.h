// What differs between the SQL databases the store runs on, in one place.
//
// The SQL store writes each query once in the common subset (`?` placeholders, LIMIT, explicit
// column lists, no upserts, no reserved words as names); what cannot be shared is a field
// here. Transaction verbs and isolation are the driver's (Connection::BeginRead/BeginWrite):
// SQLite uses BEGIN DEFERRED / BEGIN IMMEDIATE (one writer, snapshot readers); MySQL readers
// use START TRANSACTION READ ONLY at REPEATABLE READ (one snapshot per transaction) and
// writers START TRANSACTION at READ COMMITTED (every statement sees the latest commits, which
// with the unique keys and the row locks below is what identity resolution needs).
#ifndef CXHUB_SERVER_STORAGE_SQL_DIALECT_H_
#define CXHUB_SERVER_STORAGE_SQL_DIALECT_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace cxhub {

struct Migration {
  int version;             // NNNN from the file name; applied in ascending order.
  absl::string_view name;  // The file name, recorded for people reading schema_migrations.
  absl::string_view sql;   // One or more statements.
};

// How "insert, or update the row whose unique key is taken" is spelled.
enum class UpsertSyntax {
  kOnConflict,      // SQLite, PostgreSQL: ON CONFLICT (key) DO UPDATE SET c = excluded.c
  kOnDuplicateKey,  // MySQL, MariaDB: ON DUPLICATE KEY UPDATE c = VALUES(c)
};

struct SqlDialect {
  absl::string_view name;
  // The numbered schema files of this dialect, ascending (see migrations.h).
  absl::Span<const Migration> migrations;
  // Creates the bookkeeping table if missing; column types differ between databases.
  absl::string_view create_migrations_table;
  // Creates the table holding the database-wide migration lock row (migrations.cc). Empty
  // where the migration transaction itself excludes other servers (SQLite's write lock); MySQL
  // DDL commits implicitly, so there a lock row keeps two servers from applying the same
  // migration at once. A row, not a named lock: GET_LOCK is local to one node of a Galera
  // cluster, while a row is replicated and its concurrent inserts are certified.
  absl::string_view create_migration_lock_table;
  // Appended to a SELECT whose rows the write transaction goes on to change. Empty where the
  // database has a single writer (SQLite); " FOR UPDATE" where writers run concurrently.
  absl::string_view lock_rows;
  // Appended to a SELECT whose rows must not change before the transaction ends, and which must
  // wait for a concurrent writer's uncommitted change to them. Empty on SQLite (one writer);
  // " LOCK IN SHARE MODE" on MySQL.
  absl::string_view share_rows;
  // Run by a write transaction before each interaction insert, with the number of rows the
  // insert adds as its one parameter: it takes that many interaction ids, returns the last as
  // its one row and column, and holds its row until commit. Empty where the database's
  // own ids already grow in commit order because writers are serialized (SQLite). On MySQL
  // auto-increment ids are handed out at insert time, not commit time, so a reader could see id
  // 12 committed before id 11 and a Watch would skip 11 for ever; and on a Galera cluster each
  // node hands out its own interleaved series (1, 4, 7 beside 2, 5, 8), so a node's next id can
  // be below one another node committed earlier. Ids taken from one row of commit_sequence grow
  // in commit order everywhere: on one server by its row lock, across Galera nodes by
  // certification (of two transactions writing the row, the later is aborted and rerun).
  absl::string_view reserve_interaction_ids;
  // How many times Store::Write runs a transaction that the database aborted for a conflict
  // (busy, locked, deadlock, lock wait timeout) before giving up with UNAVAILABLE.
  int write_attempts;
  UpsertSyntax upsert;
};

// The dialects themselves live with their backends: sqlite_dialect.h, mysql_dialect.h.

// An upsert into `table`: key_columns then value_columns take the `?`s in that order, row after
// row for `rows` rows (whose keys must differ); when the unique key formed by key_columns is
// taken, the row's value_columns are overwritten instead. value_columns must not be empty.
std::string UpsertSql(const SqlDialect& dialect, absl::string_view table,
                      absl::Span<const absl::string_view> key_columns,
                      absl::Span<const absl::string_view> value_columns, size_t rows = 1);

// An upsert that adds to counters: key_columns then counter_columns take the `?`s in that order,
// row after row for `rows` rows (whose keys must differ); when the unique key formed by
// key_columns is taken, the bound amounts are added to the row's counters instead.
std::string AddingUpsertSql(const SqlDialect& dialect, absl::string_view table,
                            absl::Span<const absl::string_view> key_columns,
                            absl::Span<const absl::string_view> counter_columns, size_t rows = 1);

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_DIALECT_H_
