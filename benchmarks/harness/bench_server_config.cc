#include "benchmarks/harness/bench_server_config.h"

namespace cxhub::bench {

config::v1::ServerConfig LoopbackSqliteServerConfig(const std::string& sqlite_path) {
  config::v1::ServerConfig config;
  config.set_listen_address("127.0.0.1:0");
  config.mutable_security()->set_plaintext(true);
  config.mutable_security()->set_auth_disabled(true);
  config.mutable_store()->mutable_sqlite()->set_path(sqlite_path);
  config.set_default_phone_region("PT");
  return config;
}

}  // namespace cxhub::bench
