// The configuration of the cxhubd a benchmark starts, in-process or as a child process.
#ifndef CXHUB_BENCHMARKS_HARNESS_BENCH_SERVER_CONFIG_H_
#define CXHUB_BENCHMARKS_HARNESS_BENCH_SERVER_CONFIG_H_

#include <string>

#include "cxhub/config/v1/config.pb.h"
#include "server/storage/mysql_store.h"

namespace cxhub::bench {

// cxhubd on a free loopback port over a SQLite store at `sqlite_path`, plain text without
// authentication (the benchmarks measure the service, not TLS: auth_cost_benchmark measures
// that), with Portugal as the default phone region that a config must name.
config::v1::ServerConfig LoopbackSqliteServerConfig(const std::string& sqlite_path);

// The same over the MySQL database `database` names (a pool of 8). The password stays out of the
// config file: cxhubd reads it from the environment variable `password_env`, which this sets to
// database.password in this process (a child cxhubd inherits it).
config::v1::ServerConfig LoopbackMysqlServerConfig(const MysqlStoreOptions& database,
                                                   const std::string& password_env);

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_HARNESS_BENCH_SERVER_CONFIG_H_
