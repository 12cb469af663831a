// The MySQL databases a benchmark fills, on the server CXHUB_BENCH_MYSQL names
// (host:port:user:password:database): each a fresh database <database>_<suffix>, dropped again
// when the benchmark ends, so a run never measures the leftovers of another; with
// CXHUB_BENCH_KEEP=1 they are kept, to profile queries against the filled tables afterwards.
#ifndef CXHUB_BENCHMARKS_HARNESS_MYSQL_BENCH_DATABASES_H_
#define CXHUB_BENCHMARKS_HARNESS_MYSQL_BENCH_DATABASES_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/storage/mysql_driver.h"
#include "server/storage/mysql_store.h"
#include "server/storage/sql_driver.h"

namespace cxhub::bench {

class MysqlBenchDatabases {
 public:
  // nullptr when CXHUB_BENCH_MYSQL is unset or empty (the benchmark runs SQLite only);
  // INVALID_ARGUMENT when it is malformed, or the connection's error.
  static absl::StatusOr<std::unique_ptr<MysqlBenchDatabases>> FromEnvironment();

  ~MysqlBenchDatabases();
  MysqlBenchDatabases(const MysqlBenchDatabases&) = delete;
  MysqlBenchDatabases& operator=(const MysqlBenchDatabases&) = delete;

  // Drops and creates <database>_<suffix> (utf8mb4_bin) and returns the options to reach it.
  absl::StatusOr<MysqlConnectionOptions> Create(absl::string_view suffix);

 private:
  MysqlBenchDatabases(MysqlConnectionOptions server, std::unique_ptr<Connection> admin)
      : server_(std::move(server)), admin_(std::move(admin)) {}

  const MysqlConnectionOptions server_;
  const std::unique_ptr<Connection> admin_;
  std::vector<std::string> created_;
};

// The store options for the database `connection` reaches.
MysqlStoreOptions StoreOptionsFor(const MysqlConnectionOptions& connection);

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_HARNESS_MYSQL_BENCH_DATABASES_H_
