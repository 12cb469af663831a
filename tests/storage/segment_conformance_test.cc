// Store conformance for segments: their rows round-trip, and who is a member of a rule of each
// kind of condition on hand-computed data (a merged customer counted once as its survivor, a
// deleted one never); the figures' customer filters give what the counts give when they hold
// every customer. Every backend must pass it unchanged.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "tests/storage/random_store_writes.h"
#include "tests/storage/store_backends.h"
#include "tests/storage/store_conformance_fixture.h"

namespace cxhub::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// 2026-09-07 00:00 UTC, and whole days from it. Segments are evaluated at Day(100).
absl::Time Day(int day) { return absl::FromUnixSeconds(1788739200) + absl::Hours(24 * day); }
const absl::Time kNow = Day(100);

SegmentCondition Attribute(const std::string& key, const std::string& value) {
  SegmentCondition condition;
  condition.kind = SegmentConditionKind::kAttribute;
  condition.attribute_key = key;
  condition.attribute_value = value;
  return condition;
}

SegmentCondition Channel(const std::string& channel, int within_days) {
  SegmentCondition condition;
  condition.kind = SegmentConditionKind::kChannel;
  condition.channel = channel;
  condition.within_days = within_days;
  return condition;
}

SegmentCondition AtTouchpoint(TouchpointId touchpoint, int within_days) {
  SegmentCondition condition = Channel("", within_days);
  condition.kind = SegmentConditionKind::kTouchpoint;
  condition.touchpoint_id = touchpoint;
  return condition;
}

SegmentCondition Active(int within_days, bool inactive = false) {
  SegmentCondition condition;
  condition.kind = SegmentConditionKind::kActivity;
  condition.within_days = within_days;
  condition.inactive = inactive;
  return condition;
}

SegmentCondition Tickets(CountComparison comparison, int64_t count, int within_days) {
  SegmentCondition condition;
  condition.kind = SegmentConditionKind::kInteractionCount;
  condition.interaction_kind = InteractionKind::kTicket;
  condition.direction = Direction::kInbound;
  condition.comparison = comparison;
  condition.count = count;
  condition.within_days = within_days;
  return condition;
}

SegmentCondition LastScore(SurveyMetric metric, int min_score, int max_score) {
  SegmentCondition condition;
  condition.kind = SegmentConditionKind::kScore;
  condition.metric = metric;
  condition.min_score = min_score;
  condition.max_score = max_score;
  return condition;
}

class SegmentStoreTest : public StoreConformanceTest {
 protected:
  // An interaction of `customer` at `time`, with a fresh external id.
  Interaction At(CustomerId customer, absl::Time time, const std::string& channel,
                 InteractionKind kind = InteractionKind::kMessage) {
    Interaction interaction = NewInteraction(customer, absl::StrCat("i", next_++), time);
    interaction.channel = channel;
    interaction.kind = kind;
    return interaction;
  }

  void Record(const Interaction& interaction) {
    absl::StatusOr<InteractionId> id = InsertInteraction(interaction);
    EXPECT_TRUE(id.ok()) << id.status();
  }

  void Answer(CustomerId customer, absl::Time time, SurveyMetric metric, int score) {
    Interaction interaction = At(customer, time, "survey", InteractionKind::kSurveyResponse);
    interaction.survey.emplace();
    interaction.survey->metric = metric;
    interaction.survey->score = score;
    Record(interaction);
  }

  CustomerId Customer(const std::string& name, Attributes attributes = {}) {
    cxhub::Customer customer = NewCustomer(name);
    customer.attributes = std::move(attributes);
    absl::StatusOr<CustomerId> id = InsertCustomer(customer);
    EXPECT_TRUE(id.ok()) << id.status();
    return id.value_or(0);
  }

