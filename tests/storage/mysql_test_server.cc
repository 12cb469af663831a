#include "tests/storage/mysql_test_server.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/storage/mysql_driver.h"
#include "server/storage/sql_driver.h"

namespace cxhub::testing {

std::optional<MysqlStoreOptions> MysqlTestServer() {
  const char* value = std::getenv(kMysqlEnv);
  if (value == nullptr || *value == '\0') return std::nullopt;
  std::vector<std::string> parts = absl::StrSplit(value, ':');
  int port = 0;
  if (parts.size() != 5 || !absl::SimpleAtoi(parts[1], &port)) return std::nullopt;
  MysqlStoreOptions options;
  options.host = parts[0];
  options.port = port;
  options.user = parts[2];
  options.password = parts[3];
  options.database = parts[4];
  options.pool_size = 8;
  // Tests stop the server on purpose: fail fast.
  options.connect_timeout = absl::Seconds(2);
  options.read_timeout = absl::Seconds(30);
  options.write_timeout = absl::Seconds(30);
  options.lock_wait_timeout = absl::Seconds(10);
  return options;
}

std::string MysqlSkipReason() {
  return absl::StrCat("set ", kMysqlEnv,
                      "=host:port:user:password:database (e.g. 127.0.0.1:3307:cxhub:cxhub:"
                      "cxhub_test, a server from scripts/mariadb) to run the MySQL backend");
}

std::string MysqlDirSkipReason() {
  return absl::StrCat(MysqlSkipReason(), ", and ", kMysqlDirEnv,
                      "=<the directory given to scripts/mariadb start>");
}

FreshMysqlDatabase::FreshMysqlDatabase(const MysqlStoreOptions& server) : server_(server) {
  static std::atomic<int> counter{0};
  options_ = server;
  options_.database = absl::StrCat(server.database, "_", getpid(), "_", counter.fetch_add(1));
  status_ = Run(absl::StrCat("DROP DATABASE IF EXISTS ", options_.database));
  if (status_.ok()) {
    status_ = Run(absl::StrCat("CREATE DATABASE ", options_.database,
                               " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"));
  }
}

FreshMysqlDatabase::~FreshMysqlDatabase() {
  Run(absl::StrCat("DROP DATABASE IF EXISTS ", options_.database)).IgnoreError();
}

MysqlConnectionOptions FreshMysqlDatabase::connection_options() const {
  MysqlConnectionOptions options;
  options.host = options_.host;
  options.port = options_.port;
  options.user = options_.user;
  options.password = options_.password;
  options.database = options_.database;
  options.connect_timeout = options_.connect_timeout;
  options.read_timeout = options_.read_timeout;
  options.write_timeout = options_.write_timeout;
  options.lock_wait_timeout = options_.lock_wait_timeout;
  return options;
}

absl::Status FreshMysqlDatabase::Run(const std::string& sql) {
  MysqlConnectionOptions admin;
  admin.host = server_.host;
  admin.port = server_.port;
  admin.user = server_.user;
  admin.password = server_.password;
  admin.database = server_.database;
  admin.connect_timeout = server_.connect_timeout;
  absl::StatusOr<std::unique_ptr<Connection>> connection = OpenMysqlConnection(admin);
  if (!connection.ok()) return connection.status();
  return (*connection)->ExecuteScript(sql);
}

}  // namespace cxhub::testing
