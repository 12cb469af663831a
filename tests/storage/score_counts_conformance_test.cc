// Store conformance for the counts behind the satisfaction figures (SumScoreAnswers): kept in
// the transaction of every write that changes them, and always equal to a recount of the
// interactions. Every backend must pass it unchanged.
#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/figures/score_figures.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/storage/sql_dialect.h"
#include "server/storage/sql_driver.h"
#include "tests/storage/random_store_writes.h"
#include "tests/storage/store_backends.h"
#include "tests/storage/store_conformance_fixture.h"

namespace cxhub::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A bucket's counts as (start in Unix seconds, answers per score), for readable failures.
using BucketCounts = std::map<int64_t, std::array<int64_t, 11>>;

BucketCounts AsMap(const std::vector<ScoreBucket>& buckets) {
  BucketCounts map;
  for (const ScoreBucket& bucket : buckets) {
    map[absl::ToUnixSeconds(bucket.start)] = bucket.counts.answers;
  }
  return map;
}

// Answers per score, from {score, answers} pairs.
std::array<int64_t, 11> Scores(std::initializer_list<std::pair<int, int64_t>> answers) {
  std::array<int64_t, 11> scores{};
  for (const auto& [score, count] : answers) scores[score] = count;
  return scores;
}

// A quarter-hour-aligned base time: 2026-09-07 00:00 UTC.
absl::Time Day0() { return absl::FromUnixSeconds(1788739200); }
int64_t Day0Seconds() { return 1788739200; }

Interaction Answer(CustomerId customer, const std::string& external_id, absl::Time time,
                   SurveyMetric metric, int score) {
  Interaction interaction = NewInteraction(customer, external_id, time);
  interaction.kind = InteractionKind::kSurveyResponse;
  interaction.channel = "survey";
  interaction.survey.emplace();
  interaction.survey->metric = metric;
  interaction.survey->score = score;
  return interaction;
}

class ScoreCountsStoreTest : public StoreConformanceTest {
 protected:
  InteractionId Record(const Interaction& interaction) {
    absl::StatusOr<InteractionId> id = InsertInteraction(interaction);
    EXPECT_TRUE(id.ok()) << id.status();
    return id.value_or(0);
  }

  absl::StatusOr<std::vector<ScoreBucket>> Sum(const ScoreAnswerFilter& filter) {
    return Read<std::vector<ScoreBucket>>(
        [&](StoreReader& r) { return r.SumScoreAnswers(filter); });
  }

  BucketCounts SumMap(const ScoreAnswerFilter& filter) {
    absl::StatusOr<std::vector<ScoreBucket>> buckets = Sum(filter);
    EXPECT_TRUE(buckets.ok()) << buckets.status();
    return AsMap(buckets.value_or(std::vector<ScoreBucket>()));
  }

  static ScoreAnswerFilter Nps() { return ScoreAnswerFilter(); }
};

TEST_P(ScoreCountsStoreTest, SumsAnswersPerQuarterHour) {
  const CustomerId customer = NewCustomerId("c");
  Record(Answer(customer, "a", Day0() + absl::Minutes(1), SurveyMetric::kNps, 9));
  Record(Answer(customer, "b", Day0() + absl::Minutes(14), SurveyMetric::kNps, 9));
  Record(Answer(customer, "c", Day0() + absl::Minutes(15), SurveyMetric::kNps, 3));
  Record(Answer(customer, "d", Day0() + absl::Minutes(16), SurveyMetric::kCsat, 4));
  Record(Answer(customer, "e", Day0() - absl::Microseconds(1), SurveyMetric::kNps, 10));

  EXPECT_THAT(SumMap(Nps()), ElementsAre(std::pair(Day0Seconds() - 900, Scores({{10, 1}})),
                                         std::pair(Day0Seconds(), Scores({{9, 2}})),
                                         std::pair(Day0Seconds() + 900, Scores({{3, 1}}))));
  ScoreAnswerFilter csat;
  csat.metric = SurveyMetric::kCsat;
  EXPECT_THAT(SumMap(csat), ElementsAre(std::pair(Day0Seconds() + 900, Scores({{4, 1}}))));
}

