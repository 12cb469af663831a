// Opens the embedded SQLite store (WAL mode, migrations applied at open).
#ifndef CXHUB_SERVER_STORAGE_SQLITE_STORE_H_
#define CXHUB_SERVER_STORAGE_SQLITE_STORE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/core/store.h"
#include "server/storage/connection_pool.h"
#include "server/storage/sqlite_driver.h"

namespace cxhub {

struct SqliteStoreOptions {
  // Database file, created if missing. ":memory:" is not supported (WAL needs a file).
  std::string path;
  // How long a writer waits for the database lock before UNAVAILABLE.
  absl::Duration busy_timeout = absl::Seconds(5);
  // The activity window churn and retention are counted with (the server's
  // analytics.activity_window_days); the store keeps spells of activity for it.
  absl::Duration activity_window = absl::Hours(24 * kDefaultActivityWindowDays);
};

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const SqliteStoreOptions& options);

// Opens connections that write as the store's writer does: sqlite_driver.h's writer settings,
// checkpointed by one thread (started here) that all of them share and keep alive. For
// OpenSqliteStore, and for a benchmark's raw baseline, which must write as the store does.
absl::StatusOr<ConnectionPool::Opener> SqliteWriterOpener(const SqliteConnectionOptions& writer);

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQLITE_STORE_H_
