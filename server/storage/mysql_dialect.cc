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
      // An upsert of the row that is always there (migration 0001), for its RETURNING: the new
      // value comes back with the write, one round trip where an UPDATE needed a second for
      // LAST_INSERT_ID(). It locks the row exclusively at once, as the UPDATE did.
      /*reserve_interaction_ids=*/
      "INSERT INTO commit_sequence (id, n) VALUES (1, ?) "
      "ON DUPLICATE KEY UPDATE n = n + VALUES(n) RETURNING n",
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
