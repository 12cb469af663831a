// AnalyticsService.GetRetention over a real server on every store: churn and retention by their
// definitions on fixed data, merged customers counted once, deleted ones not at all, a period
// with nobody active, series points at a time zone's day edges, and request validation. Then
// GetJourneyMap: a map of fixed data with merged customers, satisfaction at a touchpoint and
// interactions without one, an empty range, and request validation.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "cxhub/v1/analytics.grpc.pb.h"
#include "cxhub/v1/customer.grpc.pb.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/analytics_server_test.h"
#include "tests/integration/grpc_assertions.h"
#include "tests/integration/server_fixture.h"
#include "tests/integration/touchpoint_client.h"

namespace cxhub {
namespace {

using ::testing::ElementsAre;

// 2026-03-01 00:00 UTC plus `days`.
absl::Time Day(int days) {
  return absl::FromCivil(absl::CivilDay(2026, 3, 1), absl::UTCTimeZone()) + absl::Hours(24 * days);
}

class AnalyticsServiceTest : public AnalyticsServerTest {
 protected:
  void SetUp() override {
    AnalyticsServerTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    config::v1::ServerConfig config = BaseConfig();
    config.mutable_analytics()->set_activity_window_days(10);
    Restart(config);
    ConnectStubs();
  }

  void Touch(const std::string& customer, absl::Time time) {
    v1::RecordInteractionRequest request;
    v1::Interaction* interaction = request.mutable_interaction();
    interaction->set_customer(customer);
    interaction->set_channel("email");
    interaction->set_kind(v1::MESSAGE);
    interaction->set_direction(v1::INBOUND);
    SetTime(time, interaction->mutable_occur_time());
    interaction->set_source("analytics-test");
    interaction->set_external_id(absl::StrCat("i", next_++));
    v1::RecordInteractionResponse response;
    EXPECT_TRUE(IsOk(interactions_->RecordInteraction(Context().get(), request, &response)));
  }

  static v1::GetRetentionRequest Period(absl::Time start, absl::Time end) {
    v1::GetRetentionRequest request;
    SetTime(start, request.mutable_start_time());
    SetTime(end, request.mutable_end_time());
    return request;
  }

