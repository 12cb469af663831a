// The one SQL implementation of Store, over the driver seam (sql_driver.h).
//
// Every query is written once with bound parameters, in the file of its aggregate
// (sql_customers.cc, sql_touchpoints.cc, sql_touchpoint_rules.cc, sql_interactions.cc,
// sql_connector_states.cc, sql_dead_letters.cc, sql_operations.cc); what differs between
// databases is in the SqlDialect. A backend (sqlite_store.cc, mysql_store.cc) only says how to
// open connections and how many of each kind.
#ifndef CXHUB_SERVER_STORAGE_SQL_STORE_H_
#define CXHUB_SERVER_STORAGE_SQL_STORE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/core/store.h"
#include "server/storage/connection_pool.h"
#include "server/storage/sql_dialect.h"

namespace cxhub {

struct SqlStoreOptions {
  const SqlDialect* dialect = nullptr;  // Required; must outlive the store.
  // Connections for Read() transactions, and for Write() transactions and migrations.
  ConnectionPool::Opener open_reader;
  ConnectionPool::Opener open_writer;
  int max_readers = 4;
  int max_writers = 1;
  // Readers kept for calls on gRPC's shared callback threads (server/core/shared_thread_call.h)
  // beyond max_readers: for a store whose reads the server runs there.
  int reserved_readers = 0;
  // The activity window churn and retention are counted with most (the server's
  // analytics.activity_window_days): the store keeps spells of activity for it
  // (sql_activity_spells.h), and builds them again at open when it changes.
  absl::Duration activity_window = absl::Hours(24 * kDefaultActivityWindowDays);
};

// Opens a writer connection, applies pending migrations, and returns the store. The store
// must outlive no one: destroy it after every Read/Write has returned.
absl::StatusOr<std::unique_ptr<Store>> OpenSqlStore(SqlStoreOptions options);

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_STORE_H_
