#include "server/storage/sql_dialect.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/storage/migrations.h"

namespace cxhub {

const SqlDialect& SqliteDialect() {
  static const SqlDialect dialect = {
      /*name=*/"sqlite",
      /*migrations=*/SqliteMigrations(),
      /*create_migrations_table=*/
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY,"
      " name TEXT NOT NULL,"
      " applied_time INTEGER NOT NULL)",
      /*acquire_migration_lock=*/"",
      /*release_migration_lock=*/"",
      /*lock_rows=*/"",
      /*serialize_interaction_inserts=*/"",
      // BEGIN IMMEDIATE already waits busy_timeout for the lock; a few more tries cover
      // another process holding it for longer than that.
      /*write_attempts=*/3,
      /*upsert=*/UpsertSyntax::kOnConflict,
  };
  return dialect;
}

const SqlDialect& MysqlDialect() {
  static const SqlDialect dialect = {
      /*name=*/"mysql",
      /*migrations=*/MysqlMigrations(),
      /*create_migrations_table=*/
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version BIGINT NOT NULL PRIMARY KEY,"
      " name VARCHAR(255) NOT NULL,"
      " applied_time BIGINT NOT NULL"
      ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
      // Waits at most 10 s per try, well inside the connection's read timeout; the caller
      // tries again while another server is migrating.
      /*acquire_migration_lock=*/"SELECT GET_LOCK('cxhub_migrations', 10)",
      /*release_migration_lock=*/"SELECT RELEASE_LOCK('cxhub_migrations')",
      /*lock_rows=*/" FOR UPDATE",
      /*serialize_interaction_inserts=*/"SELECT id FROM commit_sequence WHERE id = 1 FOR UPDATE",
      // InnoDB resolves a deadlock by rolling back one transaction at once; the rerun
      // usually succeeds, so a handful of tries covers heavy contention.
      /*write_attempts=*/5,
      /*upsert=*/UpsertSyntax::kOnDuplicateKey,
  };
  return dialect;
}

std::string UpsertSql(const SqlDialect& dialect, absl::string_view table,
                      absl::Span<const absl::string_view> key_columns,
                      absl::Span<const absl::string_view> value_columns) {
  std::vector<absl::string_view> columns(key_columns.begin(), key_columns.end());
  columns.insert(columns.end(), value_columns.begin(), value_columns.end());
  std::vector<absl::string_view> marks(columns.size(), "?");
  std::string sql = absl::StrCat("INSERT INTO ", table, " (", absl::StrJoin(columns, ", "),
                                 ") VALUES (", absl::StrJoin(marks, ", "), ")");
  std::vector<std::string> sets;
  for (absl::string_view column : value_columns) {
    switch (dialect.upsert) {
      case UpsertSyntax::kOnConflict:
        sets.push_back(absl::StrCat(column, " = excluded.", column));
        break;
      case UpsertSyntax::kOnDuplicateKey:
        sets.push_back(absl::StrCat(column, " = VALUES(", column, ")"));
        break;
    }
  }
  switch (dialect.upsert) {
    case UpsertSyntax::kOnConflict:
      absl::StrAppend(&sql, " ON CONFLICT (", absl::StrJoin(key_columns, ", "), ") DO UPDATE SET ",
                      absl::StrJoin(sets, ", "));
      break;
    case UpsertSyntax::kOnDuplicateKey:
      absl::StrAppend(&sql, " ON DUPLICATE KEY UPDATE ", absl::StrJoin(sets, ", "));
      break;
  }
  return sql;
}

}  // namespace cxhub
