#include "server/storage/mysql_dialect.h"

#include "server/storage/sql_dialect.h"

namespace cxhub {

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

}  // namespace cxhub
