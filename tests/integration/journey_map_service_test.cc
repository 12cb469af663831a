// AnalyticsService.GetJourneyMap over a real server on every store: a map of fixed data with
// merged customers, satisfaction at a touchpoint and interactions without one, an empty range,
// and request validation.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "cxhub/v1/analytics.grpc.pb.h"
#include "cxhub/v1/customer.grpc.pb.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/grpc_assertions.h"
#include "tests/integration/server_fixture.h"
#include "tests/integration/touchpoint_client.h"

namespace cxhub {
namespace {

using ::testing::ElementsAre;

const absl::Time kStart = absl::FromUnixSeconds(1788739200);  // 2026-09-07 00:00 UTC.

void SetTime(absl::Time time, google::protobuf::Timestamp* out) {
  out->set_seconds(absl::ToUnixSeconds(time));
}

class JourneyMapServiceTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    analytics_ = v1::AnalyticsService::NewStub(channel());
    customers_ = v1::CustomerService::NewStub(channel());
    interactions_ = v1::InteractionService::NewStub(channel());
    for (const char* name : {"Browse", "Checkout"}) {
      absl::StatusOr<std::string> touchpoint = CreateTestTouchpoint(channel(), name, "email");
      ASSERT_TRUE(touchpoint.ok()) << touchpoint.status();
      touchpoints_.push_back(*touchpoint);
    }
  }

  std::string NewCustomer(const std::string& display_name) {
    v1::CreateCustomerRequest request;
    request.mutable_customer()->set_display_name(display_name);
    v1::Customer customer;
    EXPECT_TRUE(IsOk(customers_->CreateCustomer(Context().get(), request, &customer)));
    return customer.name();
  }

  // An email of `customer` `minutes` after kStart at `touchpoint` (empty: none); an NPS answer
  // when `nps` >= 0.
  void Touch(const std::string& customer, int minutes, const std::string& touchpoint,
             int nps = -1) {
    v1::RecordInteractionRequest request;
    v1::Interaction* interaction = request.mutable_interaction();
    interaction->set_customer(customer);
    interaction->set_channel("email");
    interaction->set_kind(nps >= 0 ? v1::SURVEY_RESPONSE : v1::MESSAGE);
    interaction->set_direction(v1::INBOUND);
    SetTime(kStart + absl::Minutes(minutes), interaction->mutable_occur_time());
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
    SetTime(kStart + absl::Minutes(from_minutes), request.mutable_start_time());
    SetTime(kStart + absl::Minutes(to_minutes), request.mutable_end_time());
    return request;
  }

  std::unique_ptr<v1::AnalyticsService::Stub> analytics_;
  std::unique_ptr<v1::CustomerService::Stub> customers_;
  std::unique_ptr<v1::InteractionService::Stub> interactions_;
  std::vector<std::string> touchpoints_;
  int next_ = 0;
};

TEST_P(JourneyMapServiceTest, MapsPathsTransitionsAndStagesOfMergedCustomers) {
  const std::string& browse = touchpoints_[0];
  const std::string& checkout = touchpoints_[1];
  // ana and her second record, merged: Browse, Browse, (none), Checkout (NPS 9).
  const std::string ana = NewCustomer("ana");
  const std::string ana_again = NewCustomer("ana again");
  Touch(ana, 0, browse);
  Touch(ana_again, 5, browse);
  Touch(ana, 7, "");
  Touch(ana_again, 20, checkout, 9);
  v1::MergeCustomersRequest merge;
  merge.set_name(ana);
  merge.set_merged_customer(ana_again);
  v1::Customer merged;
  ASSERT_TRUE(IsOk(customers_->MergeCustomers(Context().get(), merge, &merged)));
  // bo: Checkout (NPS 3). cy: no touchpoint only.
  Touch(NewCustomer("bo"), 30, checkout, 3);
  Touch(NewCustomer("cy"), 40, "");

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
  Touch(NewCustomer("ana"), 0, touchpoints_[0]);
  v1::JourneyMap map;
  ASSERT_TRUE(IsOk(analytics_->GetJourneyMap(Context().get(), Range(60, 120), &map)));
  EXPECT_EQ(map.customers(), 0);
  EXPECT_EQ(map.stages_size(), 0);
  EXPECT_EQ(map.start_time().seconds(), absl::ToUnixSeconds(kStart + absl::Hours(1)));
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
  request.set_segment("segments/1");
  EXPECT_TRUE(
      HasCode(analytics_->GetJourneyMap(Context().get(), request, &map), grpc::UNIMPLEMENTED));
}

CXHUB_INSTANTIATE_FOR_EVERY_STORE(JourneyMapServiceTest);

}  // namespace
}  // namespace cxhub
