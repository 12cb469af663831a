#include "server/store_from_config.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "server/storage/mysql_store.h"
#include "server/storage/sqlite_store.h"

namespace cxhub {
namespace {

// The password comes from a file or the environment, never the command line (visible in ps).
absl::StatusOr<std::string> ReadMysqlPassword(const config::v1::MysqlStore& mysql) {
  if (!mysql.password_file().empty()) {
    std::ifstream file(mysql.password_file(), std::ios::binary);
    if (!file.is_open()) {
      return absl::InvalidArgumentError(
          absl::StrCat("config: store.mysql.password_file: cannot read ", mysql.password_file()));
    }
    std::stringstream contents;
    contents << file.rdbuf();
    std::string password = contents.str();
    while (!password.empty() && (password.back() == '\n' || password.back() == '\r')) {
      password.pop_back();
    }
    return password;
  }
  if (!mysql.password_env().empty()) {
    const char* password = std::getenv(mysql.password_env().c_str());
    if (password == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("config: store.mysql.password_env: ", mysql.password_env(), " is not set"));
    }
    return std::string(password);
  }
  return std::string();
}

// The config's pool size, or MysqlStoreOptions' default when it says none.
int MysqlPoolSize(const config::v1::MysqlStore& mysql) {
  return mysql.pool_size() > 0 ? static_cast<int>(mysql.pool_size())
                               : MysqlStoreOptions().pool_size;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenStoreFromConfig(const config::v1::StoreConfig& config,
                                                           absl::Duration activity_window,
                                                           const config::v1::MysqlTlsConfig& tls) {
  switch (config.backend_case()) {
    case config::v1::StoreConfig::kSqlite: {
      SqliteStoreOptions options;
      options.path = config.sqlite().path();
      options.activity_window = activity_window;
      return OpenSqliteStore(options);
    }
    case config::v1::StoreConfig::kMysql: {
      const config::v1::MysqlStore& mysql = config.mysql();
      MysqlStoreOptions options;
      options.host = mysql.host();
      options.port = mysql.port() == 0 ? 3306 : static_cast<int>(mysql.port());
      options.user = mysql.user();
      options.database = mysql.database();
      options.activity_window = activity_window;
      options.tls = tls.enabled();
      options.tls_ca_file = tls.ca_file();
      options.tls_verify_server_identity = tls.verify_server_identity();
      absl::StatusOr<std::string> password = ReadMysqlPassword(mysql);
      if (!password.ok()) return password.status();
      options.password = *std::move(password);
      options.pool_size = MysqlPoolSize(mysql);
      if (mysql.connect_timeout_seconds() > 0) {
        options.connect_timeout = absl::Seconds(mysql.connect_timeout_seconds());
      }
      if (mysql.read_timeout_seconds() > 0) {
        options.read_timeout = absl::Seconds(mysql.read_timeout_seconds());
      }
      if (mysql.write_timeout_seconds() > 0) {
        options.write_timeout = absl::Seconds(mysql.write_timeout_seconds());
      }
      if (mysql.lock_wait_timeout_seconds() > 0) {
        options.lock_wait_timeout = absl::Seconds(mysql.lock_wait_timeout_seconds());
      }
      absl::StatusOr<std::unique_ptr<Store>> store = OpenMysqlStore(options);
      if (!store.ok()) {
        return absl::Status(
            store.status().code(),
            absl::StrCat("store.mysql (", options.user, "@", options.host, ":", options.port, "/",
                         options.database, "): ", store.status().message()));
      }
      return store;
    }
    case config::v1::StoreConfig::BACKEND_NOT_SET:
      break;
  }
  return absl::InvalidArgumentError("config: store: one of sqlite or mysql is required");
}

int PointReadThreads(const config::v1::StoreConfig& config) {
  if (!config.has_mysql()) return 0;
  return MysqlReadConnections(MysqlPoolSize(config.mysql()));
}

std::string StoreBackendName(const config::v1::StoreConfig& config) {
  return config.backend_case() == config::v1::StoreConfig::kMysql ? "mysql" : "sqlite";
}

std::string MetricsListenAddress(const config::v1::MetricsConfig& config) {
  return config.listen_address().empty() ? "127.0.0.1:9464" : config.listen_address();
}

}  // namespace cxhub
