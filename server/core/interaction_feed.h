// Wakes watchers when interactions commit. Watchers read what is new from the store by id
// (ids grow in commit order), so a slow watcher misses nothing; the feed only says "look".
#ifndef CXHUB_SERVER_CORE_INTERACTION_FEED_H_
#define CXHUB_SERVER_CORE_INTERACTION_FEED_H_

#include <atomic>
#include <cstdint>
#include <functional>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/core/model.h"

namespace cxhub {

// How the Watch streams fed by one InteractionFeed are doing, for monitoring.
struct WatchStatistics {
  int64_t streams_open = 0;
  int64_t interactions_delivered = 0;  // Since the feed was made.
};

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
  // How many threads are blocked in WaitBeyond now: a test waits for its waiter to block
  // before it publishes, instead of sleeping and hoping.
  int waiters();

  // Called with the latest published id and whether the feed is shut down, at once and then
  // after every Publish that moves the feed and at Shutdown. It runs under the feed's lock, so
  // it must be quick and must not call the feed; once Listen(nullptr) returns, it is not
  // running and never runs again. One listener at a time.
  using Listener = std::function<void(InteractionId latest, bool shut_down)>;
  void Listen(Listener listener);

  // Counted by the Watch path: a stream starts and ends (WatchStreamCount does both), and
  // hands interactions to its client.
  void StreamOpened() { streams_open_.fetch_add(1, std::memory_order_relaxed); }
  void StreamClosed() { streams_open_.fetch_sub(1, std::memory_order_relaxed); }
  void CountDelivered(int64_t count) {
    interactions_delivered_.fetch_add(count, std::memory_order_relaxed);
  }
  WatchStatistics statistics() const;

 private:
  std::atomic<int64_t> streams_open_{0};
  std::atomic<int64_t> interactions_delivered_{0};
  absl::Mutex mu_;
  InteractionId latest_ ABSL_GUARDED_BY(mu_) = 0;
  bool shut_down_ ABSL_GUARDED_BY(mu_) = false;
  int waiters_ ABSL_GUARDED_BY(mu_) = 0;
  Listener listener_ ABSL_GUARDED_BY(mu_);
};

// Counts one Watch stream as open for its lifetime.
class WatchStreamCount {
 public:
  explicit WatchStreamCount(InteractionFeed& feed) : feed_(feed) { feed_.StreamOpened(); }
  WatchStreamCount(const WatchStreamCount&) = delete;
  WatchStreamCount& operator=(const WatchStreamCount&) = delete;
  ~WatchStreamCount() { feed_.StreamClosed(); }

 private:
  InteractionFeed& feed_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_INTERACTION_FEED_H_
