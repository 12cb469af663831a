// The SQLite implementation of the driver seam (sql_driver.h), over the sqlite3 C API.
#ifndef CXHUB_SERVER_STORAGE_SQLITE_DRIVER_H_
#define CXHUB_SERVER_STORAGE_SQLITE_DRIVER_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sqlite_checkpointer.h"

namespace cxhub {

struct SqliteConnectionOptions {
  std::string path;  // Created if missing (unless read_only).
  // How long a statement waits for another connection's lock before UNAVAILABLE.
  absl::Duration busy_timeout = absl::Seconds(5);
  // Refuses writes on this connection (PRAGMA query_only); for reader pools.
  bool read_only = false;
};

// Opens a connection with WAL journaling, synchronous=NORMAL, foreign keys on and the busy
// timeout set; a writer (not read_only) gets a page cache of 64 MiB and temporary tables in
// memory. UNAVAILABLE if the file cannot be opened.
// A writer given a `checkpointer` asks it to copy the log back after its commits, instead of
// checkpointing in the committing thread (SQLite's automatic checkpoint, which a writer without
// one keeps); the connection shares its ownership.
absl::StatusOr<std::unique_ptr<Connection>> OpenSqliteConnection(
    const SqliteConnectionOptions& options,
    std::shared_ptr<SqliteCheckpointer> checkpointer = nullptr);

// Maps an SQLite (extended) result code and message to the seam's canonical status.
absl::Status SqliteErrorToStatus(int extended_code, absl::string_view message);

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQLITE_DRIVER_H_
