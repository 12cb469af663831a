// The visitor intent figures against hand-computed values: shares with their counts and Wilson
// intervals, the breakdowns and their order, no visits, a series over the end of daylight saving
// time, the validation of a query, and the segment "informational visits in the last 7 days and
// no purchase"; on the real SQLite store.
#include "server/core/visit_intent_figures.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/field_violation.h"
#include "server/core/figures/time_buckets.h"
#include "server/core/model.h"
#include "server/core/record_validation.h"
#include "server/core/store.h"
#include "server/core/visit_intent.h"
#include "tests/core/test_env.h"

namespace cxhub {
namespace {

using ::testing::DoubleNear;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

absl::Time Utc(int month, int day, int hour = 0, int minute = 0) {
  return absl::FromCivil(absl::CivilSecond(2026, month, day, hour, minute, 0), absl::UTCTimeZone());
}

struct HandVisit {
  const char* intent;
  const char* referrer_type;
  const char* referrer_name;
  const char* keyword;
  const char* entry_page;
  bool at_browse;
  absl::Time time;
};

// The field a status names; "(none)" when it names none.
std::string FieldOf(const absl::Status& status) {
  std::optional<FieldViolation> violation = FieldViolationOf(status);
  return violation.has_value() ? violation->field : std::string("(none)");
}

// The breakdown's values with their visits, in order.
std::vector<std::pair<std::string, int64_t>> Values(const IntentBreakdown& breakdown) {
  std::vector<std::pair<std::string, int64_t>> values;
  for (const IntentBreakdownEntry& entry : breakdown.entries) {
    values.emplace_back(entry.value, entry.shares.visits);
  }
  return values;
}

class VisitIntentFiguresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(temp_.store()
                    .Write([&](StoreWriter& w) -> absl::Status {
                      Touchpoint browse;
                      browse.display_name = "browse";
                      absl::StatusOr<TouchpointId> id = w.InsertTouchpoint(browse);
                      if (!id.ok()) return id.status();
                      browse_ = *id;
                      return absl::OkStatus();
                    })
                    .ok());
    customer_ = temp_.InsertCustomerNamed("visitor");
  }

  void Add(const HandVisit& hand, CustomerId customer = 0) {
    Interaction visit = Message(absl::StrCat("v", ++sequence_));
    visit.customer_id = customer != 0 ? customer : customer_;
    visit.kind = InteractionKind::kVisit;
    visit.channel = "web";
    visit.occur_time = hand.time;
    visit.touchpoint_id = hand.at_browse ? browse_ : 0;
    visit.attributes = {{"visit_intent", hand.intent},
                        {"referrer_type", hand.referrer_type},
                        {"referrer_name", hand.referrer_name},
                        {"entry_page", hand.entry_page}};
    if (*hand.keyword != '\0') visit.attributes["referrer_keyword"] = hand.keyword;
    temp_.InsertInteractionAsIs(visit);
  }

  // The five visits of 2026-09-07: 2 transactional, 2 informational, 1 neither.
  void AddSeptemberSeventh() {
    Add({"transactional", "search", "Google", "buy running shoes", "/shop", true, Utc(9, 7, 9)});
    Add({"transactional", "direct", "", "", "/cart", false, Utc(9, 7, 10, 15)});
    Add({"informational", "search", "Google", "running shoes review", "/blog/review", false,
         Utc(9, 7, 11)});
    Add({"informational", "social", "Mastodon", "", "/blog", false, Utc(9, 7, 12)});
    Add({"none", "direct", "", "", "/", false, Utc(9, 7, 23, 45)});
  }

  absl::StatusOr<VisitIntentReport> Get(const VisitIntentQuery& query) {
    return VisitIntentFigures(temp_.store()).Get(query);
  }

  TempStore temp_;
  TouchpointId browse_ = 0;
  CustomerId customer_ = 0;
  int sequence_ = 0;
};

TEST_F(VisitIntentFiguresTest, SharesCountsAndWilsonIntervalsOfADay) {
  AddSeptemberSeventh();
  VisitIntentQuery query;
  query.start_time = Utc(9, 7);
  query.end_time = Utc(9, 8);
  const absl::StatusOr<VisitIntentReport> report = Get(query);
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_TRUE(report->overall.has_value());
  EXPECT_EQ(report->overall->visits, 5);
  const IntentShare& transactional = report->overall->Of(VisitIntent::kTransactional);
  EXPECT_EQ(transactional.visits, 2);
  EXPECT_DOUBLE_EQ(transactional.percent, 40.0);
  // Wilson, 2 of 5: centre (0.4 + 1.96^2/10) / (1 + 1.96^2/5), half-width 0.3258.
  EXPECT_THAT(transactional.interval.low, DoubleNear(11.762, 0.01));
  EXPECT_THAT(transactional.interval.high, DoubleNear(76.928, 0.01));
  EXPECT_DOUBLE_EQ(report->overall->Of(VisitIntent::kInformational).percent, 40.0);
  EXPECT_EQ(report->overall->Of(VisitIntent::kNone).visits, 1);
  EXPECT_DOUBLE_EQ(report->overall->Of(VisitIntent::kNone).percent, 20.0);
  EXPECT_THAT(report->series, IsEmpty());
}

