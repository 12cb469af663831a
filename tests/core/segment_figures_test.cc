// Segments in core against hand-computed values on the real SQLite store: saving them, their
// members a page at a time (a merged customer once), member counts, every figure filtered by a
// segment (and equal to the unfiltered figure when the segment holds everybody), and personas.
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/field_violation.h"
#include "server/core/lifetime_value_figures.h"
#include "server/core/manual_clock.h"
#include "server/core/model.h"
#include "server/core/persona_figures.h"
#include "server/core/retention_figures.h"
#include "server/core/satisfaction_figures.h"
#include "server/core/segment_catalog.h"
#include "server/core/segment_members.h"
#include "server/core/store.h"
#include "tests/core/history_builder.h"
#include "tests/core/test_env.h"

namespace cxhub {
namespace {

using ::testing::ElementsAre;

absl::Time Utc(int year, int month, int day) {
  return absl::FromCivil(absl::CivilDay(year, month, day), absl::UTCTimeZone());
}

class SegmentFiguresTest : public ::testing::Test {
 protected:
  // a and c are on the gold plan. a writes in December 2025 and buys twice in EUR late 2026; b
  // writes in December 2025 and buys once in EUR; c buys twice in USD in 2026; d wrote in
  // November 2025. NPS in May 2026: a 10, b 0, c 6.
  void SetUp() override {
    HistoryBuilder& h = history_;
    for (const char* name : {"a", "b", "c", "d"}) {
      const bool gold = name == std::string("a") || name == std::string("c");
      customers_[name] = h.NewCustomer(name, gold ? Attributes{{"plan", "gold"}} : Attributes());
    }
    h.Record(h.Message("a", Utc(2025, 12, 1)));
    h.Record(h.Message("b", Utc(2025, 12, 15)));
    h.Record(h.Message("d", Utc(2025, 11, 1)));
    h.Record(h.Order("a", Utc(2026, 11, 1), 10000, "EUR"));
    h.Record(h.Order("a", Utc(2026, 12, 1), 5000, "EUR"));
    h.Record(h.Order("b", Utc(2026, 3, 1), 3000, "EUR"));
    h.Record(h.Order("c", Utc(2026, 6, 1), 2000, "USD"));
    h.Record(h.Order("c", Utc(2026, 12, 20), 4000, "USD"));
    h.Record(h.NpsAnswer("a", Utc(2026, 5, 1), 10));
    h.Record(h.NpsAnswer("b", Utc(2026, 5, 2), 0));
    h.Record(h.NpsAnswer("c", Utc(2026, 5, 3), 6));
    everybody_ = Create("Everybody", {});
    SegmentCondition gold;
    gold.kind = SegmentConditionKind::kAttribute;
    gold.attribute_key = "plan";
    gold.attribute_value = "gold";
    gold_ = Create("Gold", {gold});
  }

  SegmentId Create(const std::string& name, std::vector<SegmentCondition> conditions) {
    Segment segment;
    segment.display_name = name;
    segment.description = name + " customers";
    segment.conditions = std::move(conditions);
    absl::StatusOr<Segment> created = catalog_.Create(segment);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->id : 0;
  }

  NpsFigure NpsOf(std::optional<SegmentId> segment) {
    SatisfactionQuery query;
    query.metric = SurveyMetric::kNps;
    query.segment = segment;
    absl::StatusOr<SatisfactionReport> report = satisfaction_.Get(query);
    EXPECT_TRUE(report.ok()) << report.status();
    if (!report.ok() || !report->surveyed.has_value()) return NpsFigure();
    return std::get<NpsFigure>(report->surveyed->figure);
  }

  // A query of the figure `Query` over 2026, of the segment when there is one.
  template <typename Query>
  static Query Over2026(std::optional<SegmentId> segment) {
    Query query;
    query.start_time = Utc(2026, 1, 1);
    query.end_time = Utc(2027, 1, 1);
    query.segment = segment;
    return query;
  }

  RetentionFigure RetentionOf(std::optional<SegmentId> segment) {
    absl::StatusOr<RetentionReport> report = retention_.Get(Over2026<RetentionQuery>(segment));
    EXPECT_TRUE(report.ok()) << report.status();
    return report.ok() ? report->overall : RetentionFigure();
  }

  LifetimeValueReport ValueOf(std::optional<SegmentId> segment) {
    absl::StatusOr<LifetimeValueReport> report =
        lifetime_value_.Get(Over2026<LifetimeValueQuery>(segment));
    EXPECT_TRUE(report.ok()) << report.status();
    return report.value_or(LifetimeValueReport());
  }

  Store& store() { return temp_.store(); }

