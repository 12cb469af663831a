#include "tests/storage/store_backends.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "server/storage/mysql_dialect.h"
#include "server/storage/mysql_driver.h"
#include "server/storage/mysql_store.h"
#include "server/storage/sql_dialect.h"
#include "server/storage/sqlite_dialect.h"
#include "server/storage/sqlite_driver.h"
#include "server/storage/sqlite_store.h"
#include "tests/storage/mysql_test_server.h"

namespace cxhub::testing {
namespace {

class SqliteBackend final : public StoreBackend {
 public:
  explicit SqliteBackend(const std::string& directory) : path_(directory + "/cxhub.db") {}

  absl::StatusOr<std::unique_ptr<Store>> OpenWithActivityWindow(
      absl::Duration activity_window) override {
    SqliteStoreOptions options{path_, absl::Seconds(5)};
    options.activity_window = activity_window;
    return OpenSqliteStore(options);
  }
  absl::StatusOr<std::unique_ptr<Connection>> Connect() override {
    return OpenSqliteConnection({path_, absl::Seconds(5), /*read_only=*/false});
  }
  const SqlDialect& dialect() const override { return SqliteDialect(); }

 private:
  std::string path_;
};

// A fresh database on the server named by CXHUB_TEST_MYSQL, dropped afterwards.
class MysqlBackend final : public StoreBackend {
 public:
  explicit MysqlBackend(const MysqlStoreOptions& server) : database_(server) {}

  absl::StatusOr<std::unique_ptr<Store>> OpenWithActivityWindow(
      absl::Duration activity_window) override {
    if (!database_.status().ok()) return database_.status();
    MysqlStoreOptions options = database_.options();
    options.activity_window = activity_window;
    return OpenMysqlStore(options);
  }
  absl::StatusOr<std::unique_ptr<Connection>> Connect() override {
    if (!database_.status().ok()) return database_.status();
    return OpenMysqlConnection(database_.connection_options());
  }
  const SqlDialect& dialect() const override { return MysqlDialect(); }

 private:
  FreshMysqlDatabase database_;
};

}  // namespace

std::vector<BackendFactory> AllBackends() {
  std::vector<BackendFactory> backends = {
      {"Sqlite",
       [](const std::string& directory) { return std::make_unique<SqliteBackend>(directory); }, ""},
  };
  const std::optional<MysqlStoreOptions> mysql = MysqlTestServer();
  if (mysql.has_value()) {
    backends.push_back(
        {"Mysql",
         [server = *mysql](const std::string&) { return std::make_unique<MysqlBackend>(server); },
         ""});
  } else {
    backends.push_back({"Mysql", nullptr, MysqlSkipReason()});
  }
  return backends;
}

}  // namespace cxhub::testing
