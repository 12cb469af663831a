// The satisfaction figures against hand-computed values: the samples README's NPS per
// touchpoint, per day and overall, its CSAT, mentioned scores apart, no answers, a replaced
// answer, and the edges of a day in a time zone; on the real SQLite store.
#include "server/core/satisfaction_figures.h"

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/field_violation.h"
#include "server/core/figures/time_buckets.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "tests/core/test_env.h"

namespace cxhub {
namespace {

absl::Time Utc(int month, int day, int hour = 0, int minute = 0, int second = 0) {
  return absl::FromCivil(absl::CivilSecond(2026, month, day, hour, minute, second),
                         absl::UTCTimeZone());
}

struct SampleAnswer {
  int score;
  const char* tag;  // checkout, delivery or support.
  absl::Time submit_time;
};

// The 12 valid rows of samples/surveys/nps-export.csv (the duplicate counted once).
std::vector<SampleAnswer> SampleNps() {
  return {
      {10, "checkout", Utc(9, 7, 10, 15, 2)}, {9, "checkout", Utc(9, 7, 12, 1, 44)},
      {7, "checkout", Utc(9, 8, 9, 30, 0)},   {6, "checkout", Utc(9, 8, 18, 45, 10)},
      {9, "delivery", Utc(9, 9, 8, 5, 55)},   {4, "delivery", Utc(9, 9, 14, 22, 31)},
      {3, "delivery", Utc(9, 10, 7, 40, 0)},  {8, "delivery", Utc(9, 10, 11, 11, 11)},
      {10, "support", Utc(9, 11, 16, 0, 12)}, {9, "support", Utc(9, 11, 17, 20, 0)},
      {8, "support", Utc(9, 11, 18, 2, 47)},  {2, "support", Utc(9, 12, 9, 0, 0)},
  };
}

// The figure of one metric, which the test expects to be there.
template <typename Figure>
const Figure& As(const std::optional<SatisfactionFigure>& figure) {
  static const Figure kNone{};
  if (!figure.has_value() || !std::holds_alternative<Figure>(figure->figure)) {
    ADD_FAILURE() << "no figure of the expected metric";
    return kNone;
  }
  return std::get<Figure>(figure->figure);
}

const NpsFigure& Nps(const std::optional<SatisfactionFigure>& figure) {
  return As<NpsFigure>(figure);
}

class SatisfactionFiguresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store()
                    .Write([&](StoreWriter& w) -> absl::Status {
                      Customer customer;
                      customer.display_name = "respondent";
                      absl::StatusOr<CustomerId> id = w.InsertCustomer(customer);
                      if (!id.ok()) return id.status();
                      customer_ = *id;
                      for (const char* name : {"checkout", "delivery", "support"}) {
                        Touchpoint touchpoint;
                        touchpoint.display_name = name;
                        absl::StatusOr<TouchpointId> tp = w.InsertTouchpoint(touchpoint);
                        if (!tp.ok()) return tp.status();
                        touchpoints_[name] = *tp;
                      }
                      return absl::OkStatus();
                    })
                    .ok());
  }

  Store& store() { return temp_.store(); }

  Interaction Answer(SurveyMetric metric, int score, absl::Time time, TouchpointId touchpoint = 0) {
    Interaction interaction;
    interaction.customer_id = customer_;
    interaction.channel = "survey";
    interaction.kind = InteractionKind::kSurveyResponse;
    interaction.direction = Direction::kInbound;
    interaction.occur_time = time;
    interaction.touchpoint_id = touchpoint;
    interaction.source = "test";
    interaction.external_id = std::to_string(next_key_++);
    interaction.survey.emplace();
    interaction.survey->metric = metric;
    interaction.survey->score = score;
    return interaction;
  }

  void Record(const Interaction& interaction) {
    ASSERT_TRUE(
        store()
            .Write([&](StoreWriter& w) { return w.InsertInteraction(interaction).status(); })
            .ok());
  }

  void RecordSampleNps() {
    for (const SampleAnswer& answer : SampleNps()) {
      Record(
          Answer(SurveyMetric::kNps, answer.score, answer.submit_time, touchpoints_[answer.tag]));
    }
  }

  absl::StatusOr<SatisfactionReport> Get(const SatisfactionQuery& query) {
    return SatisfactionFigures(store()).Get(query);
  }

  SatisfactionReport GetOk(const SatisfactionQuery& query) {
    absl::StatusOr<SatisfactionReport> report = Get(query);
    EXPECT_TRUE(report.ok()) << report.status();
    return report.value_or(SatisfactionReport());
  }

  static SatisfactionQuery DailyIn(const char* zone_name, absl::Time start, absl::Time end) {
    SatisfactionQuery query;
    query.start_time = start;
    query.end_time = end;
    SatisfactionSeriesSpec& series = query.series.emplace();
    series.granularity = Granularity::kDay;
    EXPECT_TRUE(absl::LoadTimeZone(zone_name, &series.zone));
    return query;
  }

  TempStore temp_;
  CustomerId customer_ = 0;
  std::map<std::string, TouchpointId> touchpoints_;
  int next_key_ = 0;
};

