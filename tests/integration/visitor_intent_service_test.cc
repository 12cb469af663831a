// AnalyticsService.GetVisitorIntent over a real server on every store: visits recorded through
// InteractionService (kind VISIT with a visit_intent attribute, as the web connector writes
// them), their shares with counts and intervals, the breakdowns, a series, a merge that changes
// nothing and a deletion that removes the visits; an unknown intent refused naming the
// attribute; and request validation naming the field.
#include <map>
#include <memory>
#include <string>

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

namespace cxhub {
namespace {

// 2026-09-07 00:00 UTC plus `hours`.
absl::Time Hour(int hours) {
  return absl::FromCivil(absl::CivilDay(2026, 9, 7), absl::UTCTimeZone()) + absl::Hours(hours);
}

class VisitorIntentServiceTest : public AnalyticsServerTest {
 protected:
  grpc::Status RecordVisit(const std::string& customer, absl::Time time,
                           const std::map<std::string, std::string>& attributes) {
    v1::RecordInteractionRequest request;
    v1::Interaction* interaction = request.mutable_interaction();
    interaction->set_customer(customer);
    interaction->set_channel("web");
    interaction->set_kind(v1::VISIT);
    interaction->set_direction(v1::INBOUND);
    SetTime(time, interaction->mutable_occur_time());
    interaction->set_source("matomo");
    interaction->set_external_id(absl::StrCat("visit-", next_++));
    interaction->mutable_attributes()->insert(attributes.begin(), attributes.end());
    v1::RecordInteractionResponse response;
    return interactions_->RecordInteraction(Context().get(), request, &response);
  }

  void Visit(const std::string& customer, absl::Time time, const std::string& intent,
             const std::string& referrer_type, const std::string& keyword = "") {
    std::map<std::string, std::string> attributes = {{"visit_intent", intent},
                                                     {"referrer_type", referrer_type},
                                                     {"entry_page", "https://shop.example/"}};
    if (!keyword.empty()) attributes["referrer_keyword"] = keyword;
    EXPECT_TRUE(IsOk(RecordVisit(customer, time, attributes)));
  }

