#include "server/core/serial_executor.h"

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
#include "tests/core/current_thread_name.h"

namespace cxhub {
namespace {

using ::testing::ElementsAre;

TEST(SerialExecutorTest, RunsTasksInTheOrderGivenOnAThreadOfItsOwn) {
  SerialExecutor executor("cx-test-serial");
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

TEST(SerialExecutorTest, ItsThreadHasTheNameGiven) {
  SerialExecutor executor("cx-test-serial");
  std::string name;
  absl::Notification done;
  executor.Run([&] {
    name = CurrentThreadName();
    done.Notify();
  });
  ASSERT_TRUE(done.WaitForNotificationWithTimeout(absl::Seconds(30)));
  EXPECT_EQ(name, "cx-test-serial");
}

TEST(SerialExecutorTest, DestructionRunsEveryTaskGivenBeforeIt) {
  auto executor = std::make_unique<SerialExecutor>("cx-test-serial");
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

}  // namespace
}  // namespace cxhub