  // ana: gold plan, email and chat, two tickets of her own and one of dee's (merged into her),
  //   NPS 3 then 9 (a promoter last). bo: free plan, one call and NPS 2 long ago. cy: a chat at
  //   the support touchpoint and CSAT 2 yesterday. zed: nothing. eve: deleted, with everything.
  void Populate() {
    ana_ = Customer("ana", {{"plan", "gold"}});
    bo_ = Customer("bo", {{"plan", "free"}});
    cy_ = Customer("cy");
    zed_ = Customer("zed");
    const CustomerId dee = Customer("dee");
    const CustomerId eve = Customer("eve", {{"plan", "gold"}});
    support_ = NewTouchpoint("support");
    Record(At(ana_, Day(95), "email"));
    Record(At(ana_, Day(90), "chat", InteractionKind::kTicket));
    Record(At(ana_, Day(98), "chat", InteractionKind::kTicket));
    Record(At(dee, Day(97), "chat", InteractionKind::kTicket));
    Answer(ana_, Day(80), SurveyMetric::kNps, 3);
    Answer(ana_, Day(96), SurveyMetric::kNps, 9);
    Record(At(bo_, Day(10), "phone", InteractionKind::kCall));
    Answer(bo_, Day(10), SurveyMetric::kNps, 2);
    Interaction at_support = At(cy_, Day(99), "chat");
    at_support.touchpoint_id = support_;
    Record(at_support);
    Answer(cy_, Day(99), SurveyMetric::kCsat, 2);
    Record(At(eve, Day(99), "chat", InteractionKind::kTicket));
    Record(At(eve, Day(99), "chat", InteractionKind::kTicket));
    Record(At(eve, Day(99), "chat", InteractionKind::kTicket));
    Answer(eve, Day(99), SurveyMetric::kNps, 0);
    ASSERT_OK(Write([&](StoreWriter& w) { return w.MergeCustomerInto(dee, ana_); }));
    ASSERT_OK(Write([&](StoreWriter& w) { return w.DeleteCustomer(eve); }));
  }

  std::vector<CustomerId> Members(const std::vector<SegmentCondition>& conditions) {
    absl::StatusOr<std::vector<CustomerId>> members = Read<std::vector<CustomerId>>(
        [&](StoreReader& r) { return r.ListMatchingCustomers(conditions, kNow); });
    EXPECT_TRUE(members.ok()) << members.status();
    return members.value_or(std::vector<CustomerId>{-1});
  }

  CustomerId ana_ = 0, bo_ = 0, cy_ = 0, zed_ = 0;
  TouchpointId support_ = 0;
  int next_ = 0;
};

TEST_P(SegmentStoreTest, SegmentsRoundTripWithTheirConditionsInOrder) {
  const TouchpointId support = NewTouchpoint("support");
  Segment segment;
  segment.display_name = "Unhappy callers";
  segment.description = "Called twice, detractors";
  segment.conditions = {Attribute("plan", "gold"), Tickets(CountComparison::kAtMost, 4, 30),
                        AtTouchpoint(support, 7),  LastScore(SurveyMetric::kCsat, 1, 2),
                        Active(90, true),          Channel("chat", 0)};
  segment.conditions[1].channel = "phone";
  segment.create_time = T(1, 1);
  segment.update_time = T(2, 2);
  SegmentId id = 0;
  ASSERT_OK(Write([&](StoreWriter& w) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(id, w.InsertSegment(segment));
    return absl::OkStatus();
  }));
  absl::StatusOr<Segment> read = Read<Segment>([&](StoreReader& r) { return r.GetSegment(id); });
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->display_name, "Unhappy callers");
  EXPECT_EQ(read->description, "Called twice, detractors");
  EXPECT_EQ(read->create_time, T(1, 1));
  ASSERT_EQ(read->conditions.size(), 6u);
  EXPECT_EQ(read->conditions[0].attribute_value, "gold");
  EXPECT_EQ(read->conditions[1].comparison, CountComparison::kAtMost);
  EXPECT_EQ(read->conditions[1].count, 4);
  EXPECT_EQ(read->conditions[1].channel, "phone");
  EXPECT_EQ(read->conditions[1].interaction_kind, InteractionKind::kTicket);
  EXPECT_EQ(read->conditions[1].direction, Direction::kInbound);
  EXPECT_EQ(read->conditions[2].touchpoint_id, support);
  EXPECT_EQ(read->conditions[3].metric, SurveyMetric::kCsat);
  EXPECT_EQ(read->conditions[3].max_score, 2);
  EXPECT_TRUE(read->conditions[4].inactive);
  EXPECT_EQ(read->conditions[5].kind, SegmentConditionKind::kChannel);
  EXPECT_EQ(read->conditions[5].interaction_kind, std::nullopt);

  read->conditions = {Active(30)};
  read->display_name = "Recent";
  ASSERT_OK(Write([&](StoreWriter& w) { return w.UpdateSegment(*read); }));
  absl::StatusOr<std::vector<Segment>> listed =
      Read<std::vector<Segment>>([&](StoreReader& r) { return r.ListSegments(0, 10); });
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].display_name, "Recent");
  ASSERT_EQ((*listed)[0].conditions.size(), 1u);
  EXPECT_EQ((*listed)[0].conditions[0].within_days, 30);

  ASSERT_OK(Write([&](StoreWriter& w) { return w.DeleteSegment(id); }));
  EXPECT_EQ(Read<Segment>([&](StoreReader& r) { return r.GetSegment(id); }).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(Write([&](StoreWriter& w) { return w.DeleteSegment(id); }).code(),
            absl::StatusCode::kNotFound);
}

