#include "server/storage/sqlite_store.h"

#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "server/core/shared_thread_call.h"
#include "server/core/status_macros.h"
#include "server/storage/sql_store.h"
#include "server/storage/sqlite_checkpointer.h"
#include "server/storage/sqlite_dialect.h"
#include "server/storage/sqlite_driver.h"

namespace cxhub {

absl::StatusOr<ConnectionPool::Opener> SqliteWriterOpener(const SqliteConnectionOptions& writer) {
  // The checkpointer's own connection is a writer's, which it never writes through.
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Connection> checkpoints, OpenSqliteConnection(writer));
  std::shared_ptr<SqliteCheckpointer> checkpointer =
      SqliteCheckpointer::Start(std::move(checkpoints));
  return ConnectionPool::Opener(
      [writer, checkpointer]() { return OpenSqliteConnection(writer, checkpointer); });
}

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const SqliteStoreOptions& options) {
  if (options.path.empty() || options.path == ":memory:" ||
      absl::StartsWith(options.path, "file::memory:")) {
    return absl::InvalidArgumentError(
        "sqlite store path must name a file (WAL mode does not work in memory)");
  }
  SqliteConnectionOptions writer{options.path, options.busy_timeout, /*read_only=*/false};
  SqliteConnectionOptions reader{options.path, options.busy_timeout, /*read_only=*/true};
  SqlStoreOptions store_options;
  store_options.dialect = &SqliteDialect();
  CXHUB_ASSIGN_OR_RETURN(store_options.open_writer, SqliteWriterOpener(writer));
  store_options.open_reader = [reader]() { return OpenSqliteConnection(reader); };
  // One writer: SQLite has a single write lock per file, so writers queue on our mutex
  // instead of spinning on the file lock. Readers run beside it thanks to WAL.
  store_options.max_writers = 1;
  store_options.max_readers = 4;
  // The server answers point reads of this store on gRPC's callback threads
  // (server/api/point_read_handler.h): each may take a reader of its own.
  store_options.reserved_readers = SharedThreadReserve();
  store_options.activity_window = options.activity_window;
  return OpenSqlStore(std::move(store_options));
}

}  // namespace cxhub
