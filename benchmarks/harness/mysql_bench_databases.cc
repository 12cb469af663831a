#include "benchmarks/harness/mysql_bench_databases.h"

#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/storage/mysql_driver.h"
#include "server/storage/mysql_store.h"

namespace cxhub::bench {

absl::StatusOr<std::unique_ptr<MysqlBenchDatabases>> MysqlBenchDatabases::FromEnvironment() {
  const char* env = std::getenv("CXHUB_BENCH_MYSQL");
  if (env == nullptr || *env == '\0') return nullptr;
  const std::vector<std::string> parts = absl::StrSplit(env, ':');
  MysqlConnectionOptions server;
  if (parts.size() != 5 || !absl::SimpleAtoi(parts[1], &server.port)) {
    return absl::InvalidArgumentError("CXHUB_BENCH_MYSQL must be host:port:user:password:database");
  }
  server.host = parts[0];
  server.user = parts[2];
  server.password = parts[3];
  server.database = parts[4];
  absl::StatusOr<std::unique_ptr<Connection>> admin = OpenMysqlConnection(server);
  if (!admin.ok()) return admin.status();
  return std::unique_ptr<MysqlBenchDatabases>(
      new MysqlBenchDatabases(std::move(server), *std::move(admin)));
}

MysqlBenchDatabases::~MysqlBenchDatabases() {
  const char* keep = std::getenv("CXHUB_BENCH_KEEP");
  if (keep != nullptr && std::string(keep) == "1") return;
  for (const std::string& database : created_) {
    admin_->ExecuteScript(absl::StrCat("DROP DATABASE IF EXISTS ", database)).IgnoreError();
  }
}

absl::StatusOr<MysqlConnectionOptions> MysqlBenchDatabases::Create(absl::string_view suffix) {
  MysqlConnectionOptions options = server_;
  options.database = absl::StrCat(server_.database, "_", suffix);
  const absl::Status created = admin_->ExecuteScript(
      absl::StrCat("DROP DATABASE IF EXISTS ", options.database, "; CREATE DATABASE ",
                   options.database, " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"));
  if (!created.ok()) return created;
  created_.push_back(options.database);
  return options;
}

MysqlStoreOptions StoreOptionsFor(const MysqlConnectionOptions& connection) {
  MysqlStoreOptions store;
  store.host = connection.host;
  store.port = connection.port;
  store.user = connection.user;
  store.password = connection.password;
  store.database = connection.database;
  return store;
}

}  // namespace cxhub::bench