  v1::VisitorIntentReport Get(const v1::GetVisitorIntentRequest& request) {
    v1::VisitorIntentReport report;
    EXPECT_TRUE(IsOk(analytics_->GetVisitorIntent(Context().get(), request, &report)));
    return report;
  }
};

TEST_P(VisitorIntentServiceTest, SharesBreakdownsAndSeriesOfRecordedVisits) {
  const std::string ana = NewCustomer("ana");
  const std::string tom = NewCustomer("tom");
  Visit(ana, Hour(9), "transactional", "search", "buy shoes");
  Visit(ana, Hour(10), "informational", "search", "shoe reviews");
  Visit(tom, Hour(30), "informational", "social");
  Visit(tom, Hour(31), "none", "direct");
  Visit(tom, Hour(32), "informational", "search", "shoe reviews");

  v1::GetVisitorIntentRequest request;
  SetTime(Hour(0), request.mutable_start_time());
  SetTime(Hour(48), request.mutable_end_time());
  request.mutable_series()->set_granularity(v1::GRANULARITY_DAY);
  request.set_breakdown_size(2);
  const v1::VisitorIntentReport report = Get(request);
  ASSERT_TRUE(report.has_overall());
  EXPECT_EQ(report.overall().visits(), 5);
  EXPECT_EQ(report.overall().informational().visits(), 3);
  EXPECT_DOUBLE_EQ(report.overall().informational().percent(), 60.0);
  EXPECT_DOUBLE_EQ(report.overall().transactional().percent(), 20.0);
  EXPECT_LT(report.overall().transactional().interval().low(), 20.0);
  EXPECT_GT(report.overall().transactional().interval().high(), 20.0);
  ASSERT_EQ(report.by_referrer_type().entries_size(), 2);
  EXPECT_EQ(report.by_referrer_type().entries(0).value(), "search");
  EXPECT_EQ(report.by_referrer_type().entries(0).shares().visits(), 3);
  EXPECT_EQ(report.by_referrer_type().values(), 3);
  // Direct and social tie at one visit; ties keep the values' order, so direct is listed and
  // social (1 informational visit) is the remainder past breakdown_size.
  EXPECT_EQ(report.by_referrer_type().entries(1).value(), "direct");
  EXPECT_EQ(report.by_referrer_type().other().visits(), 1);
  EXPECT_EQ(report.by_referrer_type().other().informational().visits(), 1);
  EXPECT_EQ(report.by_referrer_type().other().none().visits(), 0);
  ASSERT_GE(report.by_search_keyword().entries_size(), 1);
  EXPECT_EQ(report.by_search_keyword().entries(0).value(), "");  // Two visits without one,
  EXPECT_EQ(report.by_search_keyword().entries(1).value(), "shoe reviews");  // then two.
  EXPECT_EQ(report.by_search_keyword().other().visits(), 1);                 // "buy shoes".
  ASSERT_EQ(report.by_touchpoint().entries_size(), 1);
  EXPECT_EQ(report.by_touchpoint().entries(0).value(), "");
  EXPECT_FALSE(report.by_touchpoint().has_other());
  ASSERT_EQ(report.series_size(), 2);
  EXPECT_EQ(report.series(0).shares().visits(), 2);
  EXPECT_EQ(report.series(1).shares().visits(), 3);
  EXPECT_DOUBLE_EQ(report.series(1).shares().none().percent(), 100.0 / 3);

  // A merge changes no count; a deletion takes its customer's visits away.
  v1::MergeCustomersRequest merge;
  merge.set_name(tom);
  merge.set_merged_customer(ana);
  v1::Customer merged;
  ASSERT_TRUE(IsOk(customers_->MergeCustomers(Context().get(), merge, &merged)));
  EXPECT_EQ(Get(request).overall().visits(), 5);
  v1::DeleteCustomerRequest deletion;
  deletion.set_name(tom);
  google::protobuf::Empty empty;
  ASSERT_TRUE(IsOk(customers_->DeleteCustomer(Context().get(), deletion, &empty)));
  const v1::VisitorIntentReport after = Get(request);
  EXPECT_FALSE(after.has_overall());
  ASSERT_EQ(after.series_size(), 2);
  EXPECT_FALSE(after.series(0).has_shares());
}

TEST_P(VisitorIntentServiceTest, AnUnknownIntentIsRefusedNamingTheAttribute) {
  const std::string ana = NewCustomer("ana");
  EXPECT_TRUE(IsInvalidField(RecordVisit(ana, Hour(1), {{"visit_intent", "curious"}}),
                             "interaction.attributes.visit_intent"));
  EXPECT_TRUE(IsOk(RecordVisit(ana, Hour(1), {})));  // No intent: counted as none.
  const v1::VisitorIntentReport report = Get(v1::GetVisitorIntentRequest());
  EXPECT_EQ(report.overall().none().visits(), 1);
}

TEST_P(VisitorIntentServiceTest, RequestValidationNamesTheField) {
  v1::VisitorIntentReport report;
  v1::GetVisitorIntentRequest request;
  request.set_breakdown_size(101);
  EXPECT_TRUE(IsInvalidField(analytics_->GetVisitorIntent(Context().get(), request, &report),
                             "breakdown_size"));
  request.set_breakdown_size(0);
  SetTime(Hour(0) + absl::Minutes(5), request.mutable_start_time());
  EXPECT_TRUE(IsInvalidField(analytics_->GetVisitorIntent(Context().get(), request, &report),
                             "start_time"));
  request.clear_start_time();
  request.mutable_series()->set_granularity(v1::GRANULARITY_WEEK);
  EXPECT_TRUE(
      IsInvalidField(analytics_->GetVisitorIntent(Context().get(), request, &report), "series"));
  request.clear_series();
  request.set_segment("customers/1");
  EXPECT_TRUE(
      IsInvalidField(analytics_->GetVisitorIntent(Context().get(), request, &report), "segment"));
}

CXHUB_INSTANTIATE_FOR_EVERY_STORE(VisitorIntentServiceTest);

}  // namespace
}  // namespace cxhub