TEST_P(ScoreCountsStoreTest, FiltersByTouchpointChannelAndRange) {
  const CustomerId customer = NewCustomerId("c");
  const TouchpointId checkout = NewTouchpoint("checkout");
  Interaction at_checkout = Answer(customer, "a", Day0(), SurveyMetric::kNps, 10);
  at_checkout.touchpoint_id = checkout;
  Record(at_checkout);
  Interaction by_chat = Answer(customer, "b", Day0() + absl::Hours(1), SurveyMetric::kNps, 2);
  by_chat.channel = "chat";
  Record(by_chat);

  ScoreAnswerFilter filter = Nps();
  filter.touchpoint_id = checkout;
  EXPECT_THAT(SumMap(filter), ElementsAre(std::pair(Day0Seconds(), Scores({{10, 1}}))));
  filter.touchpoint_id = 0;
  EXPECT_THAT(SumMap(filter), ElementsAre(std::pair(Day0Seconds() + 3600, Scores({{2, 1}}))));
  filter = Nps();
  filter.channel = "survey";
  EXPECT_THAT(SumMap(filter), ElementsAre(std::pair(Day0Seconds(), Scores({{10, 1}}))));
  filter = Nps();
  filter.start_time = Day0() + absl::Minutes(15);
  EXPECT_THAT(SumMap(filter), ElementsAre(std::pair(Day0Seconds() + 3600, Scores({{2, 1}}))));
  filter.end_time = Day0() + absl::Hours(1);
  EXPECT_THAT(SumMap(filter), IsEmpty());
}

TEST_P(ScoreCountsStoreTest, KeepsMentionedScoresApart) {
  const CustomerId customer = NewCustomerId("c");
  Interaction message = NewInteraction(customer, "m", Day0());
  message.mentioned_score.emplace();
  message.mentioned_score->score = 8;
  Record(message);
  Record(Answer(customer, "a", Day0(), SurveyMetric::kNps, 6));

  EXPECT_THAT(SumMap(Nps()), ElementsAre(std::pair(Day0Seconds(), Scores({{6, 1}}))));
  ScoreAnswerFilter mentioned = Nps();
  mentioned.mentioned = true;
  EXPECT_THAT(SumMap(mentioned), ElementsAre(std::pair(Day0Seconds(), Scores({{8, 1}}))));
}

TEST_P(ScoreCountsStoreTest, ReplacedAnswerCountsOnce) {
  const CustomerId customer = NewCustomerId("c");
  Record(Answer(customer, "a", Day0(), SurveyMetric::kCsat, 2));
  ASSERT_OK(Write([&](StoreWriter& w) {
    return w
        .ReplaceInteractionContent(
            Answer(customer, "a", Day0() + absl::Hours(2), SurveyMetric::kCsat, 5))
        .status();
  }));
  ScoreAnswerFilter csat;
  csat.metric = SurveyMetric::kCsat;
  EXPECT_THAT(SumMap(csat), ElementsAre(std::pair(Day0Seconds() + 7200, Scores({{5, 1}}))));
}

TEST_P(ScoreCountsStoreTest, ReassignmentAndTouchpointDeletionMoveAnswers) {
  const CustomerId customer = NewCustomerId("c");
  const TouchpointId help = NewTouchpoint("help");
  const InteractionId id = Record(Answer(customer, "a", Day0(), SurveyMetric::kNps, 9));
  ASSERT_OK(Write([&](StoreWriter& w) { return w.SetInteractionTouchpoint(id, help, 0); }));
  ScoreAnswerFilter filter = Nps();
  filter.touchpoint_id = help;
  EXPECT_THAT(SumMap(filter), ElementsAre(std::pair(Day0Seconds(), Scores({{9, 1}}))));
  filter.touchpoint_id = 0;
  EXPECT_THAT(SumMap(filter), IsEmpty());

  ASSERT_OK(Write([&](StoreWriter& w) { return w.DeleteTouchpoint(help); }));
  EXPECT_THAT(SumMap(filter), ElementsAre(std::pair(Day0Seconds(), Scores({{9, 1}}))));
}

TEST_P(ScoreCountsStoreTest, MergeKeepsAnswersAndDeletionRemovesThem) {
  const CustomerId a = NewCustomerId("a");
  const CustomerId b = NewCustomerId("b");
  Record(Answer(a, "a", Day0(), SurveyMetric::kNps, 9));
  Record(Answer(b, "b", Day0(), SurveyMetric::kNps, 9));
  ASSERT_OK(Write([&](StoreWriter& w) { return w.MergeCustomerInto(a, b); }));
  EXPECT_THAT(SumMap(Nps()), ElementsAre(std::pair(Day0Seconds(), Scores({{9, 2}}))));
  ASSERT_OK(Write([&](StoreWriter& w) { return w.DeleteCustomer(b); }));
  EXPECT_THAT(SumMap(Nps()), IsEmpty());
}

