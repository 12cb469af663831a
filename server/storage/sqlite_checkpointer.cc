#include "server/storage/sqlite_checkpointer.h"

#include <memory>
#include <utility>

#include "absl/synchronization/mutex.h"
#include "server/core/thread_name.h"
#include "server/storage/sql_driver.h"

namespace cxhub {

std::unique_ptr<SqliteCheckpointer> SqliteCheckpointer::Start(
    std::unique_ptr<Connection> connection, SqliteCheckpointLimits limits) {
  std::unique_ptr<SqliteCheckpointer> checkpointer(
      new SqliteCheckpointer(std::move(connection), limits));
  checkpointer->thread_ =
      StartNamedThread("cx-checkpoint", [raw = checkpointer.get()] { raw->Run(); });
  return checkpointer;
}

SqliteCheckpointer::SqliteCheckpointer(std::unique_ptr<Connection> connection,
                                       SqliteCheckpointLimits limits)
    : connection_(std::move(connection)), limits_(limits) {}

SqliteCheckpointer::~SqliteCheckpointer() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

void SqliteCheckpointer::Committed(int wal_pages, absl::FunctionRef<void()> checkpoint_here) {
  if (wal_pages < limits_.request_pages) return;
  absl::MutexLock lock(&mu_);
  // Fewer pages than at the last request: the log has restarted from its start.
  if (wal_pages < requested_at_pages_) requested_at_pages_ = 0;
  if (requested_at_pages_ == 0 || wal_pages - requested_at_pages_ >= limits_.repeat_pages) {
    requested_ = true;
    requested_at_pages_ = wal_pages;
  }
  if (wal_pages < limits_.writer_pages) return;
  const auto idle = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return !checkpointing_; };
  mu_.Await(absl::Condition(&idle));
  checkpointing_ = true;
  mu_.Unlock();
  checkpoint_here();
  mu_.Lock();
  checkpointing_ = false;
}

int64_t SqliteCheckpointer::checkpoints() const {
  absl::MutexLock lock(&mu_);
  return checkpoints_;
}

void SqliteCheckpointer::Run() {
  const auto due_or_stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return (requested_ && !checkpointing_) || stopping_;
  };
  for (;;) {
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(&due_or_stopping));
      if (stopping_) return;
      requested_ = false;
      checkpointing_ = true;
    }
    // PASSIVE copies what no reader still needs and waits for nobody. A failure (an I/O
    // error) is left to the next request, or to the writer past writer_pages.
    const bool done = connection_->Execute("PRAGMA wal_checkpoint(PASSIVE)").ok();
    absl::MutexLock lock(&mu_);
    checkpointing_ = false;
    if (done) ++checkpoints_;
  }
}

}  // namespace cxhub
