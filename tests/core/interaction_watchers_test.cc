#include "server/core/interaction_watchers.h"

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/core/test_env.h"

namespace cxhub {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// The real store, counting its read transactions.
class CountingStore final : public Store {
 public:
  explicit CountingStore(Store& store) : store_(store) {}
  absl::Status Read(absl::FunctionRef<absl::Status(StoreReader&)> fn) override {
    reads_.fetch_add(1);
    return store_.Read(fn);
  }
  absl::Status Write(absl::FunctionRef<absl::Status(StoreWriter&)> fn) override {
    return store_.Write(fn);
  }
  int64_t reads() const { return reads_.load(); }
  void ResetReads() { reads_.store(0); }

 private:
  Store& store_;
  std::atomic<int64_t> reads_{0};
};

// Keeps what it is handed; the test registers it again (a watcher may not from its callbacks).
// Removes itself from `watchers` when it goes.
class CollectingWatcher final : public InteractionWatcher {
 public:
  explicit CollectingWatcher(InteractionWatchers& watchers) : watchers_(watchers) {}
  ~CollectingWatcher() { watchers_.Remove(*this); }

  void OnInteractions(std::vector<SharedInteraction> interactions) override {
    absl::MutexLock lock(&mu_);
    for (SharedInteraction& i : interactions) received_.push_back(std::move(i));
    ++deliveries_;
  }
  void OnEnd(const absl::Status& status) override {
    absl::MutexLock lock(&mu_);
    ended_ = status;
  }

  // Waits until more than `deliveries` deliveries came or the watch ended; false on timeout.
  bool AwaitDeliveryAfter(int deliveries, absl::Duration timeout) {
    absl::MutexLock lock(&mu_);
    auto done = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return deliveries_ > deliveries || ended_.has_value();
    };
    return mu_.AwaitWithTimeout(absl::Condition(&done), timeout);
  }
  int deliveries() {
    absl::MutexLock lock(&mu_);
    return deliveries_;
  }
  std::vector<std::string> external_ids() {
    absl::MutexLock lock(&mu_);
    std::vector<std::string> ids;
    for (const SharedInteraction& i : received_) ids.push_back(i->interaction.external_id);
    return ids;
  }
  // What the encoder made of each interaction received.
  std::vector<const EncodedInteraction*> encodings() {
    absl::MutexLock lock(&mu_);
    std::vector<const EncodedInteraction*> encoded;
    for (const SharedInteraction& i : received_) encoded.push_back(i->encoded.get());
    return encoded;
  }
  InteractionId last_id() {
    absl::MutexLock lock(&mu_);
    return received_.empty() ? 0 : received_.back()->interaction.id;
  }
  std::optional<absl::Status> ended() {
    absl::MutexLock lock(&mu_);
    return ended_;
  }

 private:
  InteractionWatchers& watchers_;
  absl::Mutex mu_;
  std::vector<SharedInteraction> received_ ABSL_GUARDED_BY(mu_);
  int deliveries_ ABSL_GUARDED_BY(mu_) = 0;
  std::optional<absl::Status> ended_ ABSL_GUARDED_BY(mu_);
};

// Holds its first delivery (inside OnInteractions) until released, as a stream whose socket
// write takes long would.
class HoldingWatcher final : public InteractionWatcher {
 public:
  void OnInteractions(std::vector<SharedInteraction> interactions) override {
    if (entered_.HasBeenNotified()) return;  // Only the first is held.
    entered_.Notify();
    released_.WaitForNotification();
    delivered_ = true;
  }
  void OnEnd(const absl::Status& status) override {}

  bool AwaitDelivering(absl::Duration timeout) {
    return entered_.WaitForNotificationWithTimeout(timeout);
  }
  void Release() {
    if (!released_.HasBeenNotified()) released_.Notify();
  }
  bool delivered() const { return delivered_.load(); }

 private:
  absl::Notification entered_;
  absl::Notification released_;
  std::atomic<bool> delivered_{false};
};

