// The stores a benchmark that measures both backends runs on, and the main() around it: SQLite
// in a fresh temporary directory, then MySQL in a fresh database when CXHUB_BENCH_MYSQL is set
// (mysql_bench_databases.h), each opened as the server opens it, with a raw connection beside
// it for the same-run baseline. A run of several parts (a store measured, its raw baseline, a
// second server...) takes a fresh database per part instead (PartedBenchStore).
#ifndef CXHUB_BENCHMARKS_HARNESS_BENCH_STORES_H_
#define CXHUB_BENCHMARKS_HARNESS_BENCH_STORES_H_

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "benchmarks/harness/mysql_bench_databases.h"
#include "server/core/store.h"
#include "server/storage/mysql_driver.h"
#include "server/storage/sql_driver.h"

namespace cxhub::bench {

struct BenchStore {
  std::string name;  // "SQLite", "MySQL": how the result tables name it.
  std::function<absl::StatusOr<std::unique_ptr<Store>>()> open;
  // A connection to the same database, outside the store (the baseline's scans).
  std::function<absl::StatusOr<std::unique_ptr<Connection>>()> connect;
};

// One fresh database of a run with several (PartedBenchStore): how to open it, and where it is.
struct BenchDatabase {
  BenchStore store;
  std::string sqlite_path;                      // SQLite: its file; empty on MySQL.
  std::optional<MysqlConnectionOptions> mysql;  // MySQL: its database.
};

// A store for a run whose parts (the path measured, its raw baseline, ...) each want a fresh
// database of their own.
struct PartedBenchStore {
  std::string name;  // "SQLite", "MySQL".
  std::function<absl::StatusOr<BenchDatabase>(absl::string_view part)> create;
};

// SQLite: <part>.db in `directory`, which the caller removes.
PartedBenchStore SqliteParts(const std::filesystem::path& directory);
// MySQL: the fresh database <database>_<prefix><part> on the server of `databases`, which must
// outlive the result.
PartedBenchStore MysqlParts(MysqlBenchDatabases& databases, absl::string_view prefix);

// False when the environment variable `name` is "off": a part of a benchmark someone turned off.
bool EnabledUnlessOff(const char* name);

// False when CXHUB_BENCH_SQLITE=off: the benchmark runs MySQL only (so that the two stores can
// run as two processes).
bool SqliteBenchEnabled();

// Calls `run` with SQLite (store.db in a temporary directory named after `program`, removed
// afterwards; skipped with CXHUB_BENCH_SQLITE=off), then, with CXHUB_BENCH_MYSQL set, with MySQL in
// the fresh database <database>_<mysql_suffix>; stops at the first failure. Returns main()'s exit
// code: 0, or 1 after printing "<program>: <status>" to stderr.
int RunOnEachStore(absl::string_view program, absl::string_view mysql_suffix,
                   absl::FunctionRef<absl::Status(const BenchStore&)> run);

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_HARNESS_BENCH_STORES_H_
