#include "server/core/interaction_feed.h"

#include <thread>

#include "gtest/gtest.h"
#include "tests/core/test_env.h"

namespace cxhub {
namespace {

TEST(InteractionFeed, ReturnsAtOnceWhenSomethingNewerWasPublished) {
  InteractionFeed feed;
  feed.Publish(7);
  feed.Publish(5);  // Older ids never move the feed back.
  const absl::Time start = absl::Now();
  EXPECT_EQ(feed.WaitBeyond(6, absl::Now() + absl::Seconds(30)), 7);
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
}

TEST(InteractionFeed, TimesOutReturningTheLatestId) {
  InteractionFeed feed;
  feed.Publish(3);
  const absl::Time start = absl::Now();
  EXPECT_EQ(feed.WaitBeyond(3, absl::Now() + absl::Milliseconds(100)), 3);
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(90));
}

TEST(InteractionFeed, PublishWakesAWaiter) {
  InteractionFeed feed;
  InteractionId seen = 0;
  std::thread waiter([&] { seen = feed.WaitBeyond(0, absl::Now() + absl::Seconds(30)); });
  WaitForWaiters(feed, 1);  // Blocked: only the Publish below can wake it in time.
  const absl::Time start = absl::Now();
  feed.Publish(1);
  waiter.join();
  EXPECT_EQ(seen, 1);
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
}

TEST(InteractionFeed, ShutdownWakesEveryWaiterForGood) {
  InteractionFeed feed;
  EXPECT_FALSE(feed.is_shut_down());
  std::thread waiters[3];
  for (auto& t : waiters) {
    t = std::thread([&] { feed.WaitBeyond(0, absl::Now() + absl::Seconds(30)); });
  }
  WaitForWaiters(feed, 3);
  const absl::Time start = absl::Now();
  feed.Shutdown();
  for (auto& t : waiters) t.join();
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
  EXPECT_TRUE(feed.is_shut_down());
  EXPECT_EQ(feed.waiters(), 0);
  EXPECT_EQ(feed.WaitBeyond(0, absl::Now() + absl::Seconds(30)), 0);
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
}

}  // namespace
}  // namespace cxhub