class InteractionWatchersTest : public ::testing::Test {
 protected:
  InteractionId Record(const std::string& external_id, const std::string& email) {
    absl::StatusOr<RecordResult> result = log_.Record(RecordFor(external_id, {Email(email)}));
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? result->interaction.id : 0;
  }
  CustomerId CustomerOf(const std::string& external_id, const std::string& email) {
    absl::StatusOr<RecordResult> result = log_.Record(RecordFor(external_id, {Email(email)}));
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? result->interaction.customer_id : 0;
  }
  // Registers `watcher` (not registered yet) and again after each delivery until it holds
  // `count` interactions.
  void CollectUntil(CollectingWatcher& watcher, InteractionId after, CustomerId customer,
                    size_t count) {
    while (watcher.external_ids().size() < count && !watcher.ended().has_value()) {
      const int deliveries = watcher.deliveries();
      watchers_.Wait(watcher, std::max(after, watcher.last_id()), customer);
      ASSERT_TRUE(watcher.AwaitDeliveryAfter(deliveries, absl::Seconds(30)));
    }
  }

  // Records b0, registers `slow` after it, records b1 and waits until `slow` is being handed b1
  // (and holds it); returns b0's id.
  InteractionId HoldDeliveryOfB1(HoldingWatcher& slow) {
    const InteractionId start = Record("b0", "bruno@example.pt");
    watchers_.Wait(slow, start, 0);
    Record("b1", "bruno@example.pt");
    EXPECT_TRUE(slow.AwaitDelivering(absl::Seconds(30)));
    return start;
  }

  TempStore db_;
  SteppingClock clock_;
  IdentityNormalizer normalizer_ = PortugalNormalizer();
  InteractionFeed feed_;
  InteractionLog log_{db_.store(), normalizer_, clock_, feed_, ConflictPolicy::kMerge};
  CountingStore counted_{db_.store()};
  std::atomic<int> encodings_{0};
  // The safety poll is out of the way: every read the test sees comes from a commit or a watcher.
  InteractionWatchers watchers_{counted_, feed_, absl::Hours(1), [this](const Interaction&) {
                                  encodings_.fetch_add(1);
                                  return std::make_shared<EncodedInteraction>();
                                }};
};

TEST_F(InteractionWatchersTest, EachWatcherGetsEveryInteractionItWatchesOnceInOrder) {
  const CustomerId ana = CustomerOf("a0", "ana@example.pt");
  const InteractionId start = Record("b0", "bruno@example.pt");
  CollectingWatcher all(watchers_);
  CollectingWatcher ana_only(watchers_);
  for (int i = 1; i <= 3; ++i) {
    Record("a" + std::to_string(i), "ana@example.pt");
    Record("b" + std::to_string(i), "bruno@example.pt");
  }
  CollectUntil(all, start, 0, 6);
  CollectUntil(ana_only, start, ana, 3);
  EXPECT_THAT(all.external_ids(), ElementsAre("a1", "b1", "a2", "b2", "a3", "b3"));
  EXPECT_THAT(ana_only.external_ids(), ElementsAre("a1", "a2", "a3"));
}

TEST_F(InteractionWatchersTest, AWatcherTakingLongToBeHandedItsInteractionsHoldsUpNoOtherCall) {
  HoldingWatcher slow;
  const InteractionId start = HoldDeliveryOfB1(slow);
  // While it is handed b1, another watcher registers: under the lock this waited for the whole
  // delivery, as every Watch stream's next Wait did for a fan-out (and gRPC's callback threads
  // with it).
  CollectingWatcher other(watchers_);
  absl::Notification registered;
  std::thread waiter([&] {
    watchers_.Wait(other, start, 0);
    registered.Notify();
  });
  EXPECT_TRUE(registered.WaitForNotificationWithTimeout(absl::Seconds(10)));
  slow.Release();  // Also lets the test end when the above failed.
  waiter.join();
  EXPECT_TRUE(other.AwaitDeliveryAfter(0, absl::Seconds(30)));
  EXPECT_THAT(other.external_ids(), ElementsAre("b1"));
  watchers_.Remove(slow);
  EXPECT_TRUE(slow.delivered());
}

TEST_F(InteractionWatchersTest, RemoveWaitsForTheDeliveryUnderWay) {
  HoldingWatcher slow;
  HoldDeliveryOfB1(slow);
  std::atomic<bool> removed{false};
  std::thread remover([&] {
    watchers_.Remove(slow);
    removed = true;
  });
  absl::SleepFor(absl::Milliseconds(100));
  EXPECT_FALSE(removed.load());  // The watcher is still being handed b1.
  slow.Release();
  remover.join();
  EXPECT_TRUE(slow.delivered());
}

