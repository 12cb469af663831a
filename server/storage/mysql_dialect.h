// The MySQL / MariaDB dialect of the SQL store, and its embedded migrations
// (migrations/mysql/).
#ifndef CXHUB_SERVER_STORAGE_MYSQL_DIALECT_H_
#define CXHUB_SERVER_STORAGE_MYSQL_DIALECT_H_

#include "absl/types/span.h"
#include "server/storage/sql_dialect.h"

namespace cxhub {

const SqlDialect& MysqlDialect();

// Generated from migrations/mysql/ at build time, ascending by version.
absl::Span<const Migration> MysqlMigrations();

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_MYSQL_DIALECT_H_
