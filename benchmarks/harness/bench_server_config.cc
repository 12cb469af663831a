#include "benchmarks/harness/bench_server_config.h"

#include <stdlib.h>

#include <cstdint>
#include <string>

namespace cxhub::bench {

namespace {

// Everything but the store.
config::v1::ServerConfig LoopbackServerConfig() {
  config::v1::ServerConfig config;
  config.set_listen_address("127.0.0.1:0");
  config.mutable_security()->set_plaintext(true);
  config.mutable_security()->set_auth_disabled(true);
  config.set_default_phone_region("PT");
  return config;
}

}  // namespace

config::v1::ServerConfig LoopbackSqliteServerConfig(const std::string& sqlite_path) {
  config::v1::ServerConfig config = LoopbackServerConfig();
  config.mutable_store()->mutable_sqlite()->set_path(sqlite_path);
  return config;
}

config::v1::ServerConfig LoopbackMysqlServerConfig(const MysqlStoreOptions& database,
                                                   const std::string& password_env) {
  setenv(password_env.c_str(), database.password.c_str(), /*overwrite=*/1);
  config::v1::ServerConfig config = LoopbackServerConfig();
  config::v1::MysqlStore* mysql = config.mutable_store()->mutable_mysql();
  mysql->set_host(database.host);
  mysql->set_port(static_cast<uint32_t>(database.port));
  mysql->set_user(database.user);
  mysql->set_password_env(password_env);
  mysql->set_database(database.database);
  mysql->set_pool_size(8);
  return config;
}

}  // namespace cxhub::bench
