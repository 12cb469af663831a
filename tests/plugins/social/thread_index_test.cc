#include "plugins/social/thread_index.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::social {
namespace {

using ::testing::ElementsAre;

TEST(ThreadIndex, RepliesTakeTheRootOfTheirParent) {
  ThreadIndex threads(100);
  EXPECT_EQ(threads.Assign("1", std::nullopt), "1");
  EXPECT_EQ(threads.Assign("2", "1"), "1");
  EXPECT_EQ(threads.Assign("3", "2"), "1");
  EXPECT_EQ(threads.Assign("4", "3"), "1");
  EXPECT_EQ(threads.Assign("5", std::nullopt), "5");
  EXPECT_EQ(threads.Assign("6", "5"), "5");
}

TEST(ThreadIndex, UnknownParentIsTheRoot) {
  ThreadIndex threads(100);
  EXPECT_EQ(threads.Assign("11", "10"), "10");
  EXPECT_EQ(threads.Assign("12", "11"), "10");
  EXPECT_EQ(threads.RootOf("10"), std::nullopt);
}

TEST(ThreadIndex, AStatusSeenAgainKeepsItsFirstRoot) {
  ThreadIndex threads(100);
  threads.Assign("2", "1");
  EXPECT_EQ(threads.Assign("2", std::nullopt), "1");
  EXPECT_EQ(threads.entries().size(), 1u);
}

TEST(ThreadIndex, ForgetsTheOldestBeyondItsSize) {
  ThreadIndex threads(2);
  threads.Assign("1", std::nullopt);
  threads.Assign("2", "1");
  threads.Assign("3", "2");
  EXPECT_THAT(threads.entries(), ElementsAre(ThreadEntry{"2", "1"}, ThreadEntry{"3", "1"}));
  EXPECT_EQ(threads.RootOf("1"), std::nullopt);
  EXPECT_EQ(threads.Assign("4", "1"), "1");  // parent forgotten: the parent id is the root
}

TEST(ThreadIndex, StaysWithinItsByteBudget) {
  ThreadIndex threads(100000);
  const std::string padding(100, 'x');
  for (int i = 0; i < 1000; ++i) threads.Assign(absl::StrCat(padding, i), std::nullopt);
  size_t bytes = 0;
  for (const ThreadEntry& entry : threads.entries()) {
    bytes += entry.status_id.size() + entry.root_id.size();
  }
  EXPECT_LE(bytes, kMaxThreadIndexBytes);
  EXPECT_GT(bytes, kMaxThreadIndexBytes - 300);
  EXPECT_EQ(threads.entries().back().status_id, absl::StrCat(padding, 999));
}

TEST(ThreadIndex, RestoredEntriesAnswerLikeAssignedOnes) {
  ThreadIndex threads(10);
  threads.Remember({"2", "1"});
  EXPECT_EQ(threads.Assign("3", "2"), "1");
}

}  // namespace
}  // namespace cxhub::social