TEST_P(SegmentStoreTest, NoConditionHoldsEveryLiveCustomerOnce) {
  Populate();
  EXPECT_THAT(Members({}), ElementsAre(ana_, bo_, cy_, zed_));
}

TEST_P(SegmentStoreTest, AttributeEqualsOrPresent) {
  Populate();
  EXPECT_THAT(Members({Attribute("plan", "gold")}), ElementsAre(ana_));  // Not deleted eve.
  EXPECT_THAT(Members({Attribute("plan", "")}), ElementsAre(ana_, bo_));
  EXPECT_THAT(Members({Attribute("tier", "")}), IsEmpty());
}

TEST_P(SegmentStoreTest, ChannelUsedEverOrWithinDays) {
  Populate();
  EXPECT_THAT(Members({Channel("chat", 0)}), ElementsAre(ana_, cy_));
  EXPECT_THAT(Members({Channel("phone", 0)}), ElementsAre(bo_));
  EXPECT_THAT(Members({Channel("phone", 30)}), IsEmpty());
  EXPECT_THAT(Members({Channel("email", 5)}), ElementsAre(ana_));  // Day 95 is inside [95, 100).
  EXPECT_THAT(Members({Channel("email", 4)}), IsEmpty());
}

TEST_P(SegmentStoreTest, TouchpointVisitedWithinDays) {
  Populate();
  EXPECT_THAT(Members({AtTouchpoint(support_, 7)}), ElementsAre(cy_));
  EXPECT_THAT(Members({AtTouchpoint(support_ + 1000, 0)}), IsEmpty());
}

TEST_P(SegmentStoreTest, ActiveOrInactiveWithinDays) {
  Populate();
  EXPECT_THAT(Members({Active(30)}), ElementsAre(ana_, cy_));
  EXPECT_THAT(Members({Active(30, /*inactive=*/true)}), ElementsAre(bo_, zed_));
  EXPECT_THAT(Members({Active(100)}), ElementsAre(ana_, bo_, cy_));
}

TEST_P(SegmentStoreTest, InteractionCountCountsTheMergedCustomersUnderTheSurvivor) {
  Populate();
  // ana: her tickets of days 90 and 98 and dee's of day 97.
  EXPECT_THAT(Members({Tickets(CountComparison::kAtLeast, 3, 30)}), ElementsAre(ana_));
  EXPECT_THAT(Members({Tickets(CountComparison::kAtLeast, 2, 5)}), ElementsAre(ana_));
  EXPECT_THAT(Members({Tickets(CountComparison::kAtLeast, 3, 5)}), IsEmpty());
  EXPECT_THAT(Members({Tickets(CountComparison::kAtMost, 0, 30)}), ElementsAre(bo_, cy_, zed_));
  EXPECT_THAT(Members({Tickets(CountComparison::kAtMost, 3, 0)}),
              ElementsAre(ana_, bo_, cy_, zed_));
  SegmentCondition chats = Tickets(CountComparison::kAtLeast, 1, 0);
  chats.interaction_kind.reset();
  chats.channel = "chat";
  chats.touchpoint_id = support_;
  EXPECT_THAT(Members({chats}), ElementsAre(cy_));
}

