#include "server/storage/day_sum_plan.h"

#include <cstdint>
#include <limits>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/quarter_hours.h"

namespace cxhub {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::Pair;

constexpr int64_t kHour = int64_t{3600} * 1000 * 1000;
constexpr int64_t kDay0 = 20000 * kUtcDayMicros;  // A UTC midnight.

auto Range(int64_t from, int64_t to) {
  return AllOf(Field(&MicrosRange::from, from), Field(&MicrosRange::to, to));
}

auto Cut(int64_t read_from, int64_t read_to, int64_t derived_from, int64_t derived_to) {
  return AllOf(Field(&CutDay::read, Range(read_from, read_to)),
               Field(&CutDay::derived, Range(derived_from, derived_to)));
}

TEST(DaySumPlanTest, ASeriesFromNewYorkMidnightReadsFiveHoursOfEachDayIncludingTheFirst) {
  const int64_t start = kDay0 + 5 * kHour;
  const int64_t end = kDay0 + 3 * kUtcDayMicros + 5 * kHour;
  std::vector<absl::Time> points;
  for (int64_t point = start; point <= end; point += kUtcDayMicros) {
    points.push_back(absl::FromUnixMicros(point));
  }
  const DaySumPlan plan = PlanDaySum(start, end, points);
  ASSERT_TRUE(plan.days.has_value());
  EXPECT_THAT(*plan.days, Range(kDay0, kDay0 + 3 * kUtcDayMicros));
  // The first day is its whole day less 00:00-05:00, read outside the range; the end's five
  // hours inside it are read as they are.
  EXPECT_THAT(
      plan.quarter_ranges,
      ElementsAre(Range(kDay0, start), Range(kDay0 + kUtcDayMicros, kDay0 + 29 * kHour),
                  Range(kDay0 + 48 * kHour, kDay0 + 53 * kHour), Range(kDay0 + 72 * kHour, end)));
  EXPECT_THAT(plan.cut_days.at(kDay0), Cut(kDay0, start, start, kDay0 + kUtcDayMicros));
  EXPECT_EQ(plan.split_days.size(), 3u);
}

TEST(DaySumPlanTest, AnEndLateInItsDayIsItsDayLessTheHoursAfterIt) {
  const int64_t end = kDay0 + kUtcDayMicros + 20 * kHour;
  const DaySumPlan plan = PlanDaySum(kDay0, end, {});
  ASSERT_TRUE(plan.days.has_value());
  EXPECT_THAT(*plan.days, Range(kDay0, kDay0 + 2 * kUtcDayMicros));
  EXPECT_THAT(plan.quarter_ranges, ElementsAre(Range(end, kDay0 + 2 * kUtcDayMicros)));
  EXPECT_THAT(plan.cut_days,
              ElementsAre(Pair(kDay0 + kUtcDayMicros,
                               Cut(end, kDay0 + 2 * kUtcDayMicros, kDay0 + kUtcDayMicros, end))));
}

TEST(DaySumPlanTest, AnEndDayCutAgainInsideTheRangeIsReadFromItsQuarterHours) {
  const int64_t start = kDay0 + 5 * kHour;
  const DaySumPlan plan =
      PlanDaySum(start, kDay0 + 2 * kUtcDayMicros, {absl::FromUnixMicros(kDay0 + 10 * kHour)});
  ASSERT_TRUE(plan.days.has_value());
  EXPECT_THAT(*plan.days, Range(kDay0 + kUtcDayMicros, kDay0 + 2 * kUtcDayMicros));
  EXPECT_THAT(plan.quarter_ranges, ElementsAre(Range(start, kDay0 + kUtcDayMicros)));
  EXPECT_TRUE(plan.cut_days.empty());
}

TEST(DaySumPlanTest, EndsWhosePartInsideIsTheShorterAreReadAsTheyAre) {
  const int64_t start = kDay0 + 20 * kHour;
  const int64_t end = kDay0 + 2 * kUtcDayMicros + 3 * kHour;
  const DaySumPlan plan = PlanDaySum(start, end, {});
  ASSERT_TRUE(plan.days.has_value());
  EXPECT_THAT(*plan.days, Range(kDay0 + kUtcDayMicros, kDay0 + 2 * kUtcDayMicros));
  EXPECT_THAT(plan.quarter_ranges, ElementsAre(Range(start, kDay0 + kUtcDayMicros),
                                               Range(kDay0 + 2 * kUtcDayMicros, end)));
  EXPECT_TRUE(plan.cut_days.empty());
  EXPECT_TRUE(plan.split_days.empty());
}

TEST(DaySumPlanTest, OpenEndsReadWholeDaysOnly) {
  const int64_t open_start = std::numeric_limits<int64_t>::min();
  const int64_t open_end = std::numeric_limits<int64_t>::max();
  DaySumPlan plan = PlanDaySum(open_start, open_end, {});
  ASSERT_TRUE(plan.days.has_value());
  EXPECT_THAT(*plan.days, Range(open_start, open_end));
  EXPECT_TRUE(plan.quarter_ranges.empty());
  plan = PlanDaySum(open_start, kDay0 + 20 * kHour, {});
  ASSERT_TRUE(plan.days.has_value());
  EXPECT_THAT(*plan.days, Range(open_start, kDay0 + kUtcDayMicros));
  EXPECT_THAT(plan.quarter_ranges, ElementsAre(Range(kDay0 + 20 * kHour, kDay0 + kUtcDayMicros)));
  plan = PlanDaySum(kDay0 + 5 * kHour, open_end, {});
  ASSERT_TRUE(plan.days.has_value());
  EXPECT_THAT(*plan.days, Range(kDay0, open_end));
  EXPECT_THAT(plan.quarter_ranges, ElementsAre(Range(kDay0, kDay0 + 5 * kHour)));
}

TEST(DaySumPlanTest, QuarterHoursComeAsListsOfAtMostAStatementsWorth) {
  const int64_t quarter = kHour / 4;
  const std::vector<BucketChoice> choices =
      QuarterHourChoices({{kDay0, kDay0 + 5 * kHour},
                          {kDay0 + kUtcDayMicros, kDay0 + kUtcDayMicros + 3000 * quarter}});
  ASSERT_EQ(choices.size(), 2u);
  EXPECT_EQ(choices[0].starts.size(), kQuartersPerStatement);
  EXPECT_EQ(choices[0].starts[0], kDay0);
  EXPECT_EQ(choices[0].starts[19], kDay0 + 5 * kHour - quarter);
  EXPECT_EQ(choices[0].starts[20], kDay0 + kUtcDayMicros);
  EXPECT_EQ(choices[1].starts.size(), 20 + 3000 - kQuartersPerStatement);
  EXPECT_EQ(choices[1].starts.back(), kDay0 + kUtcDayMicros + 2999 * quarter);
  EXPECT_TRUE(QuarterHourChoices({}).empty());
}

// Microseconds of a UTC midnight.
int64_t Midnight(int year, int month, int day) {
  return absl::ToUnixMicros(absl::FromCivil(absl::CivilDay(year, month, day), absl::UTCTimeZone()));
}

TEST(DaySumPlanTest, UtcMonthsStartOnTheirFirstMidnightBeforeAndAfter1970) {
  EXPECT_EQ(UtcMonthStartMicros(Midnight(2028, 2, 29) + 5 * kHour), Midnight(2028, 2, 1));
  EXPECT_EQ(NextUtcMonthStartMicros(Midnight(2028, 2, 29)), Midnight(2028, 3, 1));
  EXPECT_EQ(UtcMonthStartMicros(Midnight(2026, 12, 1)), Midnight(2026, 12, 1));
  EXPECT_EQ(NextUtcMonthStartMicros(Midnight(2026, 12, 1)), Midnight(2027, 1, 1));
  EXPECT_EQ(UtcMonthStartMicros(Midnight(1969, 12, 31) - 1), Midnight(1969, 12, 1));
}

TEST(DaySumPlanTest, WholeMonthsOfARangeOfDaysAndTheDaysAroundThem) {
  MonthSplit split = SplitWholeUtcMonths({Midnight(2026, 9, 7), Midnight(2026, 12, 3)});
  ASSERT_TRUE(split.months.has_value());
  EXPECT_THAT(*split.months, Range(Midnight(2026, 10, 1), Midnight(2026, 12, 1)));
  EXPECT_THAT(split.days, ElementsAre(Range(Midnight(2026, 9, 7), Midnight(2026, 10, 1)),
                                      Range(Midnight(2026, 12, 1), Midnight(2026, 12, 3))));
  // Exactly a month: no days around it.
  split = SplitWholeUtcMonths({Midnight(2026, 2, 1), Midnight(2026, 3, 1)});
  ASSERT_TRUE(split.months.has_value());
  EXPECT_THAT(*split.months, Range(Midnight(2026, 2, 1), Midnight(2026, 3, 1)));
  EXPECT_TRUE(split.days.empty());
  // No whole month, inside one month or across the end of one.
  split = SplitWholeUtcMonths({Midnight(2026, 9, 7), Midnight(2026, 9, 30)});
  EXPECT_FALSE(split.months.has_value());
  EXPECT_THAT(split.days, ElementsAre(Range(Midnight(2026, 9, 7), Midnight(2026, 9, 30))));
  split = SplitWholeUtcMonths({Midnight(2026, 9, 7), Midnight(2026, 10, 30)});
  EXPECT_FALSE(split.months.has_value());
  EXPECT_THAT(split.days, ElementsAre(Range(Midnight(2026, 9, 7), Midnight(2026, 10, 30))));
  EXPECT_TRUE(SplitWholeUtcMonths({Midnight(2026, 9, 7), Midnight(2026, 9, 7)}).days.empty());
}

TEST(DaySumPlanTest, OpenEndsReadWholeMonthsUpToThem) {
  const int64_t open_start = std::numeric_limits<int64_t>::min();
  const int64_t open_end = std::numeric_limits<int64_t>::max();
  MonthSplit split = SplitWholeUtcMonths({open_start, open_end});
  ASSERT_TRUE(split.months.has_value());
  EXPECT_THAT(*split.months, Range(open_start, open_end));
  EXPECT_TRUE(split.days.empty());
  split = SplitWholeUtcMonths({open_start, Midnight(2026, 12, 3)});
  ASSERT_TRUE(split.months.has_value());
  EXPECT_THAT(*split.months, Range(open_start, Midnight(2026, 12, 1)));
  EXPECT_THAT(split.days, ElementsAre(Range(Midnight(2026, 12, 1), Midnight(2026, 12, 3))));
  split = SplitWholeUtcMonths({Midnight(2026, 9, 7), open_end});
  ASSERT_TRUE(split.months.has_value());
  EXPECT_THAT(*split.months, Range(Midnight(2026, 10, 1), open_end));
  EXPECT_THAT(split.days, ElementsAre(Range(Midnight(2026, 9, 7), Midnight(2026, 10, 1))));
}

}  // namespace
}  // namespace cxhub
