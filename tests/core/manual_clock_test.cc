#include "server/core/manual_clock.h"

#include <atomic>
#include <thread>

#include "gtest/gtest.h"

namespace cxhub {
namespace {

const absl::Time kStart = absl::FromUnixSeconds(1788771600);

TEST(ManualClock, ASleepEndsWhenTheClockIsAdvancedPastItsDeadline) {
  ManualClock clock(kStart);
  std::atomic<bool> woke{false};
  std::thread sleeper([&] {
    clock.SleepUntil(kStart + absl::Seconds(10), nullptr);
    woke = true;
  });
  while (clock.sleepers() == 0) std::this_thread::yield();
  clock.Advance(absl::Seconds(9));
  EXPECT_FALSE(woke);
  clock.Advance(absl::Seconds(1));
  sleeper.join();
  EXPECT_TRUE(woke);
  EXPECT_EQ(clock.Now(), kStart + absl::Seconds(10));
  EXPECT_EQ(clock.sleepers(), 0);
}

TEST(ManualClock, ANotifiedWakeupEndsTheSleepAndALatchedOneEndsTheNext) {
  ManualClock clock(kStart);
  Wakeup wakeup;
  std::thread sleeper([&] { clock.SleepUntil(absl::InfiniteFuture(), &wakeup); });
  while (clock.sleepers() == 0) std::this_thread::yield();
  wakeup.Notify();
  sleeper.join();
  wakeup.Notify();  // Nobody sleeps: kept for the next sleep, which returns at once.
  clock.SleepUntil(absl::InfiniteFuture(), &wakeup);
  EXPECT_EQ(clock.Now(), kStart);
}

}  // namespace
}  // namespace cxhub
