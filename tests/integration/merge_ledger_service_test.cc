// MergeLedgerService over a real server: a merge asked for with MergeCustomers and an automatic
// one during RecordInteraction are in the ledger with their reasons; UnmergeCustomer gives both
// customers back their histories and figures, also with interactions recorded in between;
// ExplainCustomer; and the refusals.
#include <string>
#include <vector>

#include "cxhub/v1/analytics.grpc.pb.h"
#include "cxhub/v1/customer.grpc.pb.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "cxhub/v1/merge_ledger.grpc.pb.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "tests/integration/grpc_assertions.h"
#include "tests/integration/server_fixture.h"

namespace cxhub {
namespace {

using google::protobuf::util::TimeUtil;

constexpr char kAna[] = "ana@example.com";
constexpr char kBo[] = "+351912345678";

class MergeLedgerServiceTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    customers_ = v1::CustomerService::NewStub(channel());
    interactions_ = v1::InteractionService::NewStub(channel());
    analytics_ = v1::AnalyticsService::NewStub(channel());
    ledger_ = v1::MergeLedgerService::NewStub(channel());
  }

  // Records an interaction for whoever owns the identities; returns its customer's name.
  std::string Record(const std::string& external_id, const std::vector<v1::Identity>& who, int day,
                     int nps = -1, int64_t amount = 0) {
    v1::RecordInteractionRequest request;
    v1::Interaction* row = request.mutable_interaction();
    row->set_channel("email");
    row->set_kind(nps >= 0 ? v1::SURVEY_RESPONSE : (amount > 0 ? v1::PURCHASE : v1::MESSAGE));
    row->set_direction(v1::INBOUND);
    *row->mutable_occur_time() = TimeUtil::SecondsToTimestamp(1788771600 + day * 86400);
    row->set_source("crm");
    row->set_external_id(external_id);
    row->set_body("hello");
    if (nps >= 0) {
      row->mutable_survey()->set_metric(v1::NPS);
      row->mutable_survey()->set_score(nps);
    }
    if (amount > 0) {
      row->mutable_purchase()->set_amount_minor_units(amount);
      row->mutable_purchase()->set_currency("EUR");
    }
    for (const v1::Identity& identity : who) *request.add_customer_identities() = identity;
    request.set_customer_display_name(external_id.substr(0, external_id.find('-')));
    v1::RecordInteractionResponse response;
    EXPECT_TRUE(IsOk(interactions_->RecordInteraction(Context().get(), request, &response)));
    return response.interaction().customer();
  }

  // Verified (mail from the address, a call from the number): a record naming two customers'
  // identities merges them under the default trust policy.
  static v1::Identity Identity(v1::IdentityKind kind, const std::string& value) {
    v1::Identity identity;
    identity.set_kind(kind);
    identity.set_value(value);
    identity.set_trust(v1::VERIFIED);
    return identity;
  }

  // Both customers, their histories and the figures, serialized for comparison (update times
  // aside: an unmerge is a change).
  std::string View(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) {
      v1::GetCustomerRequest get;
      get.set_name(name);
      v1::Customer customer;
      EXPECT_TRUE(IsOk(customers_->GetCustomer(Context().get(), get, &customer)));
      customer.clear_update_time();
      out += customer.DebugString();
      v1::ListInteractionsRequest list;
      list.set_parent(name);
      for (const std::string& interaction : ListAllInteractions(*interactions_, list)) {
        out += interaction + "\n";
      }
    }
    v1::GetSatisfactionRequest satisfaction;
    satisfaction.set_metric(v1::NPS);
    v1::SatisfactionReport nps;
    EXPECT_TRUE(IsOk(analytics_->GetSatisfaction(Context().get(), satisfaction, &nps)));
    out += nps.DebugString();
    v1::GetLifetimeValueRequest value;
    value.set_currency("EUR");
    v1::LifetimeValueReport lifetime;
    EXPECT_TRUE(IsOk(analytics_->GetLifetimeValue(Context().get(), value, &lifetime)));
    out += lifetime.DebugString();
    return out;
  }

  std::vector<v1::Merge> ListMerges(const std::string& customer) {
    v1::ListMergesRequest request;
    request.set_customer(customer);
    v1::ListMergesResponse response;
    EXPECT_TRUE(IsOk(ledger_->ListMerges(Context().get(), request, &response)));
    return {response.merges().begin(), response.merges().end()};
  }

  std::unique_ptr<v1::CustomerService::Stub> customers_;
  std::unique_ptr<v1::InteractionService::Stub> interactions_;
  std::unique_ptr<v1::AnalyticsService::Stub> analytics_;
  std::unique_ptr<v1::MergeLedgerService::Stub> ledger_;
};

