#include "server/storage/idle_statement_cache.h"

#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Optional;
using ::testing::UnorderedElementsAre;

// Statements are numbers; discarded ones are noted.
class IdleStatementCacheTest : public ::testing::Test {
 protected:
  std::vector<int> discarded_;
  IdleStatementCache<int> cache_{2, [this](int statement) { discarded_.push_back(statement); }};
};

TEST_F(IdleStatementCacheTest, HandsBackAKeptStatementOnce) {
  cache_.Put("SELECT 1", 1);
  EXPECT_THAT(cache_.Take("SELECT 1"), Optional(1));
  EXPECT_EQ(cache_.Take("SELECT 1"), std::nullopt);
  EXPECT_THAT(discarded_, IsEmpty());
}

TEST_F(IdleStatementCacheTest, DiscardsASecondStatementOfTheSameText) {
  cache_.Put("SELECT 1", 1);
  cache_.Put("SELECT 1", 2);
  EXPECT_THAT(discarded_, ElementsAre(2));
  EXPECT_THAT(cache_.Take("SELECT 1"), Optional(1));
}

TEST_F(IdleStatementCacheTest, WhenFullDiscardsTheLeastRecentlyUsed) {
  cache_.Put("a", 1);
  cache_.Put("b", 2);
  ASSERT_THAT(cache_.Take("a"), Optional(1));  // Used again: now the most recent.
  cache_.Put("a", 1);
  cache_.Put("c", 3);
  EXPECT_THAT(discarded_, ElementsAre(2));
  EXPECT_THAT(cache_.Take("a"), Optional(1));
  EXPECT_THAT(cache_.Take("c"), Optional(3));
  EXPECT_EQ(cache_.size(), 0u);
}

TEST_F(IdleStatementCacheTest, ClearDiscardsEverything) {
  cache_.Put("a", 1);
  cache_.Put("b", 2);
  cache_.Clear();
  EXPECT_THAT(discarded_, UnorderedElementsAre(1, 2));
  EXPECT_EQ(cache_.Take("a"), std::nullopt);
}

}  // namespace
}  // namespace cxhub
