#include "server/core/thread_name.h"

#include <string>
#include <thread>

#include "gtest/gtest.h"
#include "tests/core/current_thread_name.h"

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

}  // namespace
}  // namespace cxhub
