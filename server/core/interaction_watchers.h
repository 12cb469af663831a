// Serves every Watch stream of a process from one reader. Streams wait here, costing no thread
// and no store read while nothing commits; when the feed moves (a commit in this process) or
// the safety poll comes round (a commit by another process on the same database), one thread
// reads the new interactions once and hands each waiting stream those it watches.
//
// Why one reader that fans out rather than each stream reading from its own position: a commit
// wakes every stream at once, and N streams reading the same new rows is N store reads per
// commit (a stampede that grows with the streams); one read serves all of them, and the rows
// it read stay in memory (the last kRecentInteractions) for streams that come back from
// sending a little behind. Only a stream that fell further behind than that reads the store
// from its own position, one stream at a time on the same thread, so such reads are bounded
// to one at a time whatever the number of streams.
#ifndef CXHUB_SERVER_CORE_INTERACTION_WATCHERS_H_
#define CXHUB_SERVER_CORE_INTERACTION_WATCHERS_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/core/interaction_feed.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

// What the stream layer sends for an interaction (its wire message), made once per interaction
// by the encoder InteractionWatchers is given and shared by every stream it goes to: a commit
// fanned out to N streams costs one conversion, not N.
class EncodedInteraction {
 public:
  virtual ~EncodedInteraction() = default;
};
using InteractionEncoder =
    std::function<std::shared_ptr<const EncodedInteraction>(const Interaction&)>;

// An interaction as InteractionWatchers hands it out: read once and shared, read-only, by every
// stream that watches it.
struct WatchedInteraction {
  Interaction interaction;
  std::shared_ptr<const EncodedInteraction> encoded;  // Null when there is no encoder.
};
using SharedInteraction = std::shared_ptr<const WatchedInteraction>;

// One Watch stream, as InteractionWatchers sees it. Its calls come from InteractionWatchers'
// thread and must not call InteractionWatchers::Remove.
class InteractionWatcher {
 public:
  // The next interactions the watcher watches (non-empty, in id order). The watcher is no
  // longer waiting: it calls InteractionWatchers::Wait again once it has sent them. Called
  // without InteractionWatchers' lock: handing a commit to 10,000 streams writes to 10,000
  // sockets, and under the lock it held every stream that finished its write (and so gRPC's
  // callback threads, and the unary calls queued behind them) for the whole fan-out.
  virtual void OnInteractions(std::vector<SharedInteraction> interactions) = 0;
  // The watch cannot go on (the feed shut down: UNAVAILABLE; the store failed: its error).
  // The watcher is no longer waiting. Called with InteractionWatchers' lock held: must be
  // quick and must not call InteractionWatchers.
  virtual void OnEnd(const absl::Status& status) = 0;

 protected:
  ~InteractionWatcher() = default;
};

// Thread-safe. Borrows the store and the feed, which must outlive it.
class InteractionWatchers {
 public:
  // Interactions read for the waiting streams that stay in memory for streams coming back.
  static constexpr int kRecentInteractions = 4096;
  // At most this many interactions go to a watcher in one OnInteractions.
  static constexpr int kDeliveryBatch = 100;

  // `safety_poll`: how often the store is read for commits the feed did not announce (writes
  // by other processes), while any watcher is registered. `encoder` (may be null) encodes each
  // interaction once, on InteractionWatchers' thread.
  InteractionWatchers(Store& store, InteractionFeed& feed,
                      absl::Duration safety_poll = absl::Seconds(2),
                      InteractionEncoder encoder = nullptr);
  InteractionWatchers(const InteractionWatchers&) = delete;
  InteractionWatchers& operator=(const InteractionWatchers&) = delete;
  ~InteractionWatchers();