TEST_F(VisitIntentFiguresTest, BreakdownsListTheMostVisitedValuesFirst) {
  AddSeptemberSeventh();
  VisitIntentQuery query;
  query.breakdown_size = 2;
  const absl::StatusOr<VisitIntentReport> report = Get(query);
  ASSERT_TRUE(report.ok()) << report.status();
  const IntentBreakdown& types = report->by_dimension.at(VisitDimension::kReferrerType);
  EXPECT_THAT(Values(types), ElementsAre(std::pair<std::string, int64_t>{"direct", 2},
                                         std::pair<std::string, int64_t>{"search", 2}));
  EXPECT_EQ(types.values, 3);
  EXPECT_EQ(types.entries[1].shares.Of(VisitIntent::kTransactional).visits, 1);
  EXPECT_DOUBLE_EQ(types.entries[1].shares.Of(VisitIntent::kInformational).percent, 50.0);
  const IntentBreakdown& keywords = report->by_dimension.at(VisitDimension::kSearchKeyword);
  EXPECT_THAT(Values(keywords),
              ElementsAre(std::pair<std::string, int64_t>{"", 3},
                          std::pair<std::string, int64_t>{"buy running shoes", 1}));
  EXPECT_EQ(Values(report->by_dimension.at(VisitDimension::kReferrerName))[0].first, "");
  EXPECT_EQ(report->by_dimension.at(VisitDimension::kEntryPage).values, 5);
  ASSERT_EQ(report->by_touchpoint.entries.size(), 2u);
  EXPECT_EQ(report->by_touchpoint.entries[0].touchpoint_id, 0);
  EXPECT_EQ(report->by_touchpoint.entries[0].shares.visits, 4);
  EXPECT_EQ(report->by_touchpoint.entries[1].touchpoint_id, browse_);
  EXPECT_DOUBLE_EQ(report->by_touchpoint.entries[1].shares.Of(VisitIntent::kTransactional).percent,
                   100.0);

  query.touchpoint_id = browse_;  // A filter narrows every breakdown.
  const absl::StatusOr<VisitIntentReport> at_browse = Get(query);
  ASSERT_TRUE(at_browse.ok()) << at_browse.status();
  EXPECT_EQ(at_browse->overall->visits, 1);
  EXPECT_THAT(Values(at_browse->by_dimension.at(VisitDimension::kEntryPage)),
              ElementsAre(std::pair<std::string, int64_t>{"/shop", 1}));
}

TEST_F(VisitIntentFiguresTest, NoVisitIsNoFigure) {
  const absl::StatusOr<VisitIntentReport> report = Get(VisitIntentQuery());
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_FALSE(report->overall.has_value());
  EXPECT_THAT(report->by_dimension.at(VisitDimension::kReferrerType).entries, IsEmpty());
  EXPECT_THAT(report->by_touchpoint.entries, IsEmpty());
}

TEST_F(VisitIntentFiguresTest, ADaySeriesInLisbonOverTheEndOfSummerTime) {
  // Lisbon leaves summer time on 2026-10-25 at 02:00 local (01:00 UTC): that day has 25 hours,
  // [10-24 23:00 UTC, 10-26 00:00 UTC).
  Add({"informational", "search", "Google", "", "/", false, Utc(10, 24, 22, 30)});  // 24th.
  Add({"transactional", "direct", "", "", "/", false, Utc(10, 24, 23, 30)});        // 25th.
  Add({"informational", "direct", "", "", "/", false, Utc(10, 25, 23, 30)});        // 25th.
  Add({"none", "direct", "", "", "/", false, Utc(10, 26, 0, 15)});                  // 26th.
  absl::TimeZone lisbon;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Lisbon", &lisbon));
  VisitIntentQuery query;
  query.start_time = Utc(10, 23, 23);  // 10-24 00:00 in Lisbon.
  query.end_time = Utc(10, 27);        // 10-27 00:00 in Lisbon.
  query.series = FigureSeriesSpec{Granularity::kDay, lisbon};
  const absl::StatusOr<VisitIntentReport> report = Get(query);
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_EQ(report->series.size(), 3u);
  EXPECT_EQ(report->series[1].bucket.start, Utc(10, 24, 23));
  EXPECT_EQ(report->series[1].bucket.end - report->series[1].bucket.start, absl::Hours(25));
  ASSERT_TRUE(report->series[0].shares.has_value());
  EXPECT_EQ(report->series[0].shares->visits, 1);
  ASSERT_TRUE(report->series[1].shares.has_value());
  EXPECT_EQ(report->series[1].shares->visits, 2);
  EXPECT_DOUBLE_EQ(report->series[1].shares->Of(VisitIntent::kTransactional).percent, 50.0);
  ASSERT_TRUE(report->series[2].shares.has_value());
  EXPECT_EQ(report->series[2].shares->Of(VisitIntent::kNone).visits, 1);
  EXPECT_EQ(report->overall->visits, 4);

  query.start_time = Utc(10, 26, 1);  // A point with no visit has no figure.
  query.end_time = Utc(10, 27);
  const absl::StatusOr<VisitIntentReport> empty = Get(query);
  ASSERT_TRUE(empty.ok()) << empty.status();
  ASSERT_EQ(empty->series.size(), 1u);
  EXPECT_FALSE(empty->series[0].shares.has_value());
}

