// A bounded pool of driver connections, opened lazily.
//
// Store::Read and Store::Write each take one connection for the length of a transaction. The
// SQLite store uses a pool of one writer (SQLite has a single writer per file, so serializing
// in-process is cheaper than waiting on the file lock) and a few readers; MySQL sizes both from
// its configuration. Connections reported broken are dropped and reopened on demand.
// A pool may keep a reserve of connections for calls on gRPC's shared callback threads
// (server/core/shared_thread_call.h), so that they never queue behind slow reads.
// Thread safe.
#ifndef CXHUB_SERVER_STORAGE_CONNECTION_POOL_H_
#define CXHUB_SERVER_STORAGE_CONNECTION_POOL_H_

#include <functional>
#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "server/core/duration_histogram.h"
#include "server/storage/sql_driver.h"

namespace cxhub {

class ConnectionPool {
 public:
  using Opener = std::function<absl::StatusOr<std::unique_ptr<Connection>>()>;

  // `max_size` >= 1 connections are leased at most to ordinary callers, and `reserved` more to
  // callers on shared threads, who take a reserved one while one is free and otherwise queue
  // with the others; `open` makes a new one. Each Acquire's wait for a free slot goes into
  // `wait_times` when given (it must outlive the pool).
  ConnectionPool(int max_size, Opener open, DurationHistogram* wait_times = nullptr,
                 int reserved = 0);

  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Returns a connection to the pool when destroyed, or drops it if it is broken.
  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection, bool reserved)
        : pool_(pool), connection_(std::move(connection)), reserved_(reserved) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
    bool reserved_;  // Holds a slot of the reserve.
  };

  // Waits until a slot is free (at once on a shared thread while the reserve has one), but not
  // past the deadline of the call the thread serves (server/core/call_deadline.h):
  // DEADLINE_EXCEEDED then. Takes an idle connection or opens one; the error of a failed open
  // (usually UNAVAILABLE) is returned as is.
  absl::StatusOr<Lease> Acquire();

  // Connections open now, idle or leased.
  int open_count();

 private:
  void Release(std::unique_ptr<Connection> connection, bool reserved);

  const int max_size_;
  const int reserved_;
  const Opener open_;
  DurationHistogram* const wait_times_;
  absl::Mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_ ABSL_GUARDED_BY(mutex_);
  // Leased slots of each kind (a slot is taken before its connection is opened). A connection
  // is opened only when none is idle, so the open ones, idle plus leased, are at most
  // max_size_ + reserved_.
  int leased_ ABSL_GUARDED_BY(mutex_) = 0;
  int leased_reserved_ ABSL_GUARDED_BY(mutex_) = 0;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_CONNECTION_POOL_H_
