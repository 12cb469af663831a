// TouchpointService's rules over a real server: every rule RPC and its errors, interactions
// recorded through the API placed by the rules, and touchpoints declared in the config.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "cxhub/v1/touchpoint.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/integration/grpc_assertions.h"
#include "tests/integration/server_fixture.h"

namespace cxhub {
namespace {

v1::TouchpointRule ChannelRule(const std::string& channel, int32_t priority = 0) {
  v1::TouchpointRule rule;
  rule.set_priority(priority);
  rule.add_channels(channel);
  return rule;
}

class TouchpointRuleServiceTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    touchpoints_ = v1::TouchpointService::NewStub(channel());
    interactions_ = v1::InteractionService::NewStub(channel());
  }

  std::string CreateTouchpoint(const std::string& display_name) {
    v1::CreateTouchpointRequest request;
    request.mutable_touchpoint()->set_display_name(display_name);
    request.mutable_touchpoint()->set_stage(v1::JOURNEY_STAGE_SERVICE);
    v1::Touchpoint created;
    EXPECT_TRUE(IsOk(touchpoints_->CreateTouchpoint(Context().get(), request, &created)));
    return created.name();
  }

  grpc::Status TryCreateRule(const std::string& parent, const v1::TouchpointRule& rule,
                             v1::TouchpointRule* created) {
    v1::CreateTouchpointRuleRequest request;
    request.set_parent(parent);
    *request.mutable_rule() = rule;
    return touchpoints_->CreateTouchpointRule(Context().get(), request, created);
  }

  v1::TouchpointRule CreateRule(const std::string& parent, const v1::TouchpointRule& rule) {
    v1::TouchpointRule created;
    EXPECT_TRUE(IsOk(TryCreateRule(parent, rule, &created)));
    return created;
  }

  // The names of the rules `parent` lists, following next_page_token with `page_size`.
  std::vector<std::string> ListRuleNames(const std::string& parent, int page_size) {
    std::vector<std::string> names;
    v1::ListTouchpointRulesRequest request;
    request.set_parent(parent);
    request.set_page_size(page_size);
    for (;;) {
      v1::ListTouchpointRulesResponse response;
      grpc::Status status = touchpoints_->ListTouchpointRules(Context().get(), request, &response);
      EXPECT_TRUE(IsOk(status));
      if (!status.ok()) return names;
      for (const v1::TouchpointRule& rule : response.rules()) names.push_back(rule.name());
      if (response.next_page_token().empty()) return names;
      request.set_page_token(response.next_page_token());
    }
  }

  v1::Interaction Record(const std::string& external_id, const std::string& channel,
                         const std::string& subject, const std::string& touchpoint = "") {
    v1::RecordInteractionRequest request;
    v1::Interaction* interaction = request.mutable_interaction();
    interaction->set_channel(channel);
    interaction->set_touchpoint(touchpoint);
    interaction->set_kind(v1::MESSAGE);
    interaction->set_direction(v1::INBOUND);
    interaction->mutable_occur_time()->set_seconds(1788771600);
    interaction->set_subject(subject);
    interaction->set_source("integration-test");
    interaction->set_external_id(external_id);
    v1::Identity* identity = request.add_customer_identities();
    identity->set_kind(v1::EMAIL);
    identity->set_value("ana@example.pt");
    v1::RecordInteractionResponse response;
    EXPECT_TRUE(IsOk(interactions_->RecordInteraction(Context().get(), request, &response)));
    return response.interaction();
  }

  std::unique_ptr<v1::TouchpointService::Stub> touchpoints_;
  std::unique_ptr<v1::InteractionService::Stub> interactions_;
};

TEST_P(TouchpointRuleServiceTest, CreateGetUpdateDelete) {
  const std::string touchpoint = CreateTouchpoint("Get help");
  v1::TouchpointRule rule = ChannelRule("phone", 20);
  rule.set_description("Every call");
  rule.add_words("devolução");
  v1::Identity* contacted = rule.add_contacted();
  contacted->set_kind(v1::EMAIL);
  contacted->set_value("Support@Northwind.example");
  const v1::TouchpointRule created = CreateRule(touchpoint, rule);
  EXPECT_TRUE(absl::StartsWith(created.name(), touchpoint + "/rules/")) << created.name();
  EXPECT_TRUE(created.has_create_time());

  v1::GetTouchpointRuleRequest get;
  get.set_name(created.name());
  v1::TouchpointRule got;
  ASSERT_TRUE(IsOk(touchpoints_->GetTouchpointRule(Context().get(), get, &got)));
  EXPECT_EQ(got.priority(), 20);
  EXPECT_EQ(got.description(), "Every call");
  ASSERT_EQ(got.words_size(), 1);
  EXPECT_EQ(got.words(0), "devolução");
  ASSERT_EQ(got.contacted_size(), 1);

  v1::UpdateTouchpointRuleRequest update;
  update.mutable_rule()->set_name(created.name());
  update.mutable_rule()->set_priority(5);
  update.mutable_rule()->add_kinds(v1::CALL);
  update.mutable_update_mask()->add_paths("priority");
  update.mutable_update_mask()->add_paths("kinds");
  v1::TouchpointRule updated;
  ASSERT_TRUE(IsOk(touchpoints_->UpdateTouchpointRule(Context().get(), update, &updated)));
  EXPECT_EQ(updated.priority(), 5);
  EXPECT_EQ(updated.description(), "Every call");
  ASSERT_EQ(updated.kinds_size(), 1);
  EXPECT_EQ(updated.kinds(0), v1::CALL);

  v1::DeleteTouchpointRuleRequest remove;
  remove.set_name(created.name());
  google::protobuf::Empty empty;
  ASSERT_TRUE(IsOk(touchpoints_->DeleteTouchpointRule(Context().get(), remove, &empty)));
  EXPECT_TRUE(HasCode(touchpoints_->GetTouchpointRule(Context().get(), get, &got),
                      grpc::StatusCode::NOT_FOUND));
  EXPECT_TRUE(HasCode(touchpoints_->DeleteTouchpointRule(Context().get(), remove, &empty),
                      grpc::StatusCode::NOT_FOUND));
}

