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
      /*create_migration_lock_table=*/
      "CREATE TABLE IF NOT EXISTS schema_migration_lock ("
      " id INT NOT NULL PRIMARY KEY,"
      " owner VARBINARY(255) NOT NULL,"
      " expire_time BIGINT NOT NULL"
      ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
      /*lock_rows=*/" FOR UPDATE",
      /*share_rows=*/" LOCK IN SHARE MODE",
      // A write, not SELECT ... FOR UPDATE: Galera certifies writes across nodes, never locks.
      /*reserve_interaction_ids=*/
      "UPDATE commit_sequence SET n = LAST_INSERT_ID(n + ?) WHERE id = 1",
      // InnoDB resolves a deadlock by rolling back one transaction at once, and Galera a
      // conflict between nodes at certification; the rerun usually succeeds, but inserts of
      // interactions on several nodes at once all conflict on commit_sequence, so it takes
      // more tries than one server's deadlocks (each after a jittered wait; the call's
      // deadline ends them sooner).
      /*write_attempts=*/10,
      /*upsert=*/UpsertSyntax::kOnDuplicateKey,
  };
  return dialect;
}

}  // namespace cxhub