TEST_F(SatisfactionFiguresTest, NpsPerTouchpointAndOverallAsInTheSamples) {
  RecordSampleNps();
  const std::map<std::string, double> expected = {
      {"checkout", 25.0}, {"delivery", -25.0}, {"support", 25.0}};
  for (const auto& [tag, score] : expected) {
    SatisfactionQuery query;
    query.touchpoint_id = touchpoints_[tag];
    const SatisfactionReport report = GetOk(query);
    const NpsFigure& nps = Nps(report.surveyed);
    EXPECT_EQ(nps.answers, 4) << tag;
    EXPECT_DOUBLE_EQ(nps.score, score) << tag;
  }
  const SatisfactionReport all = GetOk(SatisfactionQuery());
  const NpsFigure& nps = Nps(all.surveyed);
  EXPECT_EQ(nps.answers, 12);
  EXPECT_EQ(nps.promoters, 5);
  EXPECT_EQ(nps.passives, 3);
  EXPECT_EQ(nps.detractors, 4);
  EXPECT_NEAR(nps.score, 8.3, 0.05);
  EXPECT_LT(nps.interval.low, nps.score);
  EXPECT_GT(nps.interval.high, nps.score);
  EXPECT_EQ(all.surveyed->counts.answers[9], 3);
  EXPECT_FALSE(all.mentioned.has_value());
  EXPECT_TRUE(all.series.empty());
}

TEST_F(SatisfactionFiguresTest, NpsPerDayAsInTheSamples) {
  RecordSampleNps();
  const SatisfactionReport report = GetOk(DailyIn("UTC", Utc(9, 7), Utc(9, 13)));
  ASSERT_EQ(report.series.size(), 6u);
  const std::vector<std::pair<int, double>> expected = {{2, 100.0}, {2, -50.0}, {2, 0.0},
                                                        {2, -50.0}, {3, 66.7},  {1, -100.0}};
  for (size_t day = 0; day < expected.size(); ++day) {
    const SatisfactionPoint& point = report.series[day];
    EXPECT_EQ(point.bucket.start, Utc(9, 7 + static_cast<int>(day)));
    EXPECT_EQ(point.bucket.end, Utc(9, 8 + static_cast<int>(day)));
    const NpsFigure& nps = Nps(point.surveyed);
    EXPECT_EQ(nps.answers, expected[day].first) << "day " << day;
    EXPECT_NEAR(nps.score, expected[day].second, 0.05) << "day " << day;
  }
  EXPECT_EQ(Nps(report.surveyed).answers, 12);
}

TEST_F(SatisfactionFiguresTest, CsatAsInTheSamples) {
  Record(Answer(SurveyMetric::kCsat, 5, Utc(9, 8, 8, 39, 31), touchpoints_["support"]));
  Record(Answer(SurveyMetric::kCsat, 2, Utc(9, 9, 15, 50, 12), touchpoints_["support"]));
  SatisfactionQuery query;
  query.metric = SurveyMetric::kCsat;
  const SatisfactionReport report = GetOk(query);
  const CsatFigure& csat = As<CsatFigure>(report.surveyed);
  EXPECT_EQ(csat.answers, 2);
  EXPECT_EQ(csat.satisfied, 1);
  EXPECT_DOUBLE_EQ(csat.satisfied_percent, 50.0);
  EXPECT_DOUBLE_EQ(csat.mean, 3.5);
}

TEST_F(SatisfactionFiguresTest, NoAnswersIsNoFigure) {
  RecordSampleNps();
  SatisfactionQuery query = DailyIn("UTC", Utc(9, 1), Utc(9, 3));
  query.metric = SurveyMetric::kCes;
  query.include_mentioned = true;
  const SatisfactionReport report = GetOk(query);
  EXPECT_FALSE(report.surveyed.has_value());
  EXPECT_FALSE(report.mentioned.has_value());
  ASSERT_EQ(report.series.size(), 2u);
  EXPECT_FALSE(report.series[0].surveyed.has_value());
  EXPECT_FALSE(report.series[1].surveyed.has_value());
}

TEST_F(SatisfactionFiguresTest, AllDetractorsAndOneAnswer) {
  Record(Answer(SurveyMetric::kNps, 3, Utc(9, 7, 10)));
  const NpsFigure one = Nps(GetOk(SatisfactionQuery()).surveyed);
  EXPECT_EQ(one.answers, 1);
  EXPECT_DOUBLE_EQ(one.score, -100.0);
  EXPECT_GT(one.interval.high - one.interval.low, 50.0);  // One answer looks like one.
}