TEST_P(TouchpointRuleServiceTest, ListPagesInTheOrderRulesAreTried) {
  const std::string help = CreateTouchpoint("Get help");
  const std::string order = CreateTouchpoint("Place an order");
  const std::string a = CreateRule(help, ChannelRule("phone", 20)).name();
  const std::string b = CreateRule(order, ChannelRule("email", 10)).name();
  const std::string c = CreateRule(help, ChannelRule("chat", 20)).name();
  const std::string d = CreateRule(order, ChannelRule("web", 30)).name();
  EXPECT_EQ(ListRuleNames("touchpoints/-", 1), (std::vector<std::string>{b, a, c, d}));
  EXPECT_EQ(ListRuleNames("touchpoints/-", 3), (std::vector<std::string>{b, a, c, d}));
  EXPECT_EQ(ListRuleNames(help, 1), (std::vector<std::string>{a, c}));
  EXPECT_EQ(ListRuleNames(order, 0), (std::vector<std::string>{b, d}));
}

TEST_P(TouchpointRuleServiceTest, PageTokenIsBoundToItsParent) {
  const std::string help = CreateTouchpoint("Get help");
  CreateRule(help, ChannelRule("phone"));
  CreateRule(help, ChannelRule("chat"));
  v1::ListTouchpointRulesRequest request;
  request.set_parent(help);
  request.set_page_size(1);
  v1::ListTouchpointRulesResponse response;
  ASSERT_TRUE(IsOk(touchpoints_->ListTouchpointRules(Context().get(), request, &response)));
  ASSERT_FALSE(response.next_page_token().empty());
  request.set_parent("touchpoints/-");
  request.set_page_token(response.next_page_token());
  EXPECT_TRUE(IsInvalidField(touchpoints_->ListTouchpointRules(Context().get(), request, &response),
                             "page_token"));
}

TEST_P(TouchpointRuleServiceTest, InvalidRulesNameTheField) {
  const std::string touchpoint = CreateTouchpoint("Get help");
  v1::TouchpointRule created;
  v1::TouchpointRule empty;
  empty.set_description("no criterion");
  EXPECT_TRUE(IsInvalidField(TryCreateRule(touchpoint, empty, &created), "rule"));
  v1::TouchpointRule words = ChannelRule("email");
  words.add_words("refund");
  words.add_words("?!");
  EXPECT_TRUE(IsInvalidField(TryCreateRule(touchpoint, words, &created), "rule.words[1]"));
  v1::TouchpointRule channels = ChannelRule("email");
  channels.add_channels("Live Chat");
  EXPECT_TRUE(IsInvalidField(TryCreateRule(touchpoint, channels, &created), "rule.channels[1]"));
  v1::TouchpointRule kinds = ChannelRule("email");
  kinds.add_kinds(static_cast<v1::InteractionKind>(42));
  EXPECT_TRUE(IsInvalidField(TryCreateRule(touchpoint, kinds, &created), "rule.kinds[0]"));
  v1::TouchpointRule contacted = ChannelRule("email");
  contacted.add_contacted()->set_value("orders@northwind.example");
  EXPECT_TRUE(
      IsInvalidField(TryCreateRule(touchpoint, contacted, &created), "rule.contacted[0].kind"));
  EXPECT_TRUE(
      IsInvalidField(TryCreateRule("touchpoints/x", ChannelRule("email"), &created), "parent"));
  EXPECT_TRUE(HasCode(TryCreateRule("touchpoints/999", ChannelRule("email"), &created),
                      grpc::StatusCode::NOT_FOUND));
}

