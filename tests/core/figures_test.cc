// The figures' arithmetic against hand-computed values, most from the samples README
// ("Touchpoints and surveys").
#include <random>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/figures/customer_figures.h"
#include "server/core/figures/score_figures.h"
#include "server/core/figures/time_buckets.h"

namespace cxhub {
namespace {

ScoreCounts Answers(const std::vector<int>& scores) {
  ScoreCounts counts;
  for (int score : scores) ++counts.answers[score];
  return counts;
}

double Nps(const std::vector<int>& scores) { return ComputeNps(Answers(scores))->score; }

TEST(NpsFigure, SamplesPerTouchpointAndOverall) {
  const std::vector<int> checkout = {10, 9, 7, 6}, delivery = {9, 4, 3, 8}, support = {10, 9, 8, 2};
  EXPECT_DOUBLE_EQ(Nps(checkout), 25.0);
  EXPECT_DOUBLE_EQ(Nps(delivery), -25.0);
  EXPECT_DOUBLE_EQ(Nps(support), 25.0);
  ScoreCounts all = Answers(checkout);
  all += Answers(delivery);
  all += Answers(support);
  const std::optional<NpsFigure> overall = ComputeNps(all);
  ASSERT_TRUE(overall.has_value());
  EXPECT_EQ(overall->answers, 12);
  EXPECT_EQ(overall->promoters, 5);
  EXPECT_EQ(overall->passives, 3);
  EXPECT_EQ(overall->detractors, 4);
  EXPECT_NEAR(overall->score, 8.333, 0.001);
}

TEST(NpsFigure, SamplesPerDay) {
  EXPECT_DOUBLE_EQ(Nps({10, 9}), 100.0);  // 7 Sep
  EXPECT_DOUBLE_EQ(Nps({7, 6}), -50.0);   // 8 Sep
  EXPECT_DOUBLE_EQ(Nps({9, 4}), 0.0);     // 9 Sep
  EXPECT_DOUBLE_EQ(Nps({3, 8}), -50.0);   // 10 Sep
  EXPECT_NEAR(Nps({10, 9, 8}), 66.667, 0.001);
  EXPECT_DOUBLE_EQ(Nps({2}), -100.0);  // 12 Sep
}

TEST(NpsFigure, NoAnswersIsNoFigure) {
  EXPECT_FALSE(ComputeNps(ScoreCounts()).has_value());
  EXPECT_FALSE(ComputeCsat(ScoreCounts()).has_value());
  EXPECT_FALSE(ComputeCes(ScoreCounts()).has_value());
}

TEST(NpsFigure, AllDetractors) {
  const std::optional<NpsFigure> figure = ComputeNps(Answers({0, 3, 6, 6, 1}));
  ASSERT_TRUE(figure.has_value());
  EXPECT_DOUBLE_EQ(figure->score, -100.0);
  EXPECT_EQ(figure->detractors, 5);
  EXPECT_DOUBLE_EQ(figure->interval.low, -100.0);
  EXPECT_LT(figure->interval.high, 0.0);
}

TEST(NpsFigure, FewAnswersGiveAWideInterval) {
  const NpsFigure one = *ComputeNps(Answers({10}));
  const NpsFigure three = *ComputeNps(Answers({10, 10, 10}));
  const NpsFigure many = *ComputeNps(Answers(std::vector<int>(300, 10)));
  EXPECT_GT(one.interval.high - one.interval.low, 100.0);
  EXPECT_GT(three.interval.high - three.interval.low, 50.0);
  EXPECT_LT(many.interval.high - many.interval.low, 5.0);
}

TEST(NpsFigure, IntervalHoldsTheScoreAndStaysInRange) {
  std::mt19937 random(12);
  for (int sample = 0; sample < 2000; ++sample) {
    std::vector<int> scores(1 + random() % 60);
    for (int& score : scores) score = random() % 11;
    const NpsFigure figure = *ComputeNps(Answers(scores));
    EXPECT_GE(figure.interval.low, -100.0);
    EXPECT_LE(figure.interval.high, 100.0);
    EXPECT_LE(figure.interval.low, figure.score) << ::testing::PrintToString(scores);
    EXPECT_GE(figure.interval.high, figure.score) << ::testing::PrintToString(scores);
  }
}

TEST(CsatFigure, SamplesChatwootAnswers) {
  const std::optional<CsatFigure> figure = ComputeCsat(Answers({5, 2}));
  ASSERT_TRUE(figure.has_value());
  EXPECT_EQ(figure->answers, 2);
  EXPECT_EQ(figure->satisfied, 1);
  EXPECT_DOUBLE_EQ(figure->satisfied_percent, 50.0);
  EXPECT_DOUBLE_EQ(figure->mean, 3.5);
  // Wilson's interval for 1 of 2.
  EXPECT_NEAR(figure->satisfied_interval.low, 9.45, 0.01);
  EXPECT_NEAR(figure->satisfied_interval.high, 90.55, 0.01);
  EXPECT_GE(figure->mean_interval.low, 1.0);
  EXPECT_LE(figure->mean_interval.high, 5.0);
  EXPECT_LT(figure->mean_interval.low, 3.5);
  EXPECT_GT(figure->mean_interval.high, 3.5);
}

TEST(CesFigure, MeanAndEasyShare) {
  const std::optional<CesFigure> figure = ComputeCes(Answers({7, 5, 4, 2}));
  ASSERT_TRUE(figure.has_value());
  EXPECT_DOUBLE_EQ(figure->mean, 4.5);
  EXPECT_EQ(figure->easy, 2);
  EXPECT_DOUBLE_EQ(figure->easy_percent, 50.0);
  // One answer: an interval, not a point.
  const CesFigure one = *ComputeCes(Answers({7}));
  EXPECT_DOUBLE_EQ(one.mean, 7.0);
  EXPECT_LT(one.mean_interval.low, 6.0);
  EXPECT_DOUBLE_EQ(one.mean_interval.high, 7.0);
}

TEST(WilsonInterval, KnownValues) {
  const Interval none = WilsonInterval(0, 10);
  EXPECT_DOUBLE_EQ(none.low, 0.0);
  EXPECT_NEAR(none.high, 0.2775, 0.0001);
  const Interval all = WilsonInterval(10, 10);
  EXPECT_NEAR(all.low, 0.7225, 0.0001);
  EXPECT_DOUBLE_EQ(all.high, 1.0);
}

absl::TimeZone Zone(const char* name) {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone(name, &zone)) << name;
  return zone;
}

absl::Time At(const char* rfc3339) {
  absl::Time time;
  std::string error;
  EXPECT_TRUE(absl::ParseTime(absl::RFC3339_full, rfc3339, &time, &error)) << error;
  return time;
}

TEST(TimeBuckets, ADayEndsAtMidnightInTheCallersZone) {
  // 23:30 UTC on 7 Sep is 00:30 on 8 Sep in Lisbon (UTC+1).
  const TimeBucket lisbon =
      BucketOf(At("2026-09-07T23:30:00Z"), Granularity::kDay, Zone("Europe/Lisbon"));
  EXPECT_EQ(lisbon.start, At("2026-09-07T23:00:00Z"));
  EXPECT_EQ(lisbon.end, At("2026-09-08T23:00:00Z"));
  const TimeBucket utc =
      BucketOf(At("2026-09-07T23:30:00Z"), Granularity::kDay, absl::UTCTimeZone());
  EXPECT_EQ(utc.start, At("2026-09-07T00:00:00Z"));
}

TEST(TimeBuckets, DaylightSavingChangesMakeLongAndShortDays) {
  const absl::TimeZone lisbon = Zone("Europe/Lisbon");
  const TimeBucket autumn = BucketOf(At("2026-10-25T12:00:00Z"), Granularity::kDay, lisbon);
  EXPECT_EQ(autumn.end - autumn.start, absl::Hours(25));
  const TimeBucket spring = BucketOf(At("2026-03-29T12:00:00Z"), Granularity::kDay, lisbon);
  EXPECT_EQ(spring.end - spring.start, absl::Hours(23));
  // In 2018 Sao Paulo moved its clocks at midnight: 4 Nov began at 01:00 local (03:00 UTC).
  const TimeBucket skipped =
      BucketOf(At("2018-11-04T12:00:00Z"), Granularity::kDay, Zone("America/Sao_Paulo"));
  EXPECT_EQ(skipped.start, At("2018-11-04T03:00:00Z"));
}

TEST(TimeBuckets, WeeksStartOnMondayAndMonthsOnTheFirst) {
  const TimeBucket week = BucketOf(At("2026-09-13T10:00:00Z"), Granularity::kWeek,
                                   absl::UTCTimeZone());  // A Sunday.
  EXPECT_EQ(week.start, At("2026-09-07T00:00:00Z"));
  EXPECT_EQ(week.end, At("2026-09-14T00:00:00Z"));
  const TimeBucket month =
      BucketOf(At("2026-02-14T10:00:00Z"), Granularity::kMonth, absl::UTCTimeZone());
  EXPECT_EQ(month.start, At("2026-02-01T00:00:00Z"));
  EXPECT_EQ(month.end, At("2026-03-01T00:00:00Z"));
}

TEST(TimeBuckets, BetweenCoversTheRangeUpToTheLimit) {
  const std::vector<TimeBucket> days =
      BucketsBetween(At("2026-09-07T10:00:00Z"), At("2026-09-12T10:00:00Z"), Granularity::kDay,
                     absl::UTCTimeZone(), 100);
  ASSERT_EQ(days.size(), 6u);  // 7 to 12 Sep, both partly covered.
  EXPECT_EQ(days.front().start, At("2026-09-07T00:00:00Z"));
  EXPECT_EQ(days.back().end, At("2026-09-13T00:00:00Z"));
  EXPECT_EQ(BucketsBetween(At("2026-01-01T00:00:00Z"), At("2027-01-01T00:00:00Z"),
                           Granularity::kDay, absl::UTCTimeZone(), 90)
                .size(),
            90u);
  EXPECT_TRUE(BucketsBetween(At("2026-01-02T00:00:00Z"), At("2026-01-01T00:00:00Z"),
                             Granularity::kDay, absl::UTCTimeZone(), 90)
                  .empty());
}

ActivityCounts Activity(int64_t active_at_start, int64_t retained, int64_t active_at_end,
                        int64_t new_during) {
  ActivityCounts counts;
  counts.active_at_start = active_at_start;
  counts.retained = retained;
  counts.active_at_end = active_at_end;
  counts.new_during = new_during;
  return counts;
}

TEST(ChurnFigure, ChurnAndRetentionOfAPeriod) {
  const std::optional<ChurnFigure> figure = ComputeChurn(Activity(10, 7, 9, 2));
  ASSERT_TRUE(figure.has_value());
  EXPECT_DOUBLE_EQ(figure->churn_percent, 30.0);
  EXPECT_DOUBLE_EQ(figure->retention_percent, 70.0);
  EXPECT_LT(figure->churn_interval.low, 30.0);
  EXPECT_GT(figure->churn_interval.high, 30.0);
  EXPECT_FALSE(ComputeChurn(Activity(0, 0, 4, 4)));
}

TEST(LifetimeValue, HistoricalSummary) {
  const std::optional<HistoricalValue> value = SummarizeCustomerValues({400, 100, 300, 200});
  ASSERT_TRUE(value.has_value());
  EXPECT_EQ(value->customers, 4);
  EXPECT_EQ(value->total, 1000);
  EXPECT_DOUBLE_EQ(value->mean, 250.0);
  EXPECT_DOUBLE_EQ(value->median, 250.0);
  EXPECT_EQ(value->p90, 400);
  const HistoricalValue odd = *SummarizeCustomerValues({5, 1, 3});
  EXPECT_DOUBLE_EQ(odd.median, 3.0);
  std::vector<int64_t> ten(10);
  for (int i = 0; i < 10; ++i) ten[i] = (i + 1) * 10;
  EXPECT_EQ(SummarizeCustomerValues(ten)->p90, 90);
  EXPECT_FALSE(SummarizeCustomerValues({}).has_value());
}

TEST(LifetimeValue, PredictionShowsItsInputs) {
  const std::optional<PredictedValue> value = PredictLifetimeValue(10, 5000, 4, 1.0, 0.25);
  ASSERT_TRUE(value.has_value());
  EXPECT_DOUBLE_EQ(value->average_order_value, 500.0);
  EXPECT_DOUBLE_EQ(value->purchases_per_customer_year, 2.5);
  EXPECT_DOUBLE_EQ(value->expected_lifetime_years, 4.0);
  EXPECT_DOUBLE_EQ(value->value, 5000.0);
  EXPECT_FALSE(PredictLifetimeValue(10, 5000, 4, 1.0, 0.0).has_value());
  EXPECT_FALSE(PredictLifetimeValue(0, 0, 0, 1.0, 0.5).has_value());
}

}  // namespace
}  // namespace cxhub
