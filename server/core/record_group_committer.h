// Group commit for single records: callers recording one interaction each at the same time
// share one store transaction, so N concurrent RecordInteraction calls cost about one commit
// (one fsync, one turn of the commit_sequence lock) instead of N.
//
// Callers queue their record and are answered through a callback. One committer thread takes
// every caller queued so far (at most kMaxGroup), records them all in one transaction
// (InteractionRecorder::RecordAll: in bulk, or in a savepoint each), commits, and only then
// answers each caller; callers that arrive meanwhile queue for the next group. Why a thread of
// its own: an RPC handler on gRPC's callback API hands its record over and returns, so no
// thread waits per call in flight, and no gRPC thread waits for a commit. The answers run on
// a second thread, so that sending one group's answers (a socket write each, for an RPC)
// overlaps the next group's transaction instead of delaying it.
//
// An item that fails rolls back its savepoint alone; its caller gets its own error and the
// others are unaffected. When the group's transaction as a whole cannot commit, or an item lost
// a unique key to another writer (ALREADY_EXISTS, which a single record retries), those callers
// are recorded alone, each in a transaction of its own within its own call deadline.
#ifndef CXHUB_SERVER_CORE_RECORD_GROUP_COMMITTER_H_
#define CXHUB_SERVER_CORE_RECORD_GROUP_COMMITTER_H_

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "server/core/interaction_recorder.h"
#include "server/core/store.h"
#include "server/core/thread_pool.h"

namespace cxhub {

// How much the group commit shares transactions (for monitoring): records / transactions is
// the mean group size.
struct GroupCommitStatistics {
  int64_t transactions = 0;  // Group transactions run, groups of one included.
  int64_t records = 0;       // Records those transactions were given.
  int64_t queued = 0;        // Callers waiting for the next group now.
};

// Thread-safe. Borrows the store, which must outlive it.
class RecordGroupCommitter {
 public:
  // Records each request within the writer's transaction, each all-or-nothing on its own, one
  // result per request in order (InteractionRecorder::RecordAll). The outer status fails only
  // for an error after which the transaction must not commit.
  using RecordFn = std::function<absl::StatusOr<std::vector<absl::StatusOr<RecordResult>>>(
      StoreWriter&, absl::Span<const RecordRequest* const>)>;
  // How a queued caller is answered: with its result once its transaction committed, or with
  // its error. Runs on the thread that answers every caller, in turn, so it must not wait for
  // long.
  using Done = absl::AnyInvocable<void(absl::StatusOr<RecordResult>) &&>;
  // At most this many records share a transaction.
  static constexpr int kMaxGroup = 64;

  // Starts the committing and the answering thread.
  RecordGroupCommitter(Store& store, RecordFn record) : store_(store), record_(std::move(record)) {}
  // Answers every caller still queued (their records are committed first), then joins the
  // threads (the order of the members below).
  ~RecordGroupCommitter() = default;
  RecordGroupCommitter(const RecordGroupCommitter&) = delete;
  RecordGroupCommitter& operator=(const RecordGroupCommitter&) = delete;

  // Queues `request`, which must stay valid until `done` has run, to be recorded with
  // `record` before `deadline` (the caller's call deadline; InfiniteFuture for none).
  void RecordAsync(const RecordRequest& request, absl::Time deadline, Done done);
  // RecordAsync within the current thread's call deadline, waiting for the answer: committed
  // when this returns OK.
  absl::StatusOr<RecordResult> Record(const RecordRequest& request);
  // Callers waiting for the next group, for monitoring.
  int queued() {
    absl::MutexLock lock(&mu_);
    return static_cast<int>(queue_.size());
  }
  GroupCommitStatistics statistics();

 private:
  struct Member {
    const RecordRequest* request = nullptr;
    absl::Time deadline;
    Done done;
  };

  // On the committing thread: commits group after group until none is queued.
  void CommitQueued();
  // Commits `group` in one transaction and answers each member (or records it alone).
  void CommitGroup(std::vector<Member>& group);
  // Hands `done` its `result` on the answering thread.
  void Answer(Done done, absl::StatusOr<RecordResult> result);
  // One record in a transaction of its own, retried once on a unique-key conflict.
  absl::StatusOr<RecordResult> RecordAlone(const Member& member);

  Store& store_;
  const RecordFn record_;
  absl::Mutex mu_;
  std::deque<Member> queue_ ABSL_GUARDED_BY(mu_);
  bool committing_ ABSL_GUARDED_BY(mu_) = false;  // CommitQueued is given or running.
  std::atomic<int64_t> transactions_{0};
  std::atomic<int64_t> records_{0};
  ThreadPool answers_{"cx-answers"};
  // Last, so destroyed first: it commits what is queued, giving answers_ their answers,
  // before anything it uses goes.
  ThreadPool committer_{"cx-group-commit"};
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_RECORD_GROUP_COMMITTER_H_