TEST_F(SatisfactionFiguresTest, ReplacedAnswerCountsOnce) {
  Interaction answer = Answer(SurveyMetric::kCsat, 2, Utc(9, 9, 15, 50, 12));
  Record(answer);
  answer.survey->score = 4;
  ASSERT_TRUE(
      store()
          .Write([&](StoreWriter& w) { return w.ReplaceInteractionContent(answer).status(); })
          .ok());
  SatisfactionQuery query;
  query.metric = SurveyMetric::kCsat;
  const SatisfactionReport report = GetOk(query);
  const CsatFigure& csat = As<CsatFigure>(report.surveyed);
  EXPECT_EQ(csat.answers, 1);
  EXPECT_DOUBLE_EQ(csat.mean, 4.0);
}

TEST_F(SatisfactionFiguresTest, A2330UtcAnswerFallsOnTheNextDayInLisbonInSummer) {
  Record(Answer(SurveyMetric::kNps, 10, Utc(9, 7, 22, 30)));  // 23:30 on 7 Sep in Lisbon.
  Record(Answer(SurveyMetric::kNps, 0, Utc(9, 7, 23, 30)));   // 00:30 on 8 Sep in Lisbon.
  // Lisbon is UTC+1 in September: its 7 and 8 Sep start at 23:00 UTC the day before.
  const SatisfactionReport lisbon = GetOk(DailyIn("Europe/Lisbon", Utc(9, 6, 23), Utc(9, 8, 23)));
  ASSERT_EQ(lisbon.series.size(), 2u);
  EXPECT_EQ(lisbon.series[0].bucket.start, Utc(9, 6, 23));
  EXPECT_DOUBLE_EQ(Nps(lisbon.series[0].surveyed).score, 100.0);
  EXPECT_DOUBLE_EQ(Nps(lisbon.series[1].surveyed).score, -100.0);

  const SatisfactionReport utc = GetOk(DailyIn("UTC", Utc(9, 7), Utc(9, 8)));
  ASSERT_EQ(utc.series.size(), 1u);
  EXPECT_EQ(Nps(utc.series[0].surveyed).answers, 2);
}

TEST_F(SatisfactionFiguresTest, MentionedScoresOnlyWhenAskedAndApart) {
  RecordSampleNps();
  int key = 0;
  for (int score : {8, 9, 9, 10}) {
    Interaction message = Answer(SurveyMetric::kNps, 0, Utc(9, 8, 12, key));
    message.external_id = "message-" + std::to_string(key++);
    message.kind = InteractionKind::kMessage;
    message.channel = "email";
    message.survey.reset();
    message.mentioned_score.emplace();
    message.mentioned_score->score = score;
    Record(message);
  }
  EXPECT_FALSE(GetOk(SatisfactionQuery()).mentioned.has_value());

  SatisfactionQuery query;
  query.include_mentioned = true;
  const SatisfactionReport report = GetOk(query);
  EXPECT_EQ(Nps(report.surveyed).answers, 12);  // Not mixed in.
  const NpsFigure& mentioned = Nps(report.mentioned);
  EXPECT_EQ(mentioned.answers, 4);
  EXPECT_EQ(mentioned.promoters, 3);
  EXPECT_EQ(mentioned.passives, 1);
  EXPECT_DOUBLE_EQ(mentioned.score, 75.0);
}

TEST_F(SatisfactionFiguresTest, FiltersByChannel) {
  RecordSampleNps();
  SatisfactionQuery query;
  query.channel = "chat";
  EXPECT_FALSE(GetOk(query).surveyed.has_value());
  query.channel = "survey";
  EXPECT_EQ(Nps(GetOk(query).surveyed).answers, 12);
}

TEST_F(SatisfactionFiguresTest, RefusesWhatItCannotAnswerNamingTheField) {
  auto field_of = [&](const SatisfactionQuery& query) -> std::string {
    absl::StatusOr<SatisfactionReport> report = Get(query);
    std::optional<FieldViolation> violation = FieldViolationOf(report.status());
    return violation.has_value() ? violation->field : report.status().ToString();
  };
  SatisfactionQuery query;
  query.start_time = Utc(9, 7, 0, 5);
  EXPECT_EQ(field_of(query), "start_time");
  query = SatisfactionQuery();
  query.start_time = Utc(9, 8);
  query.end_time = Utc(9, 7);
  EXPECT_EQ(field_of(query), "end_time");
  query = DailyIn("UTC", Utc(9, 7), Utc(9, 7) + absl::Hours(24 * 401));
  EXPECT_EQ(field_of(query), "series");
  query = DailyIn("UTC", Utc(9, 7), Utc(9, 8));
  query.end_time = absl::InfiniteFuture();
  EXPECT_EQ(field_of(query), "series");

  query = SatisfactionQuery();
  query.touchpoint_id = 4242;
  EXPECT_EQ(Get(query).status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace cxhub
