// Copies an SQLite store's write-ahead log back into the database file on a thread of its own,
// so that no caller waits for it.
//
// Why: with SQLite's own automatic checkpoint, the commit that takes the log past its limit
// copies the whole log (32 MiB at 8192 pages) into the file and syncs it before it returns,
// while every caller of a shared (group-committed) transaction and every writer queued behind
// it waits. That was the whole 99th percentile of RecordInteraction one at a time (37-50 ms;
// 13.7 ms with no checkpoint at all). A PASSIVE checkpoint on another connection blocks
// neither the writer nor the readers, so the writer only asks for one (Committed) and goes on.
//
// The log stays bounded even if this thread falls behind or fails: past `writer_pages` the
// committing writer checkpoints itself, as SQLite would have done. It must: under steady
// writes a passive checkpoint never finds the log fully copied at the moment a write begins,
// which is when SQLite restarts the log from its start, so the log only grows. The writer's
// own checkpoint, with no write in between, copies the little the thread left and lets the
// next write restart the log. The two never run at once (a passive checkpoint that finds
// another under way does nothing), so the writer waits for the thread's to end first.
#ifndef CXHUB_SERVER_STORAGE_SQLITE_CHECKPOINTER_H_
#define CXHUB_SERVER_STORAGE_SQLITE_CHECKPOINTER_H_

#include <cstdint>
#include <memory>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/synchronization/mutex.h"
#include "server/storage/sql_driver.h"

namespace cxhub {

struct SqliteCheckpointLimits {
  // A commit that leaves at least this many pages in the log asks for a checkpoint (8192
  // pages of 4 KiB: the count pages every write touches are copied back once per 32 MiB).
  int request_pages = 8192;
  // Past request_pages, a commit asks again once the log has grown this many pages since the
  // last request. Under steady writes a passive checkpoint never lets the log restart, so it
  // stays past request_pages: asking at every commit ran one checkpoint, with its fdatasync,
  // per commit (cxload's RecordInteraction run: 1,810-2,093 fdatasyncs, 206-297 at 1024). Few
  // enough that the writer's own checkpoint at writer_pages finds little left to copy (at 8192,
  // it copied up to 32 MiB while callers waited: p99.9 went from 11-24 ms to 34-40 ms).
  int repeat_pages = 1024;
  // A commit that leaves at least this many checkpoints in the committing thread.
  int writer_pages = 4 * 8192;
};

class SqliteCheckpointer {
 public:
  // Starts the thread, which checkpoints through `connection` (its own, on the store's file).
  static std::unique_ptr<SqliteCheckpointer> Start(std::unique_ptr<Connection> connection,
                                                   SqliteCheckpointLimits limits = {});
  SqliteCheckpointer(const SqliteCheckpointer&) = delete;
  SqliteCheckpointer& operator=(const SqliteCheckpointer&) = delete;
  // Stops the thread after the checkpoint under way, if any.
  ~SqliteCheckpointer();

  // Called by a writer after each commit with the pages now in the log. Asks the thread for a
  // checkpoint past request_pages, and again every repeat_pages; past writer_pages runs
  // `checkpoint_here` (the writer's own checkpoint) once the thread's is over. Thread-safe;
  // cheap below writer_pages.
  void Committed(int wal_pages, absl::FunctionRef<void()> checkpoint_here);

  // Checkpoints this thread has run.
  int64_t checkpoints() const;

 private:
  SqliteCheckpointer(std::unique_ptr<Connection> connection, SqliteCheckpointLimits limits);
  void Run();

  const std::unique_ptr<Connection> connection_;  // Used by the thread alone.
  const SqliteCheckpointLimits limits_;
  mutable absl::Mutex mu_;
  bool requested_ ABSL_GUARDED_BY(mu_) = false;
  int requested_at_pages_ ABSL_GUARDED_BY(mu_) = 0;  // The log's pages at the last request.
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool checkpointing_ ABSL_GUARDED_BY(mu_) = false;  // By the thread or by a writer.
  int64_t checkpoints_ ABSL_GUARDED_BY(mu_) = 0;
  std::thread thread_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQLITE_CHECKPOINTER_H_
