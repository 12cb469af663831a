// Lets a plugin read on while the batch of its last checkpoint commits: one job at a time on a
// thread of its own.
//
// Why: a connector's read loop parsed a batch and then committed it on the same thread, so
// parsing and committing took turns. For mail they cost about the same (GMime's parse and the
// mapping about half of a read's time, the store's transaction the other half), so the second
// core sat idle. The commits stay in checkpoint order, one in flight: the plugin is at most one
// batch ahead of what is committed, and a commit that fails is seen at the next checkpoint or
// at the read's end, whose uncommitted batches are read again next time from the stored cursor.
#ifndef CXHUB_SERVER_CONNECTORS_COMMIT_AHEAD_H_
#define CXHUB_SERVER_CONNECTORS_COMMIT_AHEAD_H_

#include <optional>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/synchronization/mutex.h"

namespace cxhub {

// Thread-compatible: Start and Await are called by one thread (the plugin's).
class CommitAhead {
 public:
  CommitAhead() = default;
  CommitAhead(const CommitAhead&) = delete;
  CommitAhead& operator=(const CommitAhead&) = delete;
  // Awaits the job under way, then ends the thread.
  ~CommitAhead();

  // Runs `job` on the thread (started at the first job). The job started before must have been
  // awaited.
  void Start(absl::AnyInvocable<void() &&> job);
  // Returns once the job started last, if any, has run.
  void Await();
  // True while the job started last has not run to its end.
  bool Busy();

 private:
  void Run();

  absl::Mutex mu_;
  std::optional<absl::AnyInvocable<void() &&>> job_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CONNECTORS_COMMIT_AHEAD_H_
