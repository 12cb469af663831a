#include "server/core/operation_runner.h"

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/core/status_macros.h"
#include "server/core/thread_name.h"

namespace cxhub {
namespace {

// How long a worker waits before trying again while the database is unreachable.
constexpr absl::Duration kUnavailableBackoff = absl::Seconds(1);
// How often Wait() looks at the store when nobody in this process tells it about progress (the
// operation runs on another replica).
constexpr absl::Duration kWaitPollInterval = absl::Seconds(1);

absl::StatusOr<Operation> ReadOperation(Store& store, OperationId id) {
  absl::StatusOr<Operation> operation = absl::UnknownError("not read");
  CXHUB_RETURN_IF_ERROR(store.Read([&](StoreReader& reader) {
    operation = reader.GetOperation(id);
    return absl::OkStatus();
  }));
  return operation;
}

}  // namespace

OperationRunner::OperationRunner(Store& store, Clock& clock) : store_(store), clock_(clock) {}

OperationRunner::~OperationRunner() { Stop(); }

void OperationRunner::Register(const std::string& kind, ResumableWork& work) {
  absl::MutexLock lock(&mu_);
  work_by_kind_[kind] = &work;
}

ResumableWork* OperationRunner::WorkFor(const std::string& kind) {
  absl::MutexLock lock(&mu_);
  auto it = work_by_kind_.find(kind);
  return it == work_by_kind_.end() ? nullptr : it->second;
}

absl::StatusOr<Operation> OperationRunner::Start(const std::string& kind) {
  ResumableWork* work = WorkFor(kind);
  if (work == nullptr) return absl::InternalError(absl::StrCat("no work registered as ", kind));
  Operation operation;
  operation.kind = kind;
  operation.create_time = clock_.Now();
  operation.update_time = operation.create_time;
  CXHUB_RETURN_IF_ERROR(store_.Write([&](StoreWriter& writer) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(operation.total, work->Total(writer));
    CXHUB_ASSIGN_OR_RETURN(operation.id, writer.InsertOperation(operation));
    return absl::OkStatus();
  }));
  Launch(operation, *work);
  return operation;
}

absl::Status OperationRunner::ResumeUnfinished() {
  OperationFilter unfinished;
  unfinished.done = false;
  OperationId after_id = 0;
  for (;;) {
    CXHUB_ASSIGN_OR_RETURN(OperationPage page, List(unfinished, after_id, 100));
    for (const Operation& operation : page.operations) {
      // An operation of a kind this server does not run waits for one that does.
      if (ResumableWork* work = WorkFor(operation.kind); work != nullptr) {
        Launch(operation, *work);
      }
    }
    if (!page.has_more) return absl::OkStatus();
    after_id = page.operations.back().id;
  }
}

void OperationRunner::Launch(const Operation& operation, ResumableWork& work) {
  absl::MutexLock lock(&mu_);
  if (stopping_ || !running_.insert(operation.id).second) return;
  // A finished worker's thread is joined here, so threads do not pile up.
  auto& slot = workers_[operation.id];
  if (slot != nullptr && slot->thread.joinable()) slot->thread.join();
  slot = std::make_unique<Worker>();
  Worker* worker = slot.get();
  const OperationId id = operation.id;
  worker->thread = StartNamedThread(absl::StrCat("cx-op:", id),
                                    [this, id, &work, worker]() { Run(id, work, worker->wakeup); });
}

void OperationRunner::Run(OperationId id, ResumableWork& work, Wakeup& wakeup) {
  while (!stopping_) {
    absl::StatusOr<bool> done = RunOneBatch(id, work);
    NotifyWaiters();
    if (done.ok() && *done) break;
    if (done.ok()) continue;
    if (!absl::IsUnavailable(done.status())) {
      Fail(id, done.status());
      break;
    }
    // The database is down or stayed busy: the batch did not commit, try it again later.
    clock_.SleepUntil(clock_.Now() + kUnavailableBackoff, &wakeup);
  }
  absl::MutexLock lock(&mu_);
  running_.erase(id);
}

