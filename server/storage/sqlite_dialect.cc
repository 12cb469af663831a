#include "server/storage/sqlite_dialect.h"

#include "server/storage/sql_dialect.h"

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
      /*create_migration_lock_table=*/"",
      /*lock_rows=*/"",
      /*share_rows=*/"",
      /*reserve_interaction_ids=*/"",
      // BEGIN IMMEDIATE already waits busy_timeout for the lock; a few more tries cover
      // another process holding it for longer than that.
      /*write_attempts=*/3,
      /*upsert=*/UpsertSyntax::kOnConflict,
  };
  return dialect;
}

}  // namespace cxhub
