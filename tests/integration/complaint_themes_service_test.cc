// AnalyticsService.GetComplaintThemes over a real server on every store: terms and intents from
// the config counted by interactions and customers (a merged customer once), the change against
// the previous period, examples as resource names newest first, and each refused request.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "cxhub/v1/analytics.grpc.pb.h"
#include "cxhub/v1/customer.grpc.pb.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/integration/grpc_assertions.h"
#include "tests/integration/server_fixture.h"

namespace cxhub {
namespace {

absl::Time Utc(int month, int day) {
  return absl::FromCivil(absl::CivilDay(2026, month, day), absl::UTCTimeZone());
}

void SetTime(absl::Time time, google::protobuf::Timestamp* out) {
  out->set_seconds(absl::ToUnixSeconds(time));
}

class ComplaintThemesServiceTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    config::v1::ServerConfig config = BaseConfig();
    config::v1::ComplaintIntent* refund = config.mutable_analytics()->add_complaint_intents();
    refund->set_name("refund");
    refund->add_phrases("reembolso");
    refund->add_phrases("refund");
    config::v1::ComplaintIntent* where = config.mutable_analytics()->add_complaint_intents();
    where->set_name("where-is-my-order");
    where->add_phrases("Where is my order");
    where->add_phrases("não chegou");
    Restart(config);
    analytics_ = v1::AnalyticsService::NewStub(channel());
    customers_ = v1::CustomerService::NewStub(channel());
    interactions_ = v1::InteractionService::NewStub(channel());
  }

  // An inbound mail from `address` (its customer created with the first one), recorded.
  v1::Interaction Say(const std::string& address, absl::Time time, const std::string& body) {
    v1::RecordInteractionRequest request;
    v1::Identity* identity = request.add_customer_identities();
    identity->set_kind(v1::EMAIL);
    identity->set_value(address);
    v1::Interaction* interaction = request.mutable_interaction();
    interaction->set_channel("email");
    interaction->set_kind(v1::MESSAGE);
    interaction->set_direction(v1::INBOUND);
    interaction->set_body(body);
    SetTime(time, interaction->mutable_occur_time());
    interaction->set_source("complaints-test");
    interaction->set_external_id(absl::StrCat("i", next_++));
    v1::RecordInteractionResponse response;
    EXPECT_TRUE(IsOk(interactions_->RecordInteraction(Context().get(), request, &response)));
    return response.interaction();
  }

  static v1::GetComplaintThemesRequest September() {
    v1::GetComplaintThemesRequest request;
    SetTime(Utc(9, 1), request.mutable_start_time());
    SetTime(Utc(10, 1), request.mutable_end_time());
    return request;
  }

  grpc::Status Call(const v1::GetComplaintThemesRequest& request) {
    v1::ComplaintThemes themes;
    return analytics_->GetComplaintThemes(Context().get(), request, &themes);
  }

  std::unique_ptr<v1::AnalyticsService::Stub> analytics_;
  std::unique_ptr<v1::CustomerService::Stub> customers_;
  std::unique_ptr<v1::InteractionService::Stub> interactions_;
  int next_ = 0;
};