absl::StatusOr<bool> OperationRunner::RunOneBatch(OperationId id, ResumableWork& work) {
  bool done = false;
  CXHUB_RETURN_IF_ERROR(store_.Write([&](StoreWriter& writer) -> absl::Status {
    OperationUpdate update;
    update.update_time = clock_.Now();
    // Writing the row first locks it before it is read: two workers of one operation (two
    // replicas that both resumed it) then run its batches one after the other, each seeing the
    // cursor the other committed.
    CXHUB_RETURN_IF_ERROR(writer.UpdateOperation(id, update));
    CXHUB_ASSIGN_OR_RETURN(Operation operation, writer.GetOperation(id));
    done = operation.done();
    if (done) return absl::OkStatus();  // Finished elsewhere (another replica).
    if (operation.cancel_requested) {
      done = true;
      update.state = OperationState::kCancelled;
      update.error = absl::CancelledError("the operation was cancelled");
      return writer.UpdateOperation(id, update);
    }
    OperationProgress progress{operation.cursor, operation.processed, operation.total,
                               operation.changed};
    CXHUB_ASSIGN_OR_RETURN(done, work.RunBatch(writer, progress));
    update.cursor = progress.cursor;
    update.processed = progress.processed;
    update.changed = progress.changed;
    if (done) update.state = OperationState::kSucceeded;
    return writer.UpdateOperation(id, update);
  }));
  return done;
}

void OperationRunner::Fail(OperationId id, const absl::Status& error) {
  OperationUpdate update;
  update.state = OperationState::kFailed;
  update.error = error;
  update.update_time = clock_.Now();
  // If even this fails the row stays unfinished, and the next start resumes it.
  store_.Write([&](StoreWriter& writer) { return writer.UpdateOperation(id, update); })
      .IgnoreError();
  NotifyWaiters();
}

void OperationRunner::NotifyWaiters() {
  absl::MutexLock lock(&mu_);
  for (Wakeup* waiter : waiters_) waiter->Notify();
}

absl::StatusOr<Operation> OperationRunner::Get(OperationId id) { return ReadOperation(store_, id); }

absl::StatusOr<OperationPage> OperationRunner::List(const OperationFilter& filter,
                                                    OperationId after_id, int limit) {
  OperationPage page;
  CXHUB_RETURN_IF_ERROR(store_.Read([&](StoreReader& reader) -> absl::Status {
    // One row more than asked tells whether another page follows.
    CXHUB_ASSIGN_OR_RETURN(page.operations, reader.ListOperations(filter, after_id, limit + 1));
    return absl::OkStatus();
  }));
  if (page.operations.size() > static_cast<size_t>(limit)) {
    page.operations.resize(limit);
    page.has_more = true;
  }
  return page;
}

absl::StatusOr<Operation> OperationRunner::Cancel(OperationId id) {
  Operation operation;
  CXHUB_RETURN_IF_ERROR(store_.Write([&](StoreWriter& writer) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(operation, writer.GetOperation(id));
    if (operation.done() || operation.cancel_requested) return absl::OkStatus();
    OperationUpdate update;
    update.cancel_requested = true;
    update.update_time = clock_.Now();
    CXHUB_RETURN_IF_ERROR(writer.UpdateOperation(id, update));
    operation.cancel_requested = true;
    operation.update_time = update.update_time;
    return absl::OkStatus();
  }));
  return operation;
}

absl::Status OperationRunner::Delete(OperationId id) {
  return store_.Write([&](StoreWriter& writer) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(Operation operation, writer.GetOperation(id));
    if (!operation.done()) {
      return absl::FailedPreconditionError(
          absl::StrCat("operation ", id, " is still running; cancel it first"));
    }
    return writer.DeleteOperation(id);
  });
}

absl::StatusOr<Operation> OperationRunner::Wait(OperationId id, absl::Duration timeout) {
  const absl::Time deadline = clock_.Now() + timeout;
  Wakeup wakeup;
  {
    absl::MutexLock lock(&mu_);
    waiters_.insert(&wakeup);
  }
  absl::StatusOr<Operation> operation;
  for (;;) {
    operation = Get(id);
    const absl::Time now = clock_.Now();
    if (!operation.ok() || operation->done() || now >= deadline || stopping_) break;
    clock_.SleepUntil(std::min(deadline, now + kWaitPollInterval), &wakeup);
  }
  absl::MutexLock lock(&mu_);
  waiters_.erase(&wakeup);
  return operation;
}

void OperationRunner::Stop() {
  std::vector<std::unique_ptr<Worker>> workers;
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    for (Wakeup* waiter : waiters_) waiter->Notify();
    for (auto& [id, worker] : workers_) {
      worker->wakeup.Notify();
      workers.push_back(std::move(worker));
    }
    workers_.clear();
  }
  for (std::unique_ptr<Worker>& worker : workers) {
    if (worker->thread.joinable()) worker->thread.join();
  }
}

}  // namespace cxhub
