// Runs long work as resumable operations (operation.h): the work is done in batches, each one
// write transaction that also moves the operation's cursor and counters, so that a restart
// resumes exactly where the last committed batch ended, and a crash neither skips nor repeats a
// batch. Small transactions let connectors and API writes go on meanwhile.
#ifndef CXHUB_SERVER_CORE_OPERATION_RUNNER_H_
#define CXHUB_SERVER_CORE_OPERATION_RUNNER_H_

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/core/clock.h"
#include "server/core/operation.h"
#include "server/core/store.h"

namespace cxhub {

// Where a piece of work stands; a batch moves it on.
struct OperationProgress {
  std::string cursor;  // Empty: from the beginning.
  int64_t processed = 0;
  int64_t total = 0;
  int64_t changed = 0;
};

// One kind of long work. Implementations must be thread-safe: operations of the same kind may
// run at once, each on its own thread.
class ResumableWork {
 public:
  virtual ~ResumableWork() = default;

  // How much there is to do (OperationProgress::total), read when an operation starts, in the
  // transaction that creates it.
  virtual absl::StatusOr<int64_t> Total(StoreReader& reader) = 0;
  // Does the next batch after `progress.cursor` inside `writer` and moves `progress` past it.
  // True when nothing is left. May run again from the same progress when the store reruns the
  // transaction after a conflict, so it must have no effect outside the store.
  virtual absl::StatusOr<bool> RunBatch(StoreWriter& writer, OperationProgress& progress) = 0;
};

struct OperationPage {
  std::vector<Operation> operations;
  bool has_more = false;  // The next page starts after operations.back().id.
};

// Thread-safe. Borrows the store, the clock and the registered work, which must outlive it.
class OperationRunner {
 public:
  OperationRunner(Store& store, Clock& clock);
  // Stops the workers between two batches; their operations stay unfinished for the next
  // start to resume.
  ~OperationRunner();

  OperationRunner(const OperationRunner&) = delete;
  OperationRunner& operator=(const OperationRunner&) = delete;

  // Makes operations of `kind` run `work`. Call before Start and ResumeUnfinished.
  void Register(const std::string& kind, ResumableWork& work);

  // Records a new operation of a registered kind and starts its worker.
  absl::StatusOr<Operation> Start(const std::string& kind);
  // Starts a worker for every unfinished operation of a registered kind (at server start).
  absl::Status ResumeUnfinished();

  // NOT_FOUND if there is no such operation.
  absl::StatusOr<Operation> Get(OperationId id);
  absl::StatusOr<OperationPage> List(const OperationFilter& filter, OperationId after_id,
                                     int limit);
  // Asks the operation to stop before its next batch; returns it as it stands. A finished
  // operation stays as it is. NOT_FOUND if there is no such operation.
  absl::StatusOr<Operation> Cancel(OperationId id);
  // Forgets a finished operation. FAILED_PRECONDITION while it runs (cancel it first),
  // NOT_FOUND if there is no such operation.
  absl::Status Delete(OperationId id);
  // Returns the operation once it is done, or as it stands when `timeout` (on the clock) has
  // passed first, or at once when the runner stops.
  absl::StatusOr<Operation> Wait(OperationId id, absl::Duration timeout);

  // Stops every worker between two batches and waits for them; ends every Wait. Idempotent.
  void Stop();

 private:
  struct Worker {
    std::thread thread;
    Wakeup wakeup;  // Ends the worker's backoff sleep on Stop().
  };

  // Starts a thread running `operation`, unless one runs it already.
  void Launch(const Operation& operation, ResumableWork& work) ABSL_LOCKS_EXCLUDED(mu_);
  // The worker thread: batches until done, cancelled, failed or stopped.
  void Run(OperationId id, ResumableWork& work, Wakeup& wakeup);
  // One batch in one write transaction; true when the operation is done.
  absl::StatusOr<bool> RunOneBatch(OperationId id, ResumableWork& work);
  // Marks the operation failed with `error`.
  void Fail(OperationId id, const absl::Status& error);
  // Wakes every Wait() to look at the store again.
  void NotifyWaiters() ABSL_LOCKS_EXCLUDED(mu_);
  ResumableWork* WorkFor(const std::string& kind) ABSL_LOCKS_EXCLUDED(mu_);

  Store& store_;
  Clock& clock_;
  std::atomic<bool> stopping_{false};
  absl::Mutex mu_;
  std::map<std::string, ResumableWork*> work_by_kind_ ABSL_GUARDED_BY(mu_);
  std::map<OperationId, std::unique_ptr<Worker>> workers_ ABSL_GUARDED_BY(mu_);
  std::set<OperationId> running_ ABSL_GUARDED_BY(mu_);
  std::set<Wakeup*> waiters_ ABSL_GUARDED_BY(mu_);
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_OPERATION_RUNNER_H_