  v1::RetentionReport Get(const v1::GetRetentionRequest& request) {
    v1::RetentionReport report;
    EXPECT_TRUE(IsOk(analytics_->GetRetention(Context().get(), request, &report)));
    return report;
  }
};

TEST_P(AnalyticsServiceTest, ChurnAndRetentionCountMergedCustomersOnceAndDeletedNotAtAll) {
  const std::string retained = NewCustomer("retained");
  Touch(retained, Day(5));
  Touch(retained, Day(15));
  Touch(NewCustomer("churned"), Day(6));
  Touch(NewCustomer("new"), Day(12));
  const std::string merged = NewCustomer("merged");
  const std::string survivor = NewCustomer("survivor");
  Touch(merged, Day(7));
  Touch(survivor, Day(8));
  Touch(survivor, Day(16));
  const std::string deleted = NewCustomer("deleted");
  Touch(deleted, Day(7));
  Touch(deleted, Day(17));
  v1::MergeCustomersRequest merge;
  merge.set_name(survivor);
  merge.set_merged_customer(merged);
  v1::Customer merged_into;
  ASSERT_TRUE(IsOk(customers_->MergeCustomers(Context().get(), merge, &merged_into)));
  v1::DeleteCustomerRequest deletion;
  deletion.set_name(deleted);
  google::protobuf::Empty empty;
  ASSERT_TRUE(IsOk(customers_->DeleteCustomer(Context().get(), deletion, &empty)));

  // Active at the start (window [Day 0, Day 10)): retained, churned, survivor. At the end
  // ([Day 10, Day 20)): retained, new, survivor. New: "new".
  const v1::RetentionReport report = Get(Period(Day(10), Day(20)));
  EXPECT_EQ(report.activity_window_days(), 10u);
  EXPECT_EQ(report.counts().active_at_start(), 3);
  EXPECT_EQ(report.counts().retained(), 2);
  EXPECT_EQ(report.counts().active_at_end(), 3);
  EXPECT_EQ(report.counts().new_customers(), 1);
  ASSERT_TRUE(report.has_figure());
  EXPECT_NEAR(report.figure().churn_percent(), 100.0 / 3, 1e-9);
  EXPECT_NEAR(report.figure().retention_percent(), 200.0 / 3, 1e-9);
  EXPECT_LT(report.figure().churn_interval().low(), 100.0 / 3);
  EXPECT_GT(report.figure().churn_interval().high(), 100.0 / 3);
}

TEST_P(AnalyticsServiceTest, NobodyActiveAtTheStartGivesNoFigure) {
  Touch(NewCustomer("early"), Day(1));
  const v1::RetentionReport report = Get(Period(Day(40), Day(50)));
  EXPECT_FALSE(report.has_figure());
  EXPECT_EQ(report.counts().active_at_start(), 0);
  EXPECT_EQ(report.counts().active_at_end(), 0);
}

TEST_P(AnalyticsServiceTest, SeriesPointsFollowTheTimeZonesDays) {
  const absl::TimeZone new_york = [] {
    absl::TimeZone zone;
    EXPECT_TRUE(absl::LoadTimeZone("America/New_York", &zone));
    return zone;
  }();
  const absl::Time jan10 = absl::FromCivil(absl::CivilDay(2026, 1, 10), new_york);
  const absl::Time jan11 = absl::FromCivil(absl::CivilDay(2026, 1, 11), new_york);
  const absl::Time jan12 = absl::FromCivil(absl::CivilDay(2026, 1, 12), new_york);
  Touch(NewCustomer("last second of 9 January"), jan10 - absl::Seconds(1));
  Touch(NewCustomer("first instant of 11 January"), jan11);

  v1::GetRetentionRequest request = Period(jan10, jan12);
  request.mutable_series()->set_granularity(v1::GRANULARITY_DAY);
  request.mutable_series()->set_time_zone("America/New_York");
  const v1::RetentionReport report = Get(request);
  ASSERT_EQ(report.series_size(), 2);
  EXPECT_EQ(report.series(0).start_time().seconds(), absl::ToUnixSeconds(jan10));
  EXPECT_EQ(report.series(0).end_time().seconds(), absl::ToUnixSeconds(jan11));
  EXPECT_EQ(report.series(0).counts().active_at_start(), 1);
  EXPECT_EQ(report.series(0).counts().active_at_end(), 1);
  EXPECT_EQ(report.series(0).counts().new_customers(), 0);
  EXPECT_DOUBLE_EQ(report.series(0).figure().churn_percent(), 0.0);
  EXPECT_EQ(report.series(1).counts().active_at_start(), 1);
  EXPECT_EQ(report.series(1).counts().active_at_end(), 2);
  EXPECT_EQ(report.series(1).counts().new_customers(), 1);
  EXPECT_DOUBLE_EQ(report.series(1).figure().retention_percent(), 100.0);
  EXPECT_EQ(report.counts().new_customers(), 1);
}

TEST_P(AnalyticsServiceTest, RequestValidationNamesTheField) {
  v1::RetentionReport report;
  v1::GetRetentionRequest request = Period(Day(1), Day(2));
  request.clear_start_time();
  EXPECT_TRUE(
      IsInvalidField(analytics_->GetRetention(Context().get(), request, &report), "start_time"));
  request = Period(Day(1) + absl::Minutes(5), Day(2));
  EXPECT_TRUE(
      IsInvalidField(analytics_->GetRetention(Context().get(), request, &report), "start_time"));
  request = Period(Day(2), Day(2));
  EXPECT_TRUE(
      IsInvalidField(analytics_->GetRetention(Context().get(), request, &report), "end_time"));
  request = Period(Day(1), Day(2));
  request.set_touchpoint("touchpoints/999");
  EXPECT_TRUE(
      HasCode(analytics_->GetRetention(Context().get(), request, &report), grpc::NOT_FOUND));
}

CXHUB_INSTANTIATE_FOR_EVERY_STORE(AnalyticsServiceTest);

const absl::Time kJourneyStart = absl::FromUnixSeconds(1788739200);  // 2026-09-07 00:00 UTC.

// GetJourneyMap: two touchpoints, interactions at them (or none) and NPS answers.
class JourneyMapServiceTest : public AnalyticsServiceTest {
 protected:
  void SetUp() override {
    AnalyticsServiceTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    for (const char* name : {"Browse", "Checkout"}) {
      absl::StatusOr<std::string> touchpoint = CreateTestTouchpoint(channel(), name, "email");
      ASSERT_TRUE(touchpoint.ok()) << touchpoint.status();
      touchpoints_.push_back(*touchpoint);
    }
  }

