#include "server/storage/connection_pool.h"

#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "server/core/call_deadline.h"
#include "server/core/shared_thread_call.h"

namespace cxhub {

ConnectionPool::ConnectionPool(int max_size, Opener open, DurationHistogram* wait_times,
                               int reserved)
    : max_size_(max_size < 1 ? 1 : max_size),
      reserved_(reserved < 0 ? 0 : reserved),
      open_(std::move(open)),
      wait_times_(wait_times) {}

ConnectionPool::Lease::~Lease() {
  if (connection_ != nullptr) pool_->Release(std::move(connection_), reserved_);
}

absl::StatusOr<ConnectionPool::Lease> ConnectionPool::Acquire() {
  bool reserved = false;
  {
    const absl::Time wait_start = absl::Now();
    absl::MutexLock lock(&mutex_);
    reserved = CurrentCallOnSharedThread() && leased_reserved_ < reserved_;
    if (reserved) {
      ++leased_reserved_;
    } else {
      auto available = [this]()
                           ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) { return leased_ < max_size_; };
      const absl::Time deadline = CurrentCallDeadline();
      const bool free = mutex_.AwaitWithDeadline(absl::Condition(&available), deadline);
      if (wait_times_ != nullptr) wait_times_->Record(absl::Now() - wait_start);
      if (!free) {
        return absl::DeadlineExceededError(
            absl::StrCat("the call's deadline passed while it waited ",
                         absl::FormatDuration(absl::Now() - wait_start), " for one of the ",
                         max_size_, " store connections, all busy"));
      }
      ++leased_;
    }
    if (!idle_.empty()) {
      std::unique_ptr<Connection> connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(connection), reserved);
    }
    // The slot is counted: open outside the lock, it may take a while.
  }
  absl::StatusOr<std::unique_ptr<Connection>> connection = open_();
  if (!connection.ok()) {
    absl::MutexLock lock(&mutex_);
    --(reserved ? leased_reserved_ : leased_);
    return connection.status();
  }
  return Lease(this, *std::move(connection), reserved);
}

int ConnectionPool::open_count() {
  absl::MutexLock lock(&mutex_);
  return static_cast<int>(idle_.size()) + leased_ + leased_reserved_;
}

void ConnectionPool::Release(std::unique_ptr<Connection> connection, bool reserved) {
  absl::MutexLock lock(&mutex_);
  --(reserved ? leased_reserved_ : leased_);
  if (connection->IsBroken()) {
    connection.reset();  // Closed under the lock; closing a dead connection is quick.
    return;
  }
  idle_.push_back(std::move(connection));
}

}  // namespace cxhub
