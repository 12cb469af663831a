// A look into a store (either backend) from outside the server that owns it, for tests that
// check what a killed or running cxhubd committed: one connection, read-only on SQLite.
#ifndef CXHUB_TESTS_PROCESSES_STORE_PROBE_H_
#define CXHUB_TESTS_PROCESSES_STORE_PROBE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cxhub/config/v1/config.pb.h"
#include "server/storage/sql_driver.h"

namespace cxhub::testing {

class StoreProbe {
 public:
  // Connects as `store` says (the MySQL password from its password_env); ok() tells whether it
  // could.
  explicit StoreProbe(const config::v1::StoreConfig& store);
  bool ok() const { return connection_ != nullptr; }

  // The first column of every row of `sql`, as text; empty when the query fails.
  std::vector<std::string> Column(const std::string& sql);
  // The first column of the first row of `sql` as a number; -1 when there is none.
  int64_t Count(const std::string& sql);

 private:
  std::unique_ptr<Connection> connection_;
};

}  // namespace cxhub::testing

#endif  // CXHUB_TESTS_PROCESSES_STORE_PROBE_H_
