#include "server/core/thread_name.h"

#include <memory>
#include <string>
#include <thread>

#include "gtest/gtest.h"

namespace cxhub {
namespace {

// Each on a thread of its own, so that the test runner's name stays as it was.
std::string NameSetTo(const std::string& name) {
  std::string seen;
  std::thread thread([&] {
    NameCurrentThread(name);
    seen = CurrentThreadName();
  });
  thread.join();
  return seen;
}

TEST(ThreadNameTest, NamesTheCallingThread) {
  EXPECT_EQ(NameSetTo("cx-checkpoint"), "cx-checkpoint");
}

TEST(ThreadNameTest, KeepsTheFirstFifteenBytesOfALongerName) {
  // Linux refuses a longer name outright; the thread would keep its old one.
  EXPECT_EQ(NameSetTo("cx-read:mailbox-of-support"), "cx-read:mailbox");
  EXPECT_EQ(NameSetTo("exactly-15-byte"), "exactly-15-byte");
}

TEST(ThreadNameTest, StartNamedThreadRunsItsBodyUnderTheName) {
  std::string seen;
  int value = 0;
  auto owned = std::make_unique<int>(7);  // A body that can only be moved.
  std::thread thread = StartNamedThread("cx-test-start", [&, owned = std::move(owned)] {
    seen = CurrentThreadName();
    value = *owned;
  });
  thread.join();
  EXPECT_EQ(seen, "cx-test-start");
  EXPECT_EQ(value, 7);
}

}  // namespace
}  // namespace cxhub
