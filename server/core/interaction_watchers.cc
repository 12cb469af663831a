#include "server/core/interaction_watchers.h"

#include <algorithm>
#include <utility>

#include "absl/status/statusor.h"
#include "server/core/thread_name.h"

namespace cxhub {
namespace {

// Interactions per store read of what is new.
constexpr int kReadBatch = 500;

absl::Status ShuttingDown() { return absl::UnavailableError("server shutting down"); }

absl::StatusOr<std::vector<Interaction>> ReadSince(Store& store, InteractionId after,
                                                   CustomerId customer, int limit) {
  std::vector<Interaction> rows;
  absl::Status status = store.Read([&](StoreReader& reader) -> absl::Status {
    absl::StatusOr<std::vector<Interaction>> since =
        reader.ListInteractionsSince(after, customer, limit);
    if (!since.ok()) return since.status();
    rows = *std::move(since);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return rows;
}

absl::StatusOr<InteractionId> ReadLatest(Store& store) {
  InteractionId latest = 0;
  absl::Status status = store.Read([&](StoreReader& reader) -> absl::Status {
    absl::StatusOr<InteractionId> id = reader.LatestInteractionId();
    if (!id.ok()) return id.status();
    latest = *id;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return latest;
}

}  // namespace

InteractionWatchers::InteractionWatchers(Store& store, InteractionFeed& feed,
                                         absl::Duration safety_poll, InteractionEncoder encoder)
    : store_(store), feed_(feed), safety_poll_(safety_poll), encoder_(std::move(encoder)) {
  feed_.Listen([this](InteractionId latest, bool shut_down) {
    absl::MutexLock lock(&mu_);
    published_ = std::max(published_, latest);
    feed_shut_down_ = shut_down;
  });
}

InteractionWatchers::~InteractionWatchers() {
  Stop();
  feed_.Listen(nullptr);
}

void InteractionWatchers::Wait(InteractionWatcher& watcher, InteractionId after,
                               CustomerId customer) {
  absl::MutexLock lock(&mu_);
  if (stopping_ || feed_shut_down_) {
    watcher.OnEnd(ShuttingDown());
    return;
  }
  waiting_[&watcher] = Waiting{after, customer, next_ticket_++};
  if (after < cursor_) arrived_behind_.push_back(&watcher);
  if (!started_) {
    started_ = true;
    thread_ = StartNamedThread("cx-watch-feed", [this]() { Run(); });
  }
}

void InteractionWatchers::Remove(InteractionWatcher& watcher) {
  absl::MutexLock lock(&mu_);
  waiting_.erase(&watcher);
  auto handed_over = [this, &watcher]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return !delivering_.contains(&watcher);
  };
  mu_.Await(absl::Condition(&handed_over));
}

void InteractionWatchers::Stop() {
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) return;
    stopping_ = true;
    EndAll(ShuttingDown());
  }
  if (thread_.joinable()) thread_.join();
}

void InteractionWatchers::EndAll(const absl::Status& status) {
  for (auto& [watcher, waiting] : waiting_) watcher->OnEnd(status);
  waiting_.clear();
  arrived_behind_.clear();
}

void InteractionWatchers::Run() {
  // Where reading starts: what was committed before the first watcher came.
  absl::StatusOr<InteractionId> latest = ReadLatest(store_);
  {
    absl::MutexLock lock(&mu_);
    if (!latest.ok()) {
      EndAll(latest.status());
      latest = published_;
    }
    cursor_ = recent_floor_ = std::max(*latest, published_);
    for (const auto& [watcher, waiting] : waiting_) arrived_behind_.push_back(watcher);
  }
  absl::Time next_poll = absl::Now() + safety_poll_;
  while (true) {
    std::vector<InteractionWatcher*> arrived;
    bool read_new = false;
    {
      absl::MutexLock lock(&mu_);
      auto work = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return stopping_ || feed_shut_down_ || !arrived_behind_.empty() ||
               (published_ > cursor_ && !waiting_.empty());
      };
      mu_.AwaitWithDeadline(absl::Condition(&work), next_poll);
      if (stopping_ || feed_shut_down_) {
        EndAll(ShuttingDown());
        mu_.Await(absl::Condition(&stopping_));
        return;
      }
      const bool poll_due = absl::Now() >= next_poll;
      read_new = (published_ > cursor_ || poll_due) && !waiting_.empty();
      if (poll_due) next_poll = absl::Now() + safety_poll_;
      arrived.swap(arrived_behind_);
    }
    std::vector<BehindRead> behind;
    if (read_new) {
      if (!ReadNewInteractions()) continue;
    } else {
      std::vector<Delivery> deliveries;
      {
        absl::MutexLock lock(&mu_);
        behind = ServeFromRecent(&arrived, deliveries);
      }
      Deliver(std::move(deliveries));
    }
    ServeFromStore(behind);
  }
}

bool InteractionWatchers::ReadNewInteractions() {
  while (true) {
    InteractionId from = 0;
    InteractionId published = 0;  // Committed, and so visible to the read that follows.
    {
      absl::MutexLock lock(&mu_);
      from = cursor_;
      published = published_;
    }
    absl::StatusOr<std::vector<Interaction>> rows = ReadSince(store_, from, 0, kReadBatch);
    std::vector<BehindRead> behind;
    std::vector<Delivery> deliveries;
    const bool more = rows.ok() && static_cast<int>(rows->size()) == kReadBatch;
    // Encoded before the lock is taken: the streams wait on it for nothing else.
    std::vector<SharedInteraction> shared;
    const absl::Status fetched = rows.status();
    if (fetched.ok()) shared = Share(*std::move(rows));
    {
      absl::MutexLock lock(&mu_);
      if (!fetched.ok()) {
        EndAll(fetched);
        return false;
      }
      for (SharedInteraction& row : shared) recent_.push_back(std::move(row));
      while (static_cast<int>(recent_.size()) > kRecentInteractions) {
        recent_floor_ = recent_.front()->interaction.id;
        recent_.pop_front();
      }
      if (!recent_.empty()) cursor_ = std::max(cursor_, recent_.back()->interaction.id);
      // A full read may stop short of what was published; a short one covers it all (ids of
      // rows removed since are not there to read).
      if (!more) cursor_ = std::max(cursor_, published);
      behind = ServeFromRecent(nullptr, deliveries);
    }
    Deliver(std::move(deliveries));
    ServeFromStore(behind);
    if (!more) return true;
  }
}

std::vector<InteractionWatchers::BehindRead> InteractionWatchers::ServeFromRecent(
    const std::vector<InteractionWatcher*>* watchers, std::vector<Delivery>& deliveries) {
  std::vector<InteractionWatcher*> all;
  if (watchers == nullptr) {
    all.reserve(waiting_.size());
    for (const auto& [watcher, waiting] : waiting_) all.push_back(watcher);
    watchers = &all;
  }
  std::vector<BehindRead> behind;
  for (InteractionWatcher* watcher : *watchers) {
    auto found = waiting_.find(watcher);
    if (found == waiting_.end()) continue;  // Served or removed since.
    if (!ServeOneFromRecent(watcher, found->second, deliveries)) {
      behind.push_back({watcher, found->second});
    }
  }
  return behind;
}

bool InteractionWatchers::ServeOneFromRecent(InteractionWatcher* watcher, Waiting& waiting,
                                             std::vector<Delivery>& deliveries) {
  if (waiting.after < recent_floor_) return false;
  auto next = std::upper_bound(recent_.begin(), recent_.end(), waiting.after,
                               [](InteractionId after, const SharedInteraction& shared) {
                                 return after < shared->interaction.id;
                               });
  std::vector<SharedInteraction> rows;
  for (; next != recent_.end() && static_cast<int>(rows.size()) < kDeliveryBatch; ++next) {
    if (waiting.customer == 0 || (*next)->interaction.customer_id == waiting.customer) {
      rows.push_back(*next);
    }
  }
  if (rows.empty()) {
    waiting.after = std::max(waiting.after, cursor_);
    return true;
  }
  TakeForDelivery(watcher, std::move(rows), deliveries);
  return true;
}

void InteractionWatchers::TakeForDelivery(InteractionWatcher* watcher,
                                          std::vector<SharedInteraction> interactions,
                                          std::vector<Delivery>& deliveries) {
  waiting_.erase(watcher);
  delivering_.insert(watcher);
  deliveries.push_back({watcher, std::move(interactions)});
}

void InteractionWatchers::Deliver(std::vector<Delivery> deliveries) {
  // Out of delivering_ a chunk at a time: the lock taken per watcher contended with every
  // stream's Wait after its write.
  constexpr size_t kChunk = 256;
  for (size_t first = 0; first < deliveries.size(); first += kChunk) {
    const size_t end = std::min(deliveries.size(), first + kChunk);
    for (size_t i = first; i < end; ++i) {
      deliveries[i].watcher->OnInteractions(std::move(deliveries[i].interactions));
    }
    absl::MutexLock lock(&mu_);
    for (size_t i = first; i < end; ++i) delivering_.erase(deliveries[i].watcher);
  }
}

void InteractionWatchers::ServeFromStore(const std::vector<BehindRead>& behind) {
  for (const BehindRead& read : behind) {
    InteractionId cursor = 0;  // Everything up to it was visible before the read.
    {
      absl::MutexLock lock(&mu_);
      cursor = cursor_;
    }
    absl::StatusOr<std::vector<Interaction>> rows =
        ReadSince(store_, read.waiting.after, read.waiting.customer, kDeliveryBatch);
    const absl::Status fetched = rows.status();
    std::vector<SharedInteraction> shared;
    if (fetched.ok()) shared = Share(*std::move(rows));
    std::vector<Delivery> deliveries;
    {
      absl::MutexLock lock(&mu_);
      auto found = waiting_.find(read.watcher);
      if (found == waiting_.end() || found->second.ticket != read.waiting.ticket) continue;
      if (fetched.ok() && shared.empty()) {
        found->second.after = std::max(found->second.after, cursor);
        continue;
      }
      if (!fetched.ok()) {
        waiting_.erase(found);
        read.watcher->OnEnd(fetched);
        continue;
      }
      TakeForDelivery(read.watcher, std::move(shared), deliveries);
    }
    Deliver(std::move(deliveries));
  }
}

std::vector<SharedInteraction> InteractionWatchers::Share(std::vector<Interaction> rows) const {
  std::vector<SharedInteraction> shared;
  shared.reserve(rows.size());
  for (Interaction& row : rows) {
    auto watched = std::make_shared<WatchedInteraction>();
    if (encoder_ != nullptr) watched->encoded = encoder_(row);
    watched->interaction = std::move(row);
    shared.push_back(std::move(watched));
  }
  return shared;
}

}  // namespace cxhub