TEST_P(ComplaintThemesServiceTest, TermsAndIntentsWithCustomersAndThePreviousPeriod) {
  const std::string first =
      Say("ana@example.pt", Utc(9, 3), "Quero reembolso. A encomenda não chegou.").name();
  const v1::Interaction second = Say("bruno@example.pt", Utc(9, 4), "Encomenda não chegou");
  const v1::Interaction third = Say("carla@example.pt", Utc(9, 5), "Where is my order?");
  Say("ana@example.pt", Utc(8, 20), "Encomenda não chegou");
  v1::MergeCustomersRequest merge;
  merge.set_name(second.customer());
  merge.set_merged_customer(third.customer());
  v1::Customer merged;
  ASSERT_TRUE(IsOk(customers_->MergeCustomers(Context().get(), merge, &merged)));

  v1::ComplaintThemes themes;
  ASSERT_TRUE(IsOk(analytics_->GetComplaintThemes(Context().get(), September(), &themes)));
  EXPECT_EQ(themes.previous_start_time().seconds(), absl::ToUnixSeconds(Utc(8, 2)));
  EXPECT_EQ(themes.previous_end_time().seconds(), absl::ToUnixSeconds(Utc(9, 1)));
  EXPECT_EQ(themes.interactions(), 3);
  EXPECT_EQ(themes.customers(), 2);   // ana, bruno (with carla).
  ASSERT_EQ(themes.terms_size(), 6);  // chegou, encomenda, nao, order, quero, reembolso.
  EXPECT_EQ(themes.terms(0).text(), "chegou");
  EXPECT_EQ(themes.terms(0).words(), 1);
  EXPECT_EQ(themes.terms(0).interactions(), 2);
  EXPECT_EQ(themes.terms(0).customers(), 2);
  EXPECT_EQ(themes.terms(0).previous_interactions(), 1);
  EXPECT_DOUBLE_EQ(themes.terms(0).change_percent(), 100.0);
  EXPECT_EQ(themes.terms(3).text(), "order");
  EXPECT_FALSE(themes.terms(3).has_change_percent());
  ASSERT_EQ(themes.three_word_phrases_size(), 1);
  EXPECT_EQ(themes.three_word_phrases(0).text(), "encomenda nao chegou");

  ASSERT_EQ(themes.intents_size(), 2);
  const v1::ComplaintTheme& where = themes.intents(0);
  EXPECT_EQ(where.text(), "where-is-my-order");
  EXPECT_EQ(where.words(), 0);
  EXPECT_EQ(where.interactions(), 3);
  EXPECT_EQ(where.customers(), 2);
  EXPECT_EQ(where.previous_interactions(), 1);
  EXPECT_DOUBLE_EQ(where.change_percent(), 200.0);
  ASSERT_EQ(where.example_interactions_size(), 3);
  EXPECT_EQ(where.example_interactions(0), third.name());
  EXPECT_EQ(where.example_interactions(1), second.name());
  EXPECT_EQ(where.example_interactions(2), first);
  EXPECT_EQ(themes.intents(1).text(), "refund");
  EXPECT_EQ(themes.intents(1).customers(), 1);
}

TEST_P(ComplaintThemesServiceTest, NamesTheFieldOfEveryRefusedRequest) {
  v1::GetComplaintThemesRequest request = September();
  request.clear_start_time();
  EXPECT_TRUE(IsInvalidField(Call(request), "start_time"));
  request = September();
  request.clear_end_time();
  EXPECT_TRUE(IsInvalidField(Call(request), "end_time"));
  request = September();
  SetTime(Utc(8, 1), request.mutable_end_time());
  EXPECT_TRUE(IsInvalidField(Call(request), "end_time"));
  request = September();
  request.add_sources(v1::COMPLAINT_SOURCE_TICKET);
  request.add_sources(v1::COMPLAINT_SOURCE_UNSPECIFIED);
  EXPECT_TRUE(IsInvalidField(Call(request), "sources[1]"));
  request = September();
  request.set_max_phrases(201);
  EXPECT_TRUE(IsInvalidField(Call(request), "max_phrases"));
  request = September();
  request.set_max_examples(11);
  EXPECT_TRUE(IsInvalidField(Call(request), "max_examples"));
  request = September();
  request.set_touchpoint("checkout");
  EXPECT_TRUE(IsInvalidField(Call(request), "touchpoint"));
  request = September();
  request.set_channel("Not A Slug");
  EXPECT_TRUE(IsInvalidField(Call(request), "channel"));
  request = September();
  request.set_touchpoint("touchpoints/999");
  EXPECT_TRUE(HasCode(Call(request), grpc::StatusCode::NOT_FOUND));
  request = September();
  request.set_segment("cohort");
  EXPECT_TRUE(IsInvalidField(Call(request), "segment"));
  request = September();
  request.set_segment("segments/999");
  EXPECT_TRUE(HasCode(Call(request), grpc::StatusCode::NOT_FOUND));
}

TEST_P(ComplaintThemesServiceTest, AnEmptyPeriodListsEveryIntentAtZero) {
  v1::ComplaintThemes themes;
  ASSERT_TRUE(IsOk(analytics_->GetComplaintThemes(Context().get(), September(), &themes)));
  EXPECT_EQ(themes.interactions(), 0);
  EXPECT_EQ(themes.terms_size(), 0);
  ASSERT_EQ(themes.intents_size(), 2);
  EXPECT_EQ(themes.intents(0).text(), "refund");
  EXPECT_EQ(themes.intents(0).interactions(), 0);
  EXPECT_FALSE(themes.intents(0).has_change_percent());
}

CXHUB_INSTANTIATE_FOR_EVERY_STORE(ComplaintThemesServiceTest);

}  // namespace
}  // namespace cxhub
