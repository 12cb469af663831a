#include "server/storage/statement_shapes.h"

#include <cstddef>
#include <cstdint>
#include <set>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/sql_param.h"

namespace cxhub {
namespace {

using ::testing::ElementsAre;
using ::testing::SizeIs;

// The rows of each statement that `total` rows go in, at most `max` per statement.
std::vector<size_t> Statements(size_t total, size_t max) {
  std::vector<size_t> rows;
  for (size_t left = total; left > 0; left -= rows.back()) {
    rows.push_back(RowsOfNextStatement(left, max));
  }
  return rows;
}

TEST(RowsOfNextStatementTest, UpToTheExactLimitAllRowsGoInOneStatement) {
  EXPECT_THAT(Statements(1, 64), ElementsAre(1));
  EXPECT_THAT(Statements(7, 64), ElementsAre(7));
  EXPECT_THAT(Statements(10, 128), ElementsAre(10));
  EXPECT_THAT(Statements(kMaxExactRows, 64), ElementsAre(kMaxExactRows));
}

TEST(RowsOfNextStatementTest, AboveTheExactLimitStatementsTakePowersOfTwo) {
  EXPECT_THAT(Statements(kMaxExactRows + 1, 64), ElementsAre(16, 1));
  EXPECT_THAT(Statements(100, 64), ElementsAre(64, 32, 4));
  EXPECT_THAT(Statements(500, 128), ElementsAre(128, 128, 128, 64, 32, 16, 4));
  EXPECT_THAT(Statements(29, 16), ElementsAre(16, 13));
}

TEST(RowsOfNextStatementTest, AnyBatchUpToAThousandNeedsFewStatementTexts) {
  std::set<size_t> sizes;
  for (size_t total = 1; total <= 1000; ++total) {
    for (size_t rows : Statements(total, 128)) sizes.insert(rows);
  }
  // 1 to 16, then 32, 64 and 128: what a connection's statement cache keeps per statement.
  EXPECT_THAT(sizes, SizeIs(kMaxExactRows + 3));
}

TEST(PaddedListLengthTest, PadsToThePowerOfTwoAtOrAbove) {
  EXPECT_EQ(PaddedListLength(1), 1);
  EXPECT_EQ(PaddedListLength(3), 4);
  EXPECT_EQ(PaddedListLength(16), 16);
  EXPECT_EQ(PaddedListLength(17), 32);
}

TEST(IdListTest, PadsTheMarksAndTheValuesToThePaddedLength) {
  std::vector<Param> params = {Param(int64_t{99})};
  const std::vector<int64_t> ids = {4, 5, 6};
  EXPECT_EQ(IdList(ids, params), "(?, ?, ?, ?)");
  EXPECT_THAT(params, SizeIs(5));  // The one there before, then 4, 5, 6 and 6 again.
}

}  // namespace
}  // namespace cxhub
