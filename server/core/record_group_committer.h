// Group commit for single records: callers recording one interaction each at the same time
// share one store transaction, so N concurrent RecordInteraction calls cost about one commit
// (one fsync, one turn of the commit_sequence lock) instead of N.
//
// The first caller to find no group being committed leads: it takes every caller queued so
// far, records them all in one transaction (InteractionRecorder::RecordAll: in bulk, or in a
// savepoint each) and commits; callers that arrive
// meanwhile queue for the next group. Every caller is answered only after the transaction
// holding its record committed. An item that fails rolls back its savepoint alone; its caller
// gets its own error and the others are unaffected. When the group's transaction as a whole
// cannot commit, or an item lost a unique key to another writer (ALREADY_EXISTS, which a single
// record retries), those callers record alone, each on its own thread and call deadline, as
// before group commit.
#ifndef CXHUB_SERVER_CORE_RECORD_GROUP_COMMITTER_H_
#define CXHUB_SERVER_CORE_RECORD_GROUP_COMMITTER_H_

#include <functional>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"
#include "server/core/interaction_recorder.h"
#include "server/core/store.h"

namespace cxhub {

// Thread-safe. Borrows the store, which must outlive it.
class RecordGroupCommitter {
 public:
  // Records each request within the writer's transaction, each all-or-nothing on its own, one
  // result per request in order (InteractionRecorder::RecordAll). The outer status fails only
  // for an error after which the transaction must not commit.
  using RecordFn = std::function<absl::StatusOr<std::vector<absl::StatusOr<RecordResult>>>(
      StoreWriter&, absl::Span<const RecordRequest* const>)>;
  // At most this many records share a transaction.
  static constexpr int kMaxGroup = 64;

  RecordGroupCommitter(Store& store, RecordFn record) : store_(store), record_(std::move(record)) {}

  // Records `request` (with `record`), committed when this returns OK.
  absl::StatusOr<RecordResult> Record(const RecordRequest& request);
  // Callers waiting for the next group, for monitoring.
  int queued() {
    absl::MutexLock lock(&mu_);
    return static_cast<int>(queue_.size());
  }

 private:
  struct Member {
    const RecordRequest* request = nullptr;
    absl::Time deadline;  // The caller's call deadline.
    enum class State { kQueued, kDone, kAlone } state = State::kQueued;
    absl::StatusOr<RecordResult> result;
  };

  // Commits `group` in one transaction and settles each member (done, or to record alone).
  void CommitGroup(const std::vector<Member*>& group);
  // One record in a transaction of its own, retried once on a unique-key conflict.
  absl::StatusOr<RecordResult> RecordAlone(const RecordRequest& request);

  Store& store_;
  const RecordFn record_;
  absl::Mutex mu_;
  std::vector<Member*> queue_ ABSL_GUARDED_BY(mu_);
  bool committing_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_RECORD_GROUP_COMMITTER_H_