  // Makes `watcher` wait for the interactions after `after` (of `customer`, a resolved id, or
  // of all customers when 0). It stays registered until OnInteractions or OnEnd is called or
  // Remove. After Stop or the feed's shutdown, calls OnEnd at once (UNAVAILABLE).
  void Wait(InteractionWatcher& watcher, InteractionId after, CustomerId customer);
  // Forgets `watcher`: once this returns, InteractionWatchers never calls it again (it waits
  // for an OnInteractions under way).
  void Remove(InteractionWatcher& watcher);
  // Ends every waiting watcher (UNAVAILABLE) and joins the thread; later Waits end at once.
  // Called before the store goes away.
  void Stop();

 private:
  struct Waiting {
    InteractionId after = 0;
    CustomerId customer = 0;
    uint64_t ticket = 0;  // Which Wait this is, so a late store read is not handed to a later one.
  };
  // A waiting watcher that fell behind the recent interactions, read from the store.
  struct BehindRead {
    InteractionWatcher* watcher = nullptr;
    Waiting waiting;
  };
  // What a watcher taken out of waiting_ (and put in delivering_) is handed, without the lock.
  struct Delivery {
    InteractionWatcher* watcher = nullptr;
    std::vector<SharedInteraction> interactions;
  };

  void Run();
  // Ends every registered watcher with `status`.
  void EndAll(const absl::Status& status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Reads the interactions committed after cursor_ into recent_; false when the store failed
  // (every waiting watcher has been ended with the error).
  bool ReadNewInteractions();
  // Takes what each watcher in `watchers` (all waiting ones when null) watches from recent_ into
  // `deliveries`; returns those too far behind for recent_.
  std::vector<BehindRead> ServeFromRecent(const std::vector<InteractionWatcher*>* watchers,
                                          std::vector<Delivery>& deliveries)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Serves one watcher from recent_: true when it was served (a delivery, or moved up to the
  // cursor), false when it is too far behind.
  bool ServeOneFromRecent(InteractionWatcher* watcher, Waiting& waiting,
                          std::vector<Delivery>& deliveries) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Moves `watcher` from waiting_ to delivering_ and adds its delivery.
  void TakeForDelivery(InteractionWatcher* watcher, std::vector<SharedInteraction> interactions,
                       std::vector<Delivery>& deliveries) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Hands over each delivery without the lock, then takes its watcher out of delivering_.
  void Deliver(std::vector<Delivery> deliveries) ABSL_LOCKS_EXCLUDED(mu_);
  void ServeFromStore(const std::vector<BehindRead>& behind);
  // Rows read from the store, each with its encoding, ready to share.
  std::vector<SharedInteraction> Share(std::vector<Interaction> rows) const;

  Store& store_;
  InteractionFeed& feed_;
  const absl::Duration safety_poll_;
  const InteractionEncoder encoder_;

  absl::Mutex mu_;
  absl::flat_hash_map<InteractionWatcher*, Waiting> waiting_ ABSL_GUARDED_BY(mu_);
  // Being handed interactions by Deliver: Remove waits until a watcher is out of it.
  absl::flat_hash_set<InteractionWatcher*> delivering_ ABSL_GUARDED_BY(mu_);
  // Registered while the cursor was past their position: to serve without waiting for a commit.
  std::vector<InteractionWatcher*> arrived_behind_ ABSL_GUARDED_BY(mu_);
  uint64_t next_ticket_ ABSL_GUARDED_BY(mu_) = 1;
  InteractionId published_ ABSL_GUARDED_BY(mu_) = 0;  // The feed's latest.
  bool feed_shut_down_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool started_ ABSL_GUARDED_BY(mu_) = false;  // The thread starts with the first Wait.
  // Every interaction with an id <= cursor_ has been read; recent_ holds those with ids in
  // (recent_floor_, cursor_] in id order. Written by the thread only, under mu_.
  InteractionId cursor_ ABSL_GUARDED_BY(mu_) = 0;
  InteractionId recent_floor_ ABSL_GUARDED_BY(mu_) = 0;
  std::deque<SharedInteraction> recent_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_INTERACTION_WATCHERS_H_
