// The MariaDB / MySQL server the tests may use, named by the environment:
//   CXHUB_TEST_MYSQL=host:port:user:password:database   e.g. 127.0.0.1:3307:cxhub:cxhub:cxhub_test
//   CXHUB_TEST_MYSQL_DIR=<dir given to scripts/mariadb>  (only the outage test needs it)
// `database` must exist; the user must be allowed to create and drop databases, since every
// test gets a fresh one named after it.
#ifndef CXHUB_TESTS_STORAGE_MYSQL_TEST_SERVER_H_
#define CXHUB_TESTS_STORAGE_MYSQL_TEST_SERVER_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "server/storage/mysql_driver.h"
#include "server/storage/mysql_store.h"

namespace cxhub::testing {

inline constexpr char kMysqlEnv[] = "CXHUB_TEST_MYSQL";
inline constexpr char kMysqlDirEnv[] = "CXHUB_TEST_MYSQL_DIR";

// The server from CXHUB_TEST_MYSQL, or nullopt when it is unset or malformed.
std::optional<MysqlStoreOptions> MysqlTestServer();

// Why MySQL tests skip: names the variable to set.
std::string MysqlSkipReason();
// Why tests that also stop the server (and so need CXHUB_TEST_MYSQL_DIR) skip.
std::string MysqlDirSkipReason();

// A database created empty for one test and dropped when this is destroyed.
class FreshMysqlDatabase {
 public:
  // `server.database` is where the admin connection logs in; the new database's name starts
  // with it and ends with the process id and a counter, so parallel test processes never meet.
  explicit FreshMysqlDatabase(const MysqlStoreOptions& server);
  ~FreshMysqlDatabase();
  FreshMysqlDatabase(const FreshMysqlDatabase&) = delete;
  FreshMysqlDatabase& operator=(const FreshMysqlDatabase&) = delete;

  // OK once the database exists.
  const absl::Status& status() const { return status_; }
  // Store options pointing at the fresh database.
  const MysqlStoreOptions& options() const { return options_; }
  MysqlConnectionOptions connection_options() const;

 private:
  absl::Status Run(const std::string& sql);

  MysqlStoreOptions server_;
  MysqlStoreOptions options_;
  absl::Status status_;
};

}  // namespace cxhub::testing

#endif  // CXHUB_TESTS_STORAGE_MYSQL_TEST_SERVER_H_
