// Opens the MySQL / MariaDB store: one SQL store over Connector/C++ connections, with
// migrations/mysql/ applied at open.
//
// The database must exist (CREATE DATABASE cxhub CHARACTER SET utf8mb4) and the user must be
// allowed to create tables in it. Several servers may share one database: migrations take a
// named lock, identity and idempotency keys are unique, and interaction ids are handed out in
// commit order (see ListInteractionsSince in store.h).
// When the server cannot be reached, opening fails with UNAVAILABLE; once open, the store
// answers UNAVAILABLE while the database is away and recovers by itself when it returns.
#ifndef CXHUB_SERVER_STORAGE_MYSQL_STORE_H_
#define CXHUB_SERVER_STORAGE_MYSQL_STORE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/core/store.h"

namespace cxhub {

struct MysqlStoreOptions {
  std::string host = "127.0.0.1";
  int port = 3306;
  std::string user;
  std::string password;
  std::string database;
  // TLS to the server: required when `tls` is set; tls_ca_file, when set, holds the PEM CA
  // certificates the server's must chain to; tls_verify_server_identity checks that the
  // server's certificate names `host`.
  bool tls = false;
  std::string tls_ca_file;
  bool tls_verify_server_identity = false;
  // Connections opened at most: half for Write transactions (at least one), the rest for
  // Read transactions (at least one). A Write waits when every writer is busy.
  int pool_size = 8;
  absl::Duration connect_timeout = absl::Seconds(5);
  absl::Duration read_timeout = absl::Seconds(60);
  absl::Duration write_timeout = absl::Seconds(60);
  absl::Duration lock_wait_timeout = absl::Seconds(20);
  // The activity window churn and retention are counted with (the server's
  // analytics.activity_window_days); the store keeps spells of activity for it.
  absl::Duration activity_window = absl::Hours(24 * kDefaultActivityWindowDays);
};

absl::StatusOr<std::unique_ptr<Store>> OpenMysqlStore(const MysqlStoreOptions& options);

// How many of a pool of `pool_size` connections serve Read transactions.
int MysqlReadConnections(int pool_size);

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_MYSQL_STORE_H_