TEST_F(VisitIntentFiguresTest, AQueryIsCheckedFieldByField) {
  auto field_of = [&](const VisitIntentQuery& query) {
    const absl::StatusOr<VisitIntentReport> report = Get(query);
    EXPECT_EQ(report.status().code(), absl::StatusCode::kInvalidArgument);
    return FieldOf(report.status());
  };
  VisitIntentQuery query;
  query.breakdown_size = 0;
  EXPECT_EQ(field_of(query), "breakdown_size");
  query.breakdown_size = 10;
  query.start_time = Utc(9, 7, 0, 5);
  EXPECT_EQ(field_of(query), "start_time");
  query.start_time = Utc(9, 7);
  query.series = FigureSeriesSpec();
  EXPECT_EQ(field_of(query), "series");
  query.series.reset();
  query.touchpoint_id = browse_ + 100;
  EXPECT_EQ(Get(query).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(VisitIntentFiguresTest, AnUnknownIntentIsRefusedNamingTheAttribute) {
  Interaction visit = Message("bad");
  visit.kind = InteractionKind::kVisit;
  visit.attributes["visit_intent"] = "curious";
  const absl::Status status = CheckVisitIntent(visit, "interaction.attributes");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldOf(status), "interaction.attributes.visit_intent");
  visit.attributes.erase("visit_intent");
  EXPECT_TRUE(CheckVisitIntent(visit, "interaction.attributes").ok());
  EXPECT_EQ(VisitIntentOf(visit), VisitIntent::kNone);  // Missing counts as none.
}

TEST_F(VisitIntentFiguresTest, InformationalVisitsInTheLastSevenDaysAndNoPurchase) {
  const absl::Time now = Utc(9, 20, 12);
  const CustomerId ana = temp_.InsertCustomerNamed("ana");    // Read, did not buy: a member.
  const CustomerId bob = temp_.InsertCustomerNamed("bob");    // Read, then bought.
  const CustomerId carl = temp_.InsertCustomerNamed("carl");  // Read 10 days ago.
  const CustomerId dora = temp_.InsertCustomerNamed("dora");  // Came to buy.
  Add({"informational", "search", "Google", "", "/blog", false, now - absl::Hours(72)}, ana);
  Add({"informational", "search", "Google", "", "/blog", false, now - absl::Hours(48)}, bob);
  Add({"informational", "search", "Google", "", "/blog", false, now - absl::Hours(240)}, carl);
  Add({"transactional", "direct", "", "", "/shop", false, now - absl::Hours(24)}, dora);
  auto purchase = [&](CustomerId customer, absl::Time time) {
    Interaction order = Message(absl::StrCat("o", ++sequence_));
    order.customer_id = customer;
    order.kind = InteractionKind::kPurchase;
    order.channel = "web";
    order.occur_time = time;
    order.purchase = Purchase{4990, "EUR", order.external_id};
    temp_.InsertInteractionAsIs(order);
  };
  purchase(bob, now - absl::Hours(24));
  purchase(ana, now - absl::Hours(24 * 30));  // Outside the window: still a member.

  SegmentCondition informational;
  informational.kind = SegmentConditionKind::kInteractionCount;
  informational.visit_intent = VisitIntent::kInformational;
  informational.comparison = CountComparison::kAtLeast;
  informational.count = 1;
  informational.within_days = 7;
  SegmentCondition no_purchase;
  no_purchase.kind = SegmentConditionKind::kInteractionCount;
  no_purchase.interaction_kind = InteractionKind::kPurchase;
  no_purchase.comparison = CountComparison::kAtMost;
  no_purchase.count = 0;
  no_purchase.within_days = 7;
  std::vector<CustomerId> members;
  ASSERT_TRUE(temp_.store()
                  .Read([&](StoreReader& reader) -> absl::Status {
                    absl::StatusOr<std::vector<CustomerId>> found =
                        reader.ListMatchingCustomers({informational, no_purchase}, now);
                    if (!found.ok()) return found.status();
                    members = *found;
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_THAT(members, ElementsAre(ana));
  (void)carl;
  (void)dora;
}

}  // namespace
}  // namespace cxhub