TEST_P(MergeLedgerServiceTest, UnmergeRestoresBothCustomersAndTheirFigures) {
  const v1::Identity ana = Identity(v1::EMAIL, kAna);
  const v1::Identity bo = Identity(v1::PHONE, kBo);
  const std::string ana_name = Record("ana-1", {ana}, 0, 9);
  Record("ana-2", {ana}, 1, -1, 1200);
  const std::string bo_name = Record("bo-1", {bo}, 0, 2);
  Record("bo-2", {bo}, 2, -1, 800);
  const std::string before = View({ana_name, bo_name});

  v1::MergeCustomersRequest merge;
  merge.set_name(ana_name);
  merge.set_merged_customer(bo_name);
  v1::Customer merged;
  ASSERT_TRUE(IsOk(customers_->MergeCustomers(Context().get(), merge, &merged)));
  const std::vector<v1::Merge> merges = ListMerges(bo_name);
  ASSERT_EQ(merges.size(), 1u);
  EXPECT_EQ(merges[0].kind(), v1::Merge::KIND_MERGE);
  EXPECT_EQ(merges[0].method(), "MergeCustomers");
  EXPECT_EQ(merges[0].survivor(), ana_name);
  EXPECT_EQ(merges[0].merged(), bo_name);
  EXPECT_EQ(merges[0].merged_interaction_count(), 2);

  v1::UnmergeCustomerRequest unmerge;
  unmerge.set_name(merges[0].name());
  v1::Merge undone;
  ASSERT_TRUE(IsOk(ledger_->UnmergeCustomer(Context().get(), unmerge, &undone)));
  EXPECT_EQ(undone.kind(), v1::Merge::KIND_UNMERGE);
  EXPECT_EQ(undone.undoes(), merges[0].name());
  EXPECT_EQ(View({ana_name, bo_name}), before);

  // Undone once: a second time is refused.
  EXPECT_TRUE(HasCode(ledger_->UnmergeCustomer(Context().get(), unmerge, &undone),
                      grpc::StatusCode::FAILED_PRECONDITION));
}

TEST_P(MergeLedgerServiceTest, AutomaticMergeIsExplainedAndInteractionsSinceGoBack) {
  const v1::Identity ana = Identity(v1::EMAIL, kAna);
  const v1::Identity bo = Identity(v1::PHONE, kBo);
  const std::string ana_name = Record("ana-1", {ana}, 0);
  const std::string bo_name = Record("bo-1", {bo}, 0);
  // One record naming both joins them.
  EXPECT_EQ(Record("chat-1", {ana, bo}, 1), ana_name);
  Record("bo-2", {bo}, 2, 7);  // Since the merge, under Bo's phone.

  v1::ExplainCustomerRequest explain;
  explain.set_name(bo_name);
  v1::CustomerExplanation explanation;
  ASSERT_TRUE(IsOk(ledger_->ExplainCustomer(Context().get(), explain, &explanation)));
  EXPECT_EQ(explanation.customer().name(), ana_name);
  ASSERT_EQ(explanation.merges_size(), 1);
  const v1::Merge& merge = explanation.merges(0);
  EXPECT_EQ(merge.identity().value(), kBo);
  EXPECT_EQ(merge.source(), "crm");
  EXPECT_EQ(merge.external_id(), "chat-1");
  EXPECT_FALSE(explanation.unmerged());

  v1::UnmergeCustomerRequest unmerge;
  unmerge.set_name(merge.name());
  v1::Merge undone;
  ASSERT_TRUE(IsOk(ledger_->UnmergeCustomer(Context().get(), unmerge, &undone)));
  v1::ListInteractionsRequest list;
  list.set_parent(bo_name);
  EXPECT_EQ(ListAllInteractions(*interactions_, list).size(), 2u);  // bo-1 and bo-2.
  list.set_parent(ana_name);
  EXPECT_EQ(ListAllInteractions(*interactions_, list).size(), 2u);  // ana-1 and chat-1.
  ASSERT_TRUE(IsOk(ledger_->ExplainCustomer(Context().get(), explain, &explanation)));
  EXPECT_EQ(explanation.customer().name(), bo_name);
  EXPECT_TRUE(explanation.unmerged());
}

TEST_P(MergeLedgerServiceTest, BadNamesAreRefused) {
  v1::UnmergeCustomerRequest unmerge;
  unmerge.set_name("customers/1");
  v1::Merge merge;
  EXPECT_TRUE(IsInvalidField(ledger_->UnmergeCustomer(Context().get(), unmerge, &merge), "name"));
  v1::GetMergeRequest get;
  get.set_name("merges/999");
  EXPECT_TRUE(
      HasCode(ledger_->GetMerge(Context().get(), get, &merge), grpc::StatusCode::NOT_FOUND));
}

CXHUB_INSTANTIATE_FOR_EVERY_STORE(MergeLedgerServiceTest);

}  // namespace
}  // namespace cxhub
