#include "server/core/interaction_feed.h"

#include <utility>

namespace cxhub {

void InteractionFeed::Publish(InteractionId latest) {
  absl::MutexLock lock(&mu_);
  if (latest <= latest_) return;
  latest_ = latest;
  if (listener_) listener_(latest_, shut_down_);
}

InteractionId InteractionFeed::WaitBeyond(InteractionId after, absl::Time deadline) {
  absl::MutexLock lock(&mu_);
  auto ready = [this, after]()
                   ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return shut_down_ || latest_ > after; };
  ++waiters_;
  mu_.AwaitWithDeadline(absl::Condition(&ready), deadline);
  --waiters_;
  return latest_;
}

void InteractionFeed::Shutdown() {
  absl::MutexLock lock(&mu_);
  shut_down_ = true;
  if (listener_) listener_(latest_, shut_down_);
}

void InteractionFeed::Listen(Listener listener) {
  absl::MutexLock lock(&mu_);
  listener_ = std::move(listener);
  if (listener_) listener_(latest_, shut_down_);
}

bool InteractionFeed::is_shut_down() {
  absl::MutexLock lock(&mu_);
  return shut_down_;
}

int InteractionFeed::waiters() {
  absl::MutexLock lock(&mu_);
  return waiters_;
}

WatchStatistics InteractionFeed::statistics() const {
  WatchStatistics statistics;
  statistics.streams_open = streams_open_.load(std::memory_order_relaxed);
  statistics.interactions_delivered = interactions_delivered_.load(std::memory_order_relaxed);
  return statistics;
}

}  // namespace cxhub