TEST_P(SegmentStoreTest, ScoreOfTheLastAnswer) {
  Populate();
  EXPECT_THAT(Members({LastScore(SurveyMetric::kNps, 0, 6)}), ElementsAre(bo_));
  EXPECT_THAT(Members({LastScore(SurveyMetric::kNps, 9, 10)}), ElementsAre(ana_));
  EXPECT_THAT(Members({LastScore(SurveyMetric::kCsat, 1, 2)}), ElementsAre(cy_));
  SegmentCondition recent_detractor = LastScore(SurveyMetric::kNps, 0, 6);
  recent_detractor.within_days = 30;  // bo's answer is older; ana's 3 is not her last.
  EXPECT_THAT(Members({recent_detractor}), IsEmpty());
  EXPECT_THAT(Members({LastScore(SurveyMetric::kNps, 0, 10)}), ElementsAre(ana_, bo_));
}

TEST_P(SegmentStoreTest, EveryConditionMustMatch) {
  Populate();
  EXPECT_THAT(Members({Channel("chat", 0), Active(30), LastScore(SurveyMetric::kNps, 9, 10)}),
              ElementsAre(ana_));
  EXPECT_THAT(Members({Channel("chat", 0), Attribute("plan", "free")}), IsEmpty());
}

TEST_P(SegmentStoreTest, ChannelUseOfSomeCustomers) {
  Populate();
  const absl::flat_hash_set<CustomerId> customers = {ana_, bo_};
  absl::StatusOr<std::vector<ChannelUse>> uses =
      Read<std::vector<ChannelUse>>([&](StoreReader& r) { return r.CountChannelUse(customers); });
  ASSERT_TRUE(uses.ok()) << uses.status();
  ASSERT_EQ(uses->size(), 4u);  // By slug: chat, email, phone, survey.
  EXPECT_EQ((*uses)[0].channel, "chat");
  EXPECT_EQ((*uses)[0].interactions, 3);  // dee's ticket is ana's now.
  EXPECT_EQ((*uses)[0].customers, 1);
  EXPECT_EQ((*uses)[3].channel, "survey");
  EXPECT_EQ((*uses)[3].interactions, 3);
  EXPECT_EQ((*uses)[3].customers, 2);
}

// With every live customer, the customer filters read the interactions and must give exactly
// what the counts give; so must the counts of a segment of everybody.
TEST_P(SegmentStoreTest, FiltersOfEveryCustomerGiveWhatTheCountsGive) {
  RandomWrites writes(*store_, Day(10), 17);
  writes.Run(120);
  ASSERT_FALSE(HasFatalFailure());
  absl::StatusOr<std::vector<CustomerId>> live = Read<std::vector<CustomerId>>(
      [&](StoreReader& r) { return r.ListMatchingCustomers({}, kNow); });
  ASSERT_TRUE(live.ok()) << live.status();
  const absl::flat_hash_set<CustomerId> everybody(live->begin(), live->end());
  const SegmentId all = NewSegment({});
  for (SurveyMetric metric : {SurveyMetric::kNps, SurveyMetric::kCsat}) {
    for (bool mentioned : {false, true}) {
      ScoreAnswerFilter filter;
      filter.metric = metric;
      filter.mentioned = mentioned;
      filter.start_time = Day(10) + absl::Hours(6);
      filter.end_time = Day(13);
      filter.channel = mentioned ? "" : "chat";
      auto counted =
          Read<std::vector<ScoreBucket>>([&](StoreReader& r) { return r.SumScoreAnswers(filter); });
      filter.segment_id = all;
      auto read = ReadSegmentCounts<std::vector<ScoreBucket>>(
          all, kNow, [&](StoreReader& r) { return r.SumScoreAnswers(filter); });
      ASSERT_TRUE(counted.ok() && read.ok());
      ASSERT_EQ(counted->size(), read->size());
      for (size_t i = 0; i < counted->size(); ++i) {
        EXPECT_EQ((*counted)[i].start, (*read)[i].start);
        EXPECT_EQ((*counted)[i].counts.answers, (*read)[i].counts.answers);
      }
      EXPECT_TRUE(mentioned || !counted->empty());
    }
  }
  CustomerActivityFilter activity;
  activity.start_time = Day(11);
  activity.end_time = Day(12);
  activity.activity_window = absl::Hours(12);
  auto counted =
      Read<ActivityCounts>([&](StoreReader& r) { return r.CountCustomerActivity(activity); });
  activity.only_customers = &everybody;
  auto read =
      Read<ActivityCounts>([&](StoreReader& r) { return r.CountCustomerActivity(activity); });
  ASSERT_TRUE(counted.ok() && read.ok());
  EXPECT_EQ(counted->active_at_start, read->active_at_start);
  EXPECT_EQ(counted->retained, read->retained);
  EXPECT_EQ(counted->active_at_end, read->active_at_end);
  EXPECT_EQ(counted->new_during, read->new_during);
  EXPECT_GT(counted->active_at_start, 0);
}

