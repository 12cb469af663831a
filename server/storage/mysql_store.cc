#include "server/storage/mysql_store.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/storage/mysql_dialect.h"
#include "server/storage/mysql_driver.h"
#include "server/storage/sql_store.h"

namespace cxhub {

absl::StatusOr<std::unique_ptr<Store>> OpenMysqlStore(const MysqlStoreOptions& options) {
  if (options.host.empty() || options.user.empty() || options.database.empty()) {
    return absl::InvalidArgumentError("mysql store needs a host, a user and a database");
  }
  if (options.port <= 0 || options.port > 65535) {
    return absl::InvalidArgumentError("mysql store port must be in 1..65535");
  }
  MysqlConnectionOptions writer;
  writer.host = options.host;
  writer.port = options.port;
  writer.user = options.user;
  writer.password = options.password;
  writer.database = options.database;
  writer.tls = options.tls;
  writer.tls_ca_file = options.tls_ca_file;
  writer.tls_verify_server_identity = options.tls_verify_server_identity;
  writer.connect_timeout = options.connect_timeout;
  writer.read_timeout = options.read_timeout;
  writer.write_timeout = options.write_timeout;
  writer.lock_wait_timeout = options.lock_wait_timeout;
  MysqlConnectionOptions reader = writer;
  reader.read_only = true;

  SqlStoreOptions store_options;
  store_options.dialect = &MysqlDialect();
  store_options.open_writer = [writer]() { return OpenMysqlConnection(writer); };
  store_options.open_reader = [reader]() { return OpenMysqlConnection(reader); };
  store_options.max_readers = MysqlReadConnections(options.pool_size);
  store_options.max_writers = std::max(options.pool_size, 2) - store_options.max_readers;
  store_options.activity_window = options.activity_window;
  return OpenSqlStore(std::move(store_options));
}

int MysqlReadConnections(int pool_size) {
  const int connections = std::max(pool_size, 2);
  return connections - connections / 2;  // The writers are half, rounded down.
}

}  // namespace cxhub