TEST_P(ScoreCountsStoreTest, RefusesARangeOffTheQuarterHour) {
  ScoreAnswerFilter filter = Nps();
  filter.start_time = Day0() + absl::Minutes(5);
  EXPECT_EQ(Sum(filter).status().code(), absl::StatusCode::kInvalidArgument);
  filter = Nps();
  filter.end_time = Day0() + absl::Seconds(1);
  EXPECT_EQ(Sum(filter).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_P(ScoreCountsStoreTest, MigrationCountsTheAnswersRecordedBeforeIt) {
  const CustomerId customer = NewCustomerId("c");
  const TouchpointId help = NewTouchpoint("help");
  Interaction at_help = Answer(customer, "a", Day0() + absl::Minutes(20), SurveyMetric::kNps, 9);
  at_help.touchpoint_id = help;
  Record(at_help);
  Record(Answer(customer, "b", Day0() + absl::Minutes(29), SurveyMetric::kNps, 9));
  Record(Answer(customer, "c", absl::FromUnixSeconds(-1), SurveyMetric::kNps, 0));
  Interaction message = NewInteraction(customer, "m", Day0());
  message.mentioned_score.emplace();
  message.mentioned_score->score = 7;
  Record(message);
  ScoreAnswerFilter mentioned = Nps();
  mentioned.mentioned = true;
  ScoreAnswerFilter at_none = Nps();
  at_none.touchpoint_id = 0;
  const BucketCounts surveyed_before = SumMap(Nps());
  const BucketCounts mentioned_before = SumMap(mentioned);
  const BucketCounts at_none_before = SumMap(at_none);

  // Run migration 0005 again on a database that has the interactions but not the counts.
  ASSERT_OK(RerunMigration(5, {"score_answer_counts"}));

  EXPECT_THAT(surveyed_before, ElementsAre(std::pair(-900, Scores({{0, 1}})),
                                           std::pair(Day0Seconds() + 900, Scores({{9, 2}}))));
  EXPECT_EQ(SumMap(Nps()), surveyed_before);
  EXPECT_EQ(SumMap(mentioned), mentioned_before);
  EXPECT_EQ(SumMap(at_none), at_none_before);
  EXPECT_EQ(at_none_before.size(), 2u);
}

TEST_P(ScoreCountsStoreTest, MigrationCountsWholeDaysFromTheQuarterHours) {
  const CustomerId customer = NewCustomerId("c");
  Record(Answer(customer, "a", Day0() + absl::Minutes(20), SurveyMetric::kNps, 9));
  Record(Answer(customer, "b", Day0() + absl::Hours(23), SurveyMetric::kNps, 9));
  Record(Answer(customer, "c", absl::FromUnixSeconds(-1), SurveyMetric::kNps, 0));
  ScoreAnswerFilter days = Nps();
  days.whole_days = true;
  const BucketCounts before = SumMap(days);
  EXPECT_THAT(before, ElementsAre(std::pair(-86400, Scores({{0, 1}})),
                                  std::pair(Day0Seconds(), Scores({{9, 2}}))));

  // Run migration 0008 again on a database that has the quarter hours but not the days.
  ASSERT_OK(RerunMigration(8, {"score_answer_day_counts", "score_answer_day_totals"}));
  EXPECT_EQ(SumMap(days), before);
}

TEST_P(ScoreCountsStoreTest, WholeDaysComeFromTheDailyCountsAndPartialDaysFromTheShorterSide) {
  const CustomerId customer = NewCustomerId("c");
  Record(Answer(customer, "a", Day0() + absl::Hours(1), SurveyMetric::kNps, 9));
  Record(Answer(customer, "b", Day0() + absl::Hours(30), SurveyMetric::kNps, 8));
  Record(Answer(customer, "c", Day0() + absl::Hours(40), SurveyMetric::kNps, 7));
  Record(Answer(customer, "d", Day0() + absl::Hours(50), SurveyMetric::kNps, 6));
  Record(Answer(customer, "e", Day0() + absl::Hours(51), SurveyMetric::kNps, 5));
  ScoreAnswerFilter filter = Nps();
  filter.whole_days = true;
  // Day 0 from 00:45 is its day's count less its first three quarter hours; day 1 is cut at
  // 05:00, after which it is its day's count less the quarter hours before; day 2 until 02:15
  // is its quarter hours.
  filter.start_time = Day0() + absl::Minutes(45);
  filter.end_time = Day0() + absl::Hours(50) + absl::Minutes(15);
  filter.split_at = {Day0() + absl::Hours(24 + 5)};
  EXPECT_THAT(SumMap(filter),
              ElementsAre(std::pair(Day0Seconds() + 45 * 60, Scores({{9, 1}})),
                          std::pair(Day0Seconds() + 29 * 3600, Scores({{8, 1}, {7, 1}})),
                          std::pair(Day0Seconds() + 50 * 3600, Scores({{6, 1}}))));
  absl::StatusOr<std::vector<ScoreBucket>> buckets = Sum(filter);
  ASSERT_TRUE(buckets.ok()) << buckets.status();
  ASSERT_EQ(buckets->size(), 3u);
  EXPECT_EQ((*buckets)[0].end - (*buckets)[0].start, absl::Hours(23) + absl::Minutes(15));
  EXPECT_EQ((*buckets)[1].end - (*buckets)[1].start, absl::Hours(19));
  EXPECT_EQ((*buckets)[2].end - (*buckets)[2].start, kScoreBucketWidth);
}

// (metric, mentioned, touchpoint, channel) -> counts per bucket.
using Recount = std::map<std::tuple<int, bool, TouchpointId, std::string>, BucketCounts>;

Recount RecountOf(const std::vector<Interaction>& interactions) {
  Recount recount;
  const int64_t width = absl::ToInt64Seconds(kScoreBucketWidth);
  for (const Interaction& interaction : interactions) {
    const int64_t seconds = absl::ToUnixSeconds(interaction.occur_time);
    const int64_t bucket = seconds - ((seconds % width) + width) % width;
    auto count = [&](SurveyMetric metric, int score, bool mentioned) {
      recount[{static_cast<int>(metric), mentioned, interaction.touchpoint_id, interaction.channel}]
             [bucket][score] += 1;
    };
    if (interaction.survey) count(interaction.survey->metric, interaction.survey->score, false);
    if (interaction.mentioned_score) {
      count(interaction.mentioned_score->metric, interaction.mentioned_score->score, true);
    }
  }
  return recount;
}

// `quarters` regrouped as SumScoreAnswers answers a filter with whole_days over [start, end):
// a UTC day wholly inside is one bucket; one cut by a time of `split_at` (at most one per day
// here) keeps the quarter hours of its shorter side (the first when equal) and makes one bucket
// of the other side. When the range holds a whole day, a day it holds in part is one bucket if
// its part outside the range is the shorter and no time of `split_at` cuts its part inside.
// floor(a / b) for b > 0.
int64_t FloorDiv(int64_t a, int64_t b) { return a / b - (a % b < 0 ? 1 : 0); }

BucketCounts WholeDaysOf(const BucketCounts& quarters, int64_t start, int64_t end,
                         const std::vector<int64_t>& split_at) {
  constexpr int64_t kDay = 86400;
  BucketCounts regrouped;
  for (const auto& [quarter, scores] : quarters) {
    if (quarter < start || quarter >= end) continue;
    const int64_t day = quarter - ((quarter % kDay) + kDay) % kDay;
    int64_t key = quarter;
    const int64_t from = std::max(day, start);
    const int64_t to = std::min(day + kDay, end);
    const bool holds_a_whole_day =
        start == INT64_MIN || end == INT64_MAX || -FloorDiv(-start, kDay) < FloorDiv(end, kDay);
    if (holds_a_whole_day && (from != day || to != day + kDay)) {
      const bool cut_inside = std::any_of(split_at.begin(), split_at.end(),
                                          [&](int64_t cut) { return cut > from && cut < to; });
      if (kDay - (to - from) < to - from && !cut_inside) key = from;
    }
    if (day >= start && day + kDay <= end) {
      key = day;
      for (int64_t cut : split_at) {
        if (cut <= day || cut >= day + kDay) continue;
        const bool before_is_shorter = cut - day <= day + kDay - cut;
        const bool in_before = quarter < cut;
        key = in_before == before_is_shorter ? quarter : (in_before ? day : cut);
      }
    }
    std::array<int64_t, 11>& into = regrouped[key];
    for (size_t score = 0; score < scores.size(); ++score) into[score] += scores[score];
  }
  return regrouped;
}

TEST_P(ScoreCountsStoreTest, CountsEqualARecountAfterRandomWrites) {
  RandomWrites writes(*store_, Day0(), /*seed=*/20260907);
  writes.Run(800);
  if (HasFatalFailure()) return;
  absl::StatusOr<std::vector<Interaction>> interactions = AllInteractions();
  ASSERT_TRUE(interactions.ok()) << interactions.status();
  const Recount recount = RecountOf(*interactions);

  std::set<TouchpointId> touchpoints = writes.all_touchpoints();
  touchpoints.insert(0);
  int compared = 0;
  for (int metric = 1; metric <= 3; ++metric) {
    for (bool mentioned : {false, true}) {
      for (TouchpointId touchpoint : touchpoints) {
        for (const std::string& channel : RandomWrites::Channels()) {
          ScoreAnswerFilter filter;
          filter.metric = static_cast<SurveyMetric>(metric);
          filter.mentioned = mentioned;
          filter.touchpoint_id = touchpoint;
          filter.channel = channel;
          auto expected = recount.find({metric, mentioned, touchpoint, channel});
          EXPECT_EQ(SumMap(filter), expected == recount.end() ? BucketCounts() : expected->second)
              << "metric " << metric << " mentioned " << mentioned << " touchpoint " << touchpoint
              << " channel " << channel;
          const BucketCounts quarters =
              expected == recount.end() ? BucketCounts() : expected->second;
          // The daily counts, over everything and over a range with partial and split days.
          filter.whole_days = true;
          EXPECT_EQ(SumMap(filter), WholeDaysOf(quarters, INT64_MIN, INT64_MAX, {}))
              << "whole days: metric " << metric << " mentioned " << mentioned;
          // Day 0 partial, day 1 whole, day 2 partial; then day 2 split at 04:00 instead.
          const int64_t start = Day0Seconds() + 5 * 3600 + 900;
          for (const auto& [end, split_at] :
               {std::pair<int64_t, std::vector<int64_t>>{Day0Seconds() + 2 * 86400 + 20 * 3600, {}},
                std::pair<int64_t, std::vector<int64_t>>{Day0Seconds() + 3 * 86400,
                                                         {Day0Seconds() + 2 * 86400 + 4 * 3600}}}) {
            filter.start_time = absl::FromUnixSeconds(start);
            filter.end_time = absl::FromUnixSeconds(end);
            filter.split_at.clear();
            for (int64_t split : split_at) filter.split_at.push_back(absl::FromUnixSeconds(split));
            EXPECT_EQ(SumMap(filter), WholeDaysOf(quarters, start, end, split_at))
                << "days in a range: metric " << metric << " mentioned " << mentioned;
          }
          if (expected != recount.end()) ++compared;
        }
      }
    }
  }
  // Every touchpoint and channel together, from the day totals.
  for (int metric = 1; metric <= 3; ++metric) {
    for (bool mentioned : {false, true}) {
      BucketCounts quarters;
      for (const auto& [key, buckets] : recount) {
        if (std::get<0>(key) != metric || std::get<1>(key) != mentioned) continue;
        for (const auto& [quarter, scores] : buckets) {
          for (size_t score = 0; score < scores.size(); ++score) {
            quarters[quarter][score] += scores[score];
          }
        }
      }
      ScoreAnswerFilter filter;
      filter.metric = static_cast<SurveyMetric>(metric);
      filter.mentioned = mentioned;
      filter.whole_days = true;
      const int64_t start = Day0Seconds() + 900;
      const int64_t end = Day0Seconds() + 3 * 86400;
      const int64_t split = Day0Seconds() + 2 * 86400 + 19 * 3600;
      filter.start_time = absl::FromUnixSeconds(start);
      filter.end_time = absl::FromUnixSeconds(end);
      filter.split_at = {absl::FromUnixSeconds(split)};
      EXPECT_EQ(SumMap(filter), WholeDaysOf(quarters, start, end, {split}))
          << "all touchpoints and channels: metric " << metric << " mentioned " << mentioned;
    }
  }
  // The mix left many answers behind, spread over many rows.
  EXPECT_GT(interactions->size(), 60u);
  EXPECT_GT(compared, 20);
}

INSTANTIATE_TEST_SUITE_P(Backends, ScoreCountsStoreTest, ::testing::ValuesIn(AllBackends()),
                         BackendName);

}  // namespace
}  // namespace cxhub::testing
