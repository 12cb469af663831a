// The bars of figure charts: from zero, with negative values to the left of the axis.
#include "clients/cxctl/figure_bar.h"

#include <string>

#include "gtest/gtest.h"

namespace cxhub::cxctl {
namespace {

constexpr ChartRange kNps{-100, 100};

TEST(FigureBar, NegativeValueGrowsLeftOfTheAxis) {
  EXPECT_EQ(FigureBar(-50, kNps, 40),
            std::string(10, ' ') + std::string(10, '#') + "|" + std::string(20, ' '));
}

TEST(FigureBar, PositiveValueGrowsRightOfTheAxis) {
  EXPECT_EQ(FigureBar(50, kNps, 40),
            std::string(20, ' ') + "|" + std::string(10, '#') + std::string(10, ' '));
}

TEST(FigureBar, ValuesOutsideTheRangeAreClamped) {
  EXPECT_EQ(FigureBar(-250, kNps, 40), std::string(20, '#') + "|" + std::string(20, ' '));
}

TEST(FigureBar, RangeWithoutZeroGrowsFromItsLowEndWithNoAxis) {
  EXPECT_EQ(FigureBar(3, ChartRange{1, 5}, 40), std::string(20, '#') + std::string(20, ' '));
}

TEST(FigureBar, EmptyBarKeepsTheAxis) {
  EXPECT_EQ(EmptyFigureBar(kNps, 40), std::string(20, ' ') + "|" + std::string(20, ' '));
}

TEST(ChartRangeOf, NaturalRangeWins) {
  const ChartRange range = ChartRangeOf({10, 20}, kNps);
  EXPECT_EQ(range.low, -100);
  EXPECT_EQ(range.high, 100);
}

TEST(ChartRangeOf, SpansTheValuesAndZero) {
  ChartRange range = ChartRangeOf({-2, 3}, std::nullopt);
  EXPECT_EQ(range.low, -2);
  EXPECT_EQ(range.high, 3);
  range = ChartRangeOf({2, 3}, std::nullopt);
  EXPECT_EQ(range.low, 0);
  EXPECT_EQ(range.high, 3);
}

TEST(ChartRangeOf, AllZeroIsNotEmpty) {
  const ChartRange range = ChartRangeOf({0, 0}, std::nullopt);
  EXPECT_LT(range.low, range.high);
}

}  // namespace
}  // namespace cxhub::cxctl