TEST_P(SegmentStoreTest, FiltersOfSomeCustomersCountOnlyThem) {
  Populate();
  const absl::flat_hash_set<CustomerId> ana_and_bo = {ana_, bo_};
  Tag(ana_, "x");
  Tag(bo_, "x");
  ScoreAnswerFilter filter;
  filter.metric = SurveyMetric::kNps;
  filter.segment_id = NewSegment({Tagged("x")});
  auto buckets = ReadSegmentCounts<std::vector<ScoreBucket>>(
      filter.segment_id, kNow, [&](StoreReader& r) { return r.SumScoreAnswers(filter); });
  ASSERT_TRUE(buckets.ok()) << buckets.status();
  ScoreCounts total;
  for (const ScoreBucket& bucket : *buckets) total += bucket.counts;
  EXPECT_EQ(total.Total(), 3);  // 2, 3 and 9: not deleted eve's 0.
  EXPECT_EQ(total.answers[2] + total.answers[3] + total.answers[9], 3);

  Interaction purchase = At(ana_, Day(99), "web", InteractionKind::kPurchase);
  purchase.purchase = Purchase{1500, "EUR", "o1"};
  Record(purchase);
  Interaction other = At(cy_, Day(99), "web", InteractionKind::kPurchase);
  other.purchase = Purchase{700, "EUR", "o2"};
  Record(other);
  PurchaseFilter purchases;
  purchases.only_customers = &ana_and_bo;
  auto sums = Read<std::vector<CurrencyPurchases>>(
      [&](StoreReader& r) { return r.SumPurchases(purchases); });
  ASSERT_TRUE(sums.ok()) << sums.status();
  ASSERT_EQ(sums->size(), 1u);
  ASSERT_EQ((*sums)[0].customers.size(), 1u);
  EXPECT_EQ((*sums)[0].customers[0].customer_id, ana_);
  EXPECT_EQ((*sums)[0].customers[0].amount_minor_units, 1500);

  CustomerActivityFilter activity;
  activity.start_time = Day(85);
  activity.end_time = Day(100);
  activity.activity_window = absl::Hours(24 * 10);
  activity.only_customers = &ana_and_bo;
  auto counts =
      Read<ActivityCounts>([&](StoreReader& r) { return r.CountCustomerActivity(activity); });
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->active_at_start, 1);  // ana, by her NPS answer of day 80.
  EXPECT_EQ(counts->active_at_end, 1);    // ana; cy is active but not counted.
  EXPECT_EQ(counts->retained, 1);
  EXPECT_EQ(counts->new_during, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, SegmentStoreTest, ::testing::ValuesIn(AllBackends()),
                         BackendName);

}  // namespace
}  // namespace cxhub::testing