  // An email of `customer` `minutes` after kStart at `touchpoint` (empty: none); an NPS answer
  // when `nps` >= 0.
  void TouchAt(const std::string& customer, int minutes, const std::string& touchpoint,
               int nps = -1) {
    v1::RecordInteractionRequest request;
    v1::Interaction* interaction = request.mutable_interaction();
    interaction->set_customer(customer);
    interaction->set_channel("email");
    interaction->set_kind(nps >= 0 ? v1::SURVEY_RESPONSE : v1::MESSAGE);
    interaction->set_direction(v1::INBOUND);
    SetTime(kJourneyStart + absl::Minutes(minutes), interaction->mutable_occur_time());
    interaction->set_touchpoint(touchpoint);
    if (nps >= 0) {
      interaction->mutable_survey()->set_metric(v1::NPS);
      interaction->mutable_survey()->set_score(nps);
    }
    interaction->set_source("journey-test");
    interaction->set_external_id(absl::StrCat("j", next_++));
    v1::RecordInteractionResponse response;
    EXPECT_TRUE(IsOk(interactions_->RecordInteraction(Context().get(), request, &response)));
  }

  static v1::GetJourneyMapRequest Range(int from_minutes, int to_minutes) {
    v1::GetJourneyMapRequest request;
    SetTime(kJourneyStart + absl::Minutes(from_minutes), request.mutable_start_time());
    SetTime(kJourneyStart + absl::Minutes(to_minutes), request.mutable_end_time());
    return request;
  }

