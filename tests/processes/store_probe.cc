#include "tests/processes/store_probe.h"

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/storage/mysql_driver.h"
#include "server/storage/sqlite_driver.h"

namespace cxhub::testing {

StoreProbe::StoreProbe(const config::v1::StoreConfig& store) {
  absl::StatusOr<std::unique_ptr<Connection>> connection;
  if (store.has_sqlite()) {
    connection = OpenSqliteConnection({store.sqlite().path(), absl::Seconds(5),
                                       /*read_only=*/true});
  } else {
    MysqlConnectionOptions options;
    options.host = store.mysql().host();
    options.port = static_cast<int>(store.mysql().port());
    options.user = store.mysql().user();
    const char* password = std::getenv(store.mysql().password_env().c_str());
    options.password = password == nullptr ? "" : password;
    options.database = store.mysql().database();
    connection = OpenMysqlConnection(options);
  }
  if (connection.ok()) connection_ = *std::move(connection);
}

std::vector<std::string> StoreProbe::Column(const std::string& sql) {
  std::vector<std::string> out;
  absl::StatusOr<std::unique_ptr<Statement>> statement = connection_->Prepare(sql);
  if (!statement.ok()) return out;
  for (absl::StatusOr<bool> row = (*statement)->Step(); row.ok() && *row;
       row = (*statement)->Step()) {
    out.push_back((*statement)->ColumnText(0));
  }
  return out;
}

int64_t StoreProbe::Count(const std::string& sql) {
  const std::vector<std::string> rows = Column(sql);
  return rows.empty() || rows[0].empty() ? -1 : std::stoll(rows[0]);
}

}  // namespace cxhub::testing