TEST_F(InteractionWatchersTest, EveryWatcherSharesOneEncodingOfEachInteraction) {
  const InteractionId start = Record("b0", "bruno@example.pt");
  std::vector<std::unique_ptr<CollectingWatcher>> watching;
  for (int i = 0; i < 5; ++i) {
    watching.push_back(std::make_unique<CollectingWatcher>(watchers_));
    watchers_.Wait(*watching.back(), start, 0);
  }
  // The reader starts with the first watcher and reads where the log stands (at `start`), so
  // that what follows is served from what it reads once, not from each watcher's own read.
  for (int i = 0; i < 500 && counted_.reads() == 0; ++i) absl::SleepFor(absl::Milliseconds(10));
  absl::SleepFor(absl::Milliseconds(100));
  const int before = encodings_.load();
  Record("b1", "bruno@example.pt");
  Record("b2", "bruno@example.pt");
  for (const auto& watcher : watching) {
    // Waiting already: registered again only once a delivery ended its wait.
    ASSERT_TRUE(watcher->AwaitDeliveryAfter(0, absl::Seconds(30)));
    CollectUntil(*watcher, start, 0, 2);
  }

  EXPECT_EQ(encodings_.load() - before, 2) << "one encoding per interaction, not per watcher";
  const std::vector<const EncodedInteraction*> first = watching.front()->encodings();
  ASSERT_EQ(first.size(), 2u);
  EXPECT_NE(first[0], nullptr);
  EXPECT_NE(first[0], first[1]);
  for (const auto& watcher : watching) {
    EXPECT_THAT(watcher->external_ids(), ElementsAre("b1", "b2"));
    EXPECT_EQ(watcher->encodings(), first);
  }
}

TEST_F(InteractionWatchersTest, IdleWatchersReadNothingWhileAnotherReceivesACommit) {
  const CustomerId ana = CustomerOf("a0", "ana@example.pt");
  const InteractionId start = Record("b0", "bruno@example.pt");
  std::vector<std::unique_ptr<CollectingWatcher>> idle;
  for (int i = 0; i < 50; ++i) {
    idle.push_back(std::make_unique<CollectingWatcher>(watchers_));
    watchers_.Wait(*idle.back(), start, ana);
  }
  // The reader starts with the first watcher and reads where the log stands, once.
  for (int i = 0; i < 500 && counted_.reads() == 0; ++i) absl::SleepFor(absl::Milliseconds(10));
  absl::SleepFor(absl::Milliseconds(100));
  counted_.ResetReads();

  absl::SleepFor(absl::Milliseconds(300));
  EXPECT_EQ(counted_.reads(), 0) << "idle watchers read the store";

  CollectingWatcher bruno_watch(watchers_);
  watchers_.Wait(bruno_watch, start, 0);
  Record("b1", "bruno@example.pt");
  ASSERT_TRUE(bruno_watch.AwaitDeliveryAfter(0, absl::Seconds(30)));
  EXPECT_THAT(bruno_watch.external_ids(), ElementsAre("b1"));
  // One read of what is new served every watcher; the idle ones got nothing.
  EXPECT_EQ(counted_.reads(), 1);
  for (const auto& watcher : idle) EXPECT_THAT(watcher->external_ids(), IsEmpty());
}

TEST_F(InteractionWatchersTest, AWatcherFarBehindReadsFromItsOwnPosition) {
  const InteractionId first = Record("m0", "marta@example.pt");
  Record("m1", "marta@example.pt");
  Record("m2", "marta@example.pt");
  CollectingWatcher watcher(watchers_);
  CollectUntil(watcher, first, 0, 2);
  EXPECT_THAT(watcher.external_ids(), ElementsAre("m1", "m2"));
}

TEST_F(InteractionWatchersTest, FeedShutdownEndsWaitingWatchersAndLaterWaits) {
  CollectingWatcher waiting(watchers_);
  watchers_.Wait(waiting, 0, 0);
  feed_.Shutdown();
  ASSERT_TRUE(waiting.AwaitDeliveryAfter(0, absl::Seconds(30)));
  ASSERT_TRUE(waiting.ended().has_value());
  EXPECT_EQ(waiting.ended()->code(), absl::StatusCode::kUnavailable);

  CollectingWatcher late(watchers_);
  watchers_.Wait(late, 0, 0);
  ASSERT_TRUE(late.ended().has_value());
  EXPECT_EQ(late.ended()->code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace cxhub
