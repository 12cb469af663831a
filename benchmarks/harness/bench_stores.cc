#include "benchmarks/harness/bench_stores.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "benchmarks/harness/mysql_bench_databases.h"
#include "server/core/status_macros.h"
#include "server/storage/mysql_driver.h"
#include "server/storage/mysql_store.h"
#include "server/storage/sqlite_driver.h"
#include "server/storage/sqlite_store.h"

namespace cxhub::bench {
namespace {

BenchStore Sqlite(const std::string& path) {
  return {"SQLite",
          [path] {
            return OpenSqliteStore({path, absl::Seconds(5)});
          },
          [path] {
            return OpenSqliteConnection({path, absl::Seconds(5), false});
          }};
}

BenchStore Mysql(const MysqlConnectionOptions& options) {
  return {"MySQL", [options] { return OpenMysqlStore(StoreOptionsFor(options)); },
          [options] { return OpenMysqlConnection(options); }};
}

absl::Status RunAll(const std::filesystem::path& directory, absl::string_view mysql_suffix,
                    absl::FunctionRef<absl::Status(const BenchStore&)> run) {
  if (SqliteBenchEnabled()) CXHUB_RETURN_IF_ERROR(run(Sqlite((directory / "store.db").string())));
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<MysqlBenchDatabases> mysql,
                         MysqlBenchDatabases::FromEnvironment());
  if (mysql == nullptr) {
    std::printf("(set CXHUB_BENCH_MYSQL=host:port:user:password:database for MySQL)\n");
    return absl::OkStatus();
  }
  CXHUB_ASSIGN_OR_RETURN(const MysqlConnectionOptions options, mysql->Create(mysql_suffix));
  return run(Mysql(options));
}

}  // namespace

PartedBenchStore SqliteParts(const std::filesystem::path& directory) {
  return {"SQLite", [directory](absl::string_view part) -> absl::StatusOr<BenchDatabase> {
            const std::string path = (directory / absl::StrCat(part, ".db")).string();
            return BenchDatabase{Sqlite(path), path, std::nullopt};
          }};
}

PartedBenchStore MysqlParts(MysqlBenchDatabases& databases, absl::string_view prefix) {
  return {"MySQL",
          [&databases,
           prefix = std::string(prefix)](absl::string_view part) -> absl::StatusOr<BenchDatabase> {
            CXHUB_ASSIGN_OR_RETURN(const MysqlConnectionOptions options,
                                   databases.Create(absl::StrCat(prefix, part)));
            return BenchDatabase{Mysql(options), "", options};
          }};
}

bool EnabledUnlessOff(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr || std::string(value) != "off";
}

bool SqliteBenchEnabled() { return EnabledUnlessOff("CXHUB_BENCH_SQLITE"); }

int RunOnEachStore(absl::string_view program, absl::string_view mysql_suffix,
                   absl::FunctionRef<absl::Status(const BenchStore&)> run) {
  const std::filesystem::path directory =
      std::filesystem::temp_directory_path() / absl::StrCat("cxhub_", program, "_", getpid());
  std::filesystem::create_directories(directory);
  const absl::Status status = RunAll(directory, mysql_suffix, run);
  std::filesystem::remove_all(directory);
  if (!status.ok()) {
    std::fprintf(stderr, "%s: %s\n", std::string(program).c_str(), status.ToString().c_str());
    return 1;
  }
  return 0;
}

}  // namespace cxhub::bench