  TempStore temp_;
  ManualClock clock_{Utc(2027, 1, 1) + absl::Minutes(7)};
  SegmentCatalog catalog_{temp_.store(), clock_};
  SatisfactionFigures satisfaction_{temp_.store(), clock_};
  RetentionFigures retention_{temp_.store(), 90, clock_};
  LifetimeValueFigures lifetime_value_{temp_.store(), clock_};
  PersonaFigures personas_{temp_.store(), satisfaction_, lifetime_value_, clock_};
  HistoryBuilder history_{temp_.store()};
  std::map<std::string, CustomerId> customers_;
  SegmentId everybody_ = 0;
  SegmentId gold_ = 0;
};

TEST_F(SegmentFiguresTest, ASegmentOfEverybodyGivesTheUnfilteredFigures) {
  const NpsFigure all = NpsOf(std::nullopt);
  const NpsFigure segment = NpsOf(everybody_);
  EXPECT_EQ(all.answers, 3);
  EXPECT_EQ(segment.answers, all.answers);
  EXPECT_EQ(segment.promoters, all.promoters);
  EXPECT_EQ(segment.detractors, all.detractors);
  EXPECT_DOUBLE_EQ(segment.score, all.score);
  EXPECT_DOUBLE_EQ(segment.interval.low, all.interval.low);

  const RetentionFigure all_retention = RetentionOf(std::nullopt);
  const RetentionFigure segment_retention = RetentionOf(everybody_);
  EXPECT_EQ(segment_retention.counts.active_at_start, all_retention.counts.active_at_start);
  EXPECT_EQ(segment_retention.counts.retained, all_retention.counts.retained);
  EXPECT_EQ(segment_retention.counts.active_at_end, all_retention.counts.active_at_end);
  EXPECT_EQ(segment_retention.counts.new_during, all_retention.counts.new_during);
  EXPECT_EQ(all_retention.counts.active_at_start, 3);

  const LifetimeValueReport all_value = ValueOf(std::nullopt);
  const LifetimeValueReport segment_value = ValueOf(everybody_);
  ASSERT_EQ(segment_value.currencies.size(), all_value.currencies.size());
  for (size_t i = 0; i < all_value.currencies.size(); ++i) {
    EXPECT_EQ(segment_value.currencies[i].historical.total,
              all_value.currencies[i].historical.total);
    EXPECT_EQ(segment_value.currencies[i].observed_start_time,
              all_value.currencies[i].observed_start_time);
    ASSERT_EQ(segment_value.currencies[i].predicted.has_value(),
              all_value.currencies[i].predicted.has_value());
    EXPECT_DOUBLE_EQ(segment_value.currencies[i].predicted->value,
                     all_value.currencies[i].predicted->value);
  }
}

TEST_F(SegmentFiguresTest, FiguresOfASegmentCountOnlyItsMembers) {
  const NpsFigure gold = NpsOf(gold_);  // a 10, c 6.
  EXPECT_EQ(gold.answers, 2);
  EXPECT_EQ(gold.promoters, 1);
  EXPECT_EQ(gold.detractors, 1);
  EXPECT_DOUBLE_EQ(gold.score, 0);
  EXPECT_NEAR(NpsOf(std::nullopt).score, -100.0 / 3, 1e-9);

  // Active on 1 January 2026 (90 days): a. On 1 January 2027: a and c; c is new.
  const RetentionFigure retention = RetentionOf(gold_);
  EXPECT_EQ(retention.counts.active_at_start, 1);
  EXPECT_EQ(retention.counts.retained, 1);
  EXPECT_EQ(retention.counts.active_at_end, 2);
  EXPECT_EQ(retention.counts.new_during, 1);
  ASSERT_TRUE(retention.figure.has_value());
  EXPECT_DOUBLE_EQ(retention.figure->churn_percent, 0);
  EXPECT_DOUBLE_EQ(retention.figure->retention_percent, 100);  // (2 - 1) / 1.

  const LifetimeValueReport value = ValueOf(gold_);
  ASSERT_EQ(value.currencies.size(), 2u);
  EXPECT_EQ(value.currencies[0].currency, "EUR");
  EXPECT_EQ(value.currencies[0].historical.customers, 1);  // Not b.
  EXPECT_EQ(value.currencies[0].historical.total, 15000);
  EXPECT_EQ(value.currencies[1].historical.total, 6000);
  ASSERT_TRUE(value.yearly_churn.has_value());
  EXPECT_EQ(value.yearly_churn->figure.counts.active_at_start, 1);
  EXPECT_FALSE(value.currencies[0].predicted.has_value());  // A churn of 0 predicts nothing.
}

TEST_F(SegmentFiguresTest, AFigureOfAnUnknownSegmentIsNotFound) {
  SatisfactionQuery query;
  query.segment = 999;
  EXPECT_EQ(satisfaction_.Get(query).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(SegmentFiguresTest, MembersComeAPageAtATimeAndAMergedCustomerOnce) {
  absl::StatusOr<SegmentMemberPage> first = catalog_.ListMembers(everybody_, 0, 3);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_THAT(first->members, ElementsAre(customers_["a"], customers_["b"], customers_["c"]));
  EXPECT_TRUE(first->has_more);
  absl::StatusOr<SegmentMemberPage> second =
      catalog_.ListMembers(everybody_, first->members.back(), 3);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_THAT(second->members, ElementsAre(customers_["d"]));
  EXPECT_FALSE(second->has_more);

  ASSERT_TRUE(store()
                  .Write([&](StoreWriter& w) {
                    return w.MergeCustomerInto(customers_["c"], customers_["a"]);
                  })
                  .ok());
  ASSERT_TRUE(
      store().Write([&](StoreWriter& w) { return w.DeleteCustomer(customers_["d"]); }).ok());
  absl::StatusOr<SegmentMemberPage> after = catalog_.ListMembers(everybody_, 0, 10);
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_THAT(after->members, ElementsAre(customers_["a"], customers_["b"]));
  absl::StatusOr<std::vector<SegmentMemberCount>> counts = catalog_.CountMembers(std::nullopt);
  ASSERT_TRUE(counts.ok()) << counts.status();
  ASSERT_EQ(counts->size(), 2u);
  EXPECT_EQ((*counts)[0].members, 2);  // a (with c) and b.
  EXPECT_EQ((*counts)[1].segment.display_name, "Gold");
  EXPECT_EQ((*counts)[1].members, 1);  // a.
}

TEST_F(SegmentFiguresTest, APersonaIsItsSegmentsFigures) {
  absl::StatusOr<Persona> persona = personas_.Get(gold_);
  ASSERT_TRUE(persona.ok()) << persona.status();
  EXPECT_EQ(persona->segment.description, "Gold customers");
  EXPECT_EQ(persona->members, 2);
  ASSERT_EQ(persona->channel_mix.size(), 3u);  // a: 1 email, 2 web, 1 survey; c: 2 web, 1 survey.
  EXPECT_EQ(persona->channel_mix[0].channel, "web");
  EXPECT_EQ(persona->channel_mix[0].interactions, 4);
  EXPECT_EQ(persona->channel_mix[0].customers, 2);
  EXPECT_EQ(persona->channel_mix[1].channel, "survey");
  EXPECT_EQ(persona->channel_mix[1].interactions, 2);
  EXPECT_EQ(persona->channel_mix[2].channel, "email");
  EXPECT_EQ(persona->channel_mix[2].customers, 1);
  ASSERT_TRUE(persona->nps.has_value());
  EXPECT_EQ(persona->nps->counts.Total(), 2);
  ASSERT_EQ(persona->lifetime_value.currencies.size(), 2u);
  EXPECT_EQ(persona->lifetime_value.currencies[0].historical.total, 15000);
  EXPECT_EQ(personas_.Get(999).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(SegmentFiguresTest, SavingRefusesAnInvalidSegmentNamingTheField) {
  Segment segment;
  absl::Status status = catalog_.Create(segment).status();
  ASSERT_TRUE(FieldViolationOf(status).has_value()) << status;
  EXPECT_EQ(FieldViolationOf(status)->field, "segment.display_name");
  segment.display_name = "Bad";
  SegmentCondition activity;
  activity.kind = SegmentConditionKind::kActivity;  // No window.
  segment.conditions = {activity};
  status = catalog_.Create(segment).status();
  ASSERT_TRUE(FieldViolationOf(status).has_value()) << status;
  EXPECT_EQ(FieldViolationOf(status)->field, "segment.conditions[0].activity.within_days");
  SegmentCondition visited;
  visited.kind = SegmentConditionKind::kTouchpoint;
  visited.touchpoint_id = 77;
  segment.conditions = {visited};
  EXPECT_EQ(catalog_.Create(segment).status().code(), absl::StatusCode::kNotFound);

  SegmentUpdate update;
  update.description = "renamed";
  absl::StatusOr<Segment> updated = catalog_.Update(gold_, update);
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->description, "renamed");
  EXPECT_EQ(updated->conditions.size(), 1u);
  ASSERT_TRUE(catalog_.Delete(gold_).ok());
  EXPECT_EQ(catalog_.Get(gold_).status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace cxhub