  std::vector<std::string> touchpoints_;
};

TEST_P(JourneyMapServiceTest, MapsPathsTransitionsAndStagesOfMergedCustomers) {
  const std::string& browse = touchpoints_[0];
  const std::string& checkout = touchpoints_[1];
  // ana and her second record, merged: Browse, Browse, (none), Checkout (NPS 9).
  const std::string ana = NewCustomer("ana");
  const std::string ana_again = NewCustomer("ana again");
  TouchAt(ana, 0, browse);
  TouchAt(ana_again, 5, browse);
  TouchAt(ana, 7, "");
  TouchAt(ana_again, 20, checkout, 9);
  v1::MergeCustomersRequest merge;
  merge.set_name(ana);
  merge.set_merged_customer(ana_again);
  v1::Customer merged;
  ASSERT_TRUE(IsOk(customers_->MergeCustomers(Context().get(), merge, &merged)));
  // bo: Checkout (NPS 3). cy: no touchpoint only.
  TouchAt(NewCustomer("bo"), 30, checkout, 3);
  TouchAt(NewCustomer("cy"), 40, "");

  v1::JourneyMap map;
  ASSERT_TRUE(IsOk(analytics_->GetJourneyMap(Context().get(), Range(0, 60), &map)));
  EXPECT_EQ(map.customers(), 3);
  EXPECT_EQ(map.journeys_with_touchpoints(), 2);
  EXPECT_EQ(map.interactions_without_touchpoint(), 2);
  EXPECT_EQ(map.customers_without_touchpoint(), 1);
  ASSERT_EQ(map.paths_size(), 2);
  EXPECT_THAT(map.paths(0).touchpoints(), ElementsAre(browse, checkout));
  EXPECT_EQ(map.paths(0).customers(), 1);
  EXPECT_DOUBLE_EQ(map.paths(0).share_percent(), 50.0);
  EXPECT_THAT(map.paths(1).touchpoints(), ElementsAre(checkout));
  ASSERT_EQ(map.transitions_size(), 1);
  EXPECT_EQ(map.transitions(0).from_touchpoint(), browse);
  EXPECT_EQ(map.transitions(0).to_touchpoint(), checkout);
  EXPECT_EQ(map.transitions(0).moves(), 1);
  EXPECT_EQ(map.transitions(0).customers(), 1);
  // Stages by interactions, then touchpoint: none (2, id 0), Browse (2), Checkout (2).
  ASSERT_EQ(map.stages_size(), 3);
  EXPECT_EQ(map.stages(0).touchpoint(), "");
  EXPECT_EQ(map.stages(0).customers(), 2);
  EXPECT_EQ(map.stages(1).touchpoint(), browse);
  EXPECT_EQ(map.stages(1).display_name(), "Browse");
  EXPECT_EQ(map.stages(1).stage(), v1::JOURNEY_STAGE_SERVICE);
  EXPECT_EQ(map.stages(1).median_time_to_next().seconds(), 15 * 60);
  EXPECT_EQ(map.stages(1).journeys_starting(), 1);
  EXPECT_EQ(map.stages(1).journeys_ending(), 0);
  EXPECT_FALSE(map.stages(1).has_nps());
  const v1::JourneyMapStage& at_checkout = map.stages(2);
  EXPECT_EQ(at_checkout.touchpoint(), checkout);
  EXPECT_EQ(at_checkout.journeys_ending(), 2);
  ASSERT_TRUE(at_checkout.has_nps());
  EXPECT_EQ(at_checkout.nps().answers(), 2);
  EXPECT_DOUBLE_EQ(at_checkout.nps().score(), 0.0);
  EXPECT_FALSE(at_checkout.has_median_time_to_next());
}

TEST_P(JourneyMapServiceTest, AnEmptyRangeGivesAnEmptyMap) {
  TouchAt(NewCustomer("ana"), 0, touchpoints_[0]);
  v1::JourneyMap map;
  ASSERT_TRUE(IsOk(analytics_->GetJourneyMap(Context().get(), Range(60, 120), &map)));
  EXPECT_EQ(map.customers(), 0);
  EXPECT_EQ(map.stages_size(), 0);
  EXPECT_EQ(map.start_time().seconds(), absl::ToUnixSeconds(kJourneyStart + absl::Hours(1)));
}

TEST_P(JourneyMapServiceTest, RequestValidationNamesTheField) {
  v1::JourneyMap map;
  v1::GetJourneyMapRequest request = Range(0, 60);
  request.clear_start_time();
  EXPECT_TRUE(
      IsInvalidField(analytics_->GetJourneyMap(Context().get(), request, &map), "start_time"));
  request = Range(0, 60);
  request.clear_end_time();
  EXPECT_TRUE(
      IsInvalidField(analytics_->GetJourneyMap(Context().get(), request, &map), "end_time"));
  request = Range(60, 60);
  EXPECT_TRUE(
      IsInvalidField(analytics_->GetJourneyMap(Context().get(), request, &map), "end_time"));
  request = Range(0, 60);
  request.set_channel("Not A Slug");
  EXPECT_TRUE(IsInvalidField(analytics_->GetJourneyMap(Context().get(), request, &map), "channel"));
  request = Range(0, 60);
  request.set_max_paths(101);
  EXPECT_TRUE(
      IsInvalidField(analytics_->GetJourneyMap(Context().get(), request, &map), "max_paths"));
  request = Range(0, 60);
  request.set_segment("cohort");
  EXPECT_TRUE(IsInvalidField(analytics_->GetJourneyMap(Context().get(), request, &map), "segment"));
  request = Range(0, 60);
  request.set_segment("segments/1");
  EXPECT_TRUE(HasCode(analytics_->GetJourneyMap(Context().get(), request, &map), grpc::NOT_FOUND));
}

CXHUB_INSTANTIATE_FOR_EVERY_STORE(JourneyMapServiceTest);

}  // namespace
}  // namespace cxhub
