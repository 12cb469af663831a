#include "server/core/thread_pool.h"

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/thread_name.h"

namespace cxhub {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

TEST(ThreadPoolTest, OneThreadRunsTasksInTheOrderGivenOnAThreadOfItsOwn) {
  ThreadPool executor("cx-test-serial");
  absl::Notification release;
  std::vector<int> ran;  // Only the executor's thread touches it until `done`.
  std::thread::id thread;
  absl::Notification done;
  // The first task holds the thread, so that the others queue behind it.
  executor.Run([&] {
    release.WaitForNotification();
    thread = std::this_thread::get_id();
    ran.push_back(1);
  });
  for (int i = 2; i <= 4; ++i) executor.Run([&ran, i] { ran.push_back(i); });
  executor.Run([&] { done.Notify(); });
  release.Notify();
  ASSERT_TRUE(done.WaitForNotificationWithTimeout(absl::Seconds(30)));
  EXPECT_THAT(ran, ElementsAre(1, 2, 3, 4));
  EXPECT_NE(thread, std::this_thread::get_id());
}

TEST(ThreadPoolTest, ItsThreadHasTheNameGiven) {
  ThreadPool executor("cx-test-serial");
  std::string name;
  absl::Notification done;
  executor.Run([&] {
    name = CurrentThreadName();
    done.Notify();
  });
  ASSERT_TRUE(done.WaitForNotificationWithTimeout(absl::Seconds(30)));
  EXPECT_EQ(name, "cx-test-serial");
}

TEST(ThreadPoolTest, DestructionRunsEveryTaskGivenBeforeIt) {
  auto executor = std::make_unique<ThreadPool>("cx-test-serial");
  absl::Notification release;
  absl::Mutex mu;
  int ran = 0;
  absl::Notification started;
  executor->Run([&] {
    started.Notify();
    release.WaitForNotification();
  });
  started.WaitForNotification();  // The others are queued, not taken with it.
  for (int i = 0; i < 5; ++i) {
    executor->Run([&] {
      absl::MutexLock lock(&mu);
      ++ran;
    });
  }
  std::thread destroyer([&] { executor.reset(); });
  absl::SleepFor(absl::Milliseconds(50));  // Let the destructor start waiting.
  release.Notify();
  destroyer.join();
  absl::MutexLock lock(&mu);
  EXPECT_EQ(ran, 5);
}

TEST(ThreadPoolTest, RunsAsManyTasksAtOnceAsItHasThreads) {
  constexpr int kThreads = 3;
  absl::Mutex mu;
  int started = 0;
  int all_met = 0;
  std::vector<std::string> names;
  auto everyone_started = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) { return started == kThreads; };
  ThreadPool pool("cx-test-pool", kThreads);  // After what its tasks use, so destroyed first.
  // Each task waits for the others to start: they all finish only if they run at once.
  for (int i = 0; i < kThreads; ++i) {
    pool.Run([&] {
      absl::MutexLock lock(&mu);
      ++started;
      names.push_back(CurrentThreadName());
      if (mu.AwaitWithTimeout(absl::Condition(&everyone_started), absl::Seconds(30))) ++all_met;
    });
  }
  absl::MutexLock lock(&mu);
  auto all_done = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) { return all_met == kThreads; };
  EXPECT_TRUE(mu.AwaitWithTimeout(absl::Condition(&all_done), absl::Seconds(60)));
  EXPECT_THAT(names, UnorderedElementsAre("cx-test-pool-0", "cx-test-pool-1", "cx-test-pool-2"));
}

}  // namespace
}  // namespace cxhub