TEST_P(TouchpointRuleServiceTest, UpdateThatLeavesNoCriterionIsRefused) {
  const std::string touchpoint = CreateTouchpoint("Get help");
  const v1::TouchpointRule created = CreateRule(touchpoint, ChannelRule("phone"));
  v1::UpdateTouchpointRuleRequest update;
  update.mutable_rule()->set_name(created.name());
  update.mutable_update_mask()->add_paths("channels");
  v1::TouchpointRule updated;
  EXPECT_TRUE(IsInvalidField(touchpoints_->UpdateTouchpointRule(Context().get(), update, &updated),
                             "rule"));
  update.mutable_update_mask()->add_paths("touchpoint");
  EXPECT_TRUE(IsInvalidField(touchpoints_->UpdateTouchpointRule(Context().get(), update, &updated),
                             "update_mask.paths[1]"));
  update.mutable_rule()->set_name(absl::StrCat(touchpoint, "/rules"));
  EXPECT_TRUE(IsInvalidField(touchpoints_->UpdateTouchpointRule(Context().get(), update, &updated),
                             "rule.name"));
}

TEST_P(TouchpointRuleServiceTest, RuleOfAnotherTouchpointIsNotFound) {
  const std::string help = CreateTouchpoint("Get help");
  const std::string order = CreateTouchpoint("Place an order");
  const v1::TouchpointRule created = CreateRule(help, ChannelRule("phone"));
  v1::GetTouchpointRuleRequest get;
  get.set_name(absl::StrCat(order, created.name().substr(help.size())));
  v1::TouchpointRule got;
  EXPECT_TRUE(HasCode(touchpoints_->GetTouchpointRule(Context().get(), get, &got),
                      grpc::StatusCode::NOT_FOUND));
}

TEST_P(TouchpointRuleServiceTest, RecordedInteractionsFollowTheRulesUnlessGivenATouchpoint) {
  const std::string help = CreateTouchpoint("Get help");
  const std::string order = CreateTouchpoint("Place an order");
  v1::TouchpointRule words = ChannelRule("email", 10);
  words.add_words("devolução");
  const std::string returns = CreateRule(order, words).name();
  const std::string mail = CreateRule(help, ChannelRule("email", 20)).name();

  const v1::Interaction by_words = Record("m-1", "email", "DEVOLUCAO da mochila");
  EXPECT_EQ(by_words.touchpoint(), order);
  EXPECT_EQ(by_words.touchpoint_rule(), returns);
  const v1::Interaction by_channel = Record("m-2", "email", "Where is my parcel?");
  EXPECT_EQ(by_channel.touchpoint(), help);
  EXPECT_EQ(by_channel.touchpoint_rule(), mail);
  const v1::Interaction explicit_touchpoint = Record("m-3", "email", "devolução", help);
  EXPECT_EQ(explicit_touchpoint.touchpoint(), help);
  EXPECT_EQ(explicit_touchpoint.touchpoint_rule(), "");
  const v1::Interaction unmatched = Record("m-4", "chat", "devolução");
  EXPECT_EQ(unmatched.touchpoint(), "");
  EXPECT_EQ(unmatched.touchpoint_rule(), "");

  // A new rule applies to the next record at once.
  const std::string chat = CreateRule(help, ChannelRule("chat", 5)).name();
  const v1::Interaction after_change = Record("m-5", "chat", "hello");
  EXPECT_EQ(after_change.touchpoint(), help);
  EXPECT_EQ(after_change.touchpoint_rule(), chat);
}

TEST_P(TouchpointRuleServiceTest, DeclaredTouchpointsAreCreatedOnceWithTheirRules) {
  config::v1::ServerConfig config = BaseConfig();
  config::v1::TouchpointDeclaration* declared = config.add_touchpoints();
  declared->mutable_touchpoint()->set_display_name("Talk about us in public");
  declared->mutable_touchpoint()->set_stage(v1::JOURNEY_STAGE_LOYALTY);
  *declared->add_rules() = ChannelRule("social", 40);
  config::v1::TouchpointDeclaration* existing = config.add_touchpoints();
  existing->mutable_touchpoint()->set_display_name("Get help");
  existing->mutable_touchpoint()->set_stage(v1::JOURNEY_STAGE_SERVICE);
  *existing->add_rules() = ChannelRule("phone");
  const std::string help = CreateTouchpoint("Get help");
  Restart(config);
  Restart(config);  // Declared touchpoints exist now: nothing more is created.
  touchpoints_ = v1::TouchpointService::NewStub(channel());

  v1::ListTouchpointsRequest list;
  v1::ListTouchpointsResponse touchpoints;
  ASSERT_TRUE(IsOk(touchpoints_->ListTouchpoints(Context().get(), list, &touchpoints)));
  ASSERT_EQ(touchpoints.touchpoints_size(), 2);
  EXPECT_EQ(touchpoints.touchpoints(1).display_name(), "Talk about us in public");
  EXPECT_EQ(ListRuleNames(help, 0).size(), 0u);
  const std::vector<std::string> rules = ListRuleNames("touchpoints/-", 0);
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_TRUE(absl::StartsWith(rules[0], touchpoints.touchpoints(1).name() + "/rules/"));
}

CXHUB_INSTANTIATE_FOR_EVERY_STORE(TouchpointRuleServiceTest);

}  // namespace
}  // namespace cxhub
