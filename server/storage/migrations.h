// Numbered schema migrations, embedded in the binary and applied when a store opens.
//
// The SQL lives in server/storage/migrations/<dialect>/NNNN_name.sql; the build turns each
// folder into a generated .cc (embed_migrations.cmake; declared in sqlite_dialect.h and
// mysql_dialect.h), so a deployed binary carries its schema with it. Applied versions are recorded
// in the table schema_migrations.
#ifndef CXHUB_SERVER_STORAGE_MIGRATIONS_H_
#define CXHUB_SERVER_STORAGE_MIGRATIONS_H_

#include "absl/status/statusor.h"
#include "server/storage/sql_dialect.h"
#include "server/storage/sql_driver.h"

namespace cxhub {

// Applies, in one write transaction on `connection`, every migration of `dialect` whose
// version is not yet recorded, and records each. Returns how many were applied (0 when the
// schema is current). Must not be called inside a transaction.
// Safe from several servers at once: on SQLite the write lock excludes the others; on MySQL,
// whose DDL commits implicitly, a lock row (schema_migration_lock) is held around the apply
// (waiting up to about five minutes for another server's migrations, then UNAVAILABLE; a
// holder on this host that died frees it at once). A current schema takes no lock.
// MySQL migration files are written to be re-runnable (CREATE TABLE IF NOT EXISTS), since a
// failure half-way through a file cannot be rolled back.
absl::StatusOr<int> ApplyMigrations(Connection& connection, const SqlDialect& dialect);

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_MIGRATIONS_H_
