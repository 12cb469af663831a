// Wakes watchers when interactions commit. Watchers read what is new from the store by id
// (ids grow in commit order), so a slow watcher misses nothing; the feed only says "look".
#ifndef CXHUB_SERVER_CORE_INTERACTION_FEED_H_
#define CXHUB_SERVER_CORE_INTERACTION_FEED_H_

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/core/model.h"

namespace cxhub {

// Thread-safe.
class InteractionFeed {
 public:
  // Called after a commit that added interactions up to `latest`.
  void Publish(InteractionId latest);
  // Blocks until an id > `after` was published, `deadline` passes or Shutdown is called.
  // Returns the latest published id (which may be <= after on timeout).
  InteractionId WaitBeyond(InteractionId after, absl::Time deadline);
  // Wakes every waiter for good; later waits return at once.
  void Shutdown();
  bool is_shut_down();

 private:
  absl::Mutex mu_;
  InteractionId latest_ ABSL_GUARDED_BY(mu_) = 0;
  bool shut_down_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_INTERACTION_FEED_H_
