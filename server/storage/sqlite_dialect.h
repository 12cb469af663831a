// The SQLite dialect of the SQL store, and its embedded migrations (migrations/sqlite/).
#ifndef CXHUB_SERVER_STORAGE_SQLITE_DIALECT_H_
#define CXHUB_SERVER_STORAGE_SQLITE_DIALECT_H_

#include "absl/types/span.h"
#include "server/storage/sql_dialect.h"

namespace cxhub {

const SqlDialect& SqliteDialect();

// Generated from migrations/sqlite/ at build time, ascending by version.
absl::Span<const Migration> SqliteMigrations();

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQLITE_DIALECT_H_
