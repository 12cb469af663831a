#include "server/connectors/commit_ahead.h"

#include <utility>

#include "absl/synchronization/mutex.h"
#include "server/core/thread_name.h"

namespace cxhub {

CommitAhead::~CommitAhead() {
  if (!thread_.joinable()) return;
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

void CommitAhead::Start(absl::AnyInvocable<void() &&> job) {
  {
    absl::MutexLock lock(&mu_);
    job_.emplace(std::move(job));
  }
  if (!thread_.joinable()) thread_ = StartNamedThread("cx-commit", [this] { Run(); });
}

void CommitAhead::Await() {
  absl::MutexLock lock(&mu_);
  const auto idle = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return !job_.has_value(); };
  mu_.Await(absl::Condition(&idle));
}

bool CommitAhead::Busy() {
  absl::MutexLock lock(&mu_);
  return job_.has_value();
}

void CommitAhead::Run() {
  absl::MutexLock lock(&mu_);
  const auto job_or_stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return job_.has_value() || stopping_;
  };
  for (;;) {
    mu_.Await(absl::Condition(&job_or_stopping));
    // A job handed over before the end still runs: it may hold the plugin's batch.
    if (!job_.has_value()) return;
    // job_ stays set (moved from) until the job has run, which is what Await waits for.
    absl::AnyInvocable<void()&&> job = std::move(*job_);
    mu_.Unlock();
    std::move(job)();
    mu_.Lock();
    job_.reset();
  }
}

}  // namespace cxhub
