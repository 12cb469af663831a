// Touchpoints assigned by rules in the transaction that records an interaction, and the rule
// use cases (TouchpointRuleCatalog), on a real SQLite store.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/business_identities.h"
#include "server/core/field_violation.h"
#include "server/core/interaction_log.h"
#include "server/core/touchpoint_assigner.h"
#include "server/core/touchpoint_catalog.h"
#include "server/core/touchpoint_rule_catalog.h"
#include "tests/core/test_env.h"

namespace cxhub {
namespace {

using ::testing::ElementsAre;

class TouchpointAssignmentTest : public ::testing::Test {
 protected:
  TouchpointId CreateTouchpoint(const std::string& display_name) {
    Touchpoint touchpoint;
    touchpoint.display_name = display_name;
    absl::StatusOr<Touchpoint> created = catalog_.Create(touchpoint);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->id : 0;
  }

  TouchpointRuleId CreateRule(TouchpointId touchpoint, TouchpointRule rule) {
    rule.touchpoint_id = touchpoint;
    absl::StatusOr<TouchpointRule> created = rules_.Create(rule);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->id : 0;
  }

  Interaction Recorded(const RecordRequest& request) {
    absl::StatusOr<RecordResult> result = log_.Record(request);
    EXPECT_TRUE(result.ok()) << result.status();
    if (!result.ok()) return Interaction();
    absl::StatusOr<Interaction> stored = log_.Get(result->interaction.id);
    EXPECT_TRUE(stored.ok()) << stored.status();
    return stored.ok() ? *stored : Interaction();
  }

  static TouchpointRule WordsRule(const std::string& words, int32_t priority = 0) {
    TouchpointRule rule;
    rule.priority = priority;
    rule.words = {words};
    return rule;
  }

  TempStore db_;
  SteppingClock clock_;
  IdentityNormalizer normalizer_ = PortugalNormalizer();
  InteractionFeed feed_;
  InteractionLog log_{db_.store(), normalizer_, clock_, feed_, ConflictPolicy::kMerge};
  TouchpointCatalog catalog_{db_.store(), clock_};
  TouchpointRuleCatalog rules_{db_.store(), clock_};
};

TEST_F(TouchpointAssignmentTest, RecordTakesTheTouchpointOfTheFirstMatchingRule) {
  const TouchpointId order = CreateTouchpoint("Place an order");
  const TouchpointId help = CreateTouchpoint("Get help");
  const TouchpointRuleId mail = CreateRule(help, WordsRule("order", 20));
  const TouchpointRuleId orders = CreateRule(order, WordsRule("order", 10));
  const Interaction recorded = Recorded(RecordFor("m1", {Email("ana@example.pt")}));
  EXPECT_EQ(recorded.touchpoint_id, order);
  EXPECT_EQ(recorded.touchpoint_rule_id, orders);
  EXPECT_NE(mail, 0);
}

TEST_F(TouchpointAssignmentTest, ExplicitTouchpointIsKept) {
  const TouchpointId order = CreateTouchpoint("Place an order");
  const TouchpointId help = CreateTouchpoint("Get help");
  CreateRule(order, WordsRule("order"));
  RecordRequest request = RecordFor("m1", {Email("ana@example.pt")});
  request.interaction.touchpoint_id = help;
  const Interaction recorded = Recorded(request);
  EXPECT_EQ(recorded.touchpoint_id, help);
  EXPECT_EQ(recorded.touchpoint_rule_id, 0);
}

TEST_F(TouchpointAssignmentTest, NoMatchingRuleLeavesNoTouchpoint) {
  CreateRule(CreateTouchpoint("Get help"), WordsRule("refund"));
  const Interaction recorded = Recorded(RecordFor("m1", {Email("ana@example.pt")}));
  EXPECT_EQ(recorded.touchpoint_id, 0);
  EXPECT_EQ(recorded.touchpoint_rule_id, 0);
}

TEST_F(TouchpointAssignmentTest, RuleChangesApplyToTheNextRecord) {
  const TouchpointId help = CreateTouchpoint("Get help");
  EXPECT_EQ(Recorded(RecordFor("m1", {Email("ana@example.pt")})).touchpoint_id, 0);
  const TouchpointRuleId rule = CreateRule(help, WordsRule("order"));
  EXPECT_EQ(Recorded(RecordFor("m2", {Email("ana@example.pt")})).touchpoint_rule_id, rule);
  TouchpointRuleUpdate update;
  update.words = std::vector<std::string>{"refund"};
  ASSERT_TRUE(rules_.Update(help, rule, update).ok());
  EXPECT_EQ(Recorded(RecordFor("m3", {Email("ana@example.pt")})).touchpoint_id, 0);
  ASSERT_TRUE(rules_.Delete(help, rule).ok());
  EXPECT_EQ(Recorded(RecordFor("m4", {Email("ana@example.pt")})).touchpoint_id, 0);
}

TEST_F(TouchpointAssignmentTest, ReplacedContentIsMatchedAgain) {
  const TouchpointId help = CreateTouchpoint("Get help");
  const TouchpointId order = CreateTouchpoint("Place an order");
  CreateRule(help, WordsRule("quarta feira"));
  const TouchpointRuleId thursday = CreateRule(order, WordsRule("quinta feira"));
  RecordRequest request = RecordFor("m1", {Email("ana@example.pt")});
  request.interaction.body = "Chega na quarta-feira";
  const Interaction first = Recorded(request);
  EXPECT_EQ(first.touchpoint_id, help);
  request.interaction.body = "Chega na quinta-feira";
  request.replaces_earlier = true;
  Recorded(request);
  absl::StatusOr<Interaction> replaced = log_.Get(first.id);
  ASSERT_TRUE(replaced.ok()) << replaced.status();
  EXPECT_EQ(replaced->touchpoint_id, order);
  EXPECT_EQ(replaced->touchpoint_rule_id, thursday);
}

TEST_F(TouchpointAssignmentTest, ReplacementKeepsAnExplicitTouchpoint) {
  const TouchpointId help = CreateTouchpoint("Get help");
  CreateRule(CreateTouchpoint("Place an order"), WordsRule("order"));
  RecordRequest request = RecordFor("m1", {Email("ana@example.pt")});
  request.interaction.touchpoint_id = help;
  const Interaction first = Recorded(request);
  request.interaction.touchpoint_id = 0;
  request.replaces_earlier = true;
  Recorded(request);
  absl::StatusOr<Interaction> replaced = log_.Get(first.id);
  ASSERT_TRUE(replaced.ok()) << replaced.status();
  EXPECT_EQ(replaced->touchpoint_id, help);
  EXPECT_EQ(replaced->touchpoint_rule_id, 0);
}

TEST_F(TouchpointAssignmentTest, AssignerMatchesBusinessIdentitiesWithinATransaction) {
  const TouchpointId order = CreateTouchpoint("Place an order");
  TouchpointRule rule;
  rule.contacted = {{IdentityKind::kEmail, "orders@northwind.example"}};
  const TouchpointRuleId id = CreateRule(order, rule);
  const TouchpointAssigner assigner(normalizer_);
  Interaction interaction = Message("m1");
  interaction.attributes[std::string(kBusinessIdentitiesAttribute)] =
      "email:Orders@Northwind.example";
  ASSERT_TRUE(db_.store()
                  .Read([&](StoreReader& reader) { return assigner.Assign(reader, interaction); })
                  .ok());
  EXPECT_EQ(interaction.touchpoint_id, order);
  EXPECT_EQ(interaction.touchpoint_rule_id, id);
}

TEST_F(TouchpointAssignmentTest, CompiledRulesAreReusedWhileTheRevisionStays) {
  CreateRule(CreateTouchpoint("Get help"), WordsRule("order"));
  const TouchpointAssigner assigner(normalizer_);
  std::shared_ptr<const TouchpointRuleSet> first, second, third;
  ASSERT_TRUE(db_.store()
                  .Read([&](StoreReader& reader) -> absl::Status {
                    first = *assigner.Rules(reader);
                    second = *assigner.Rules(reader);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(first, second);
  CreateRule(CreateTouchpoint("Place an order"), WordsRule("buy"));
  ASSERT_TRUE(db_.store()
                  .Read([&](StoreReader& reader) -> absl::Status {
                    third = *assigner.Rules(reader);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_NE(third, first);
  EXPECT_EQ(third->size(), 2u);
}

TEST_F(TouchpointAssignmentTest, CatalogRefusesInvalidRulesNamingTheField) {
  const TouchpointId help = CreateTouchpoint("Get help");
  TouchpointRule rule = WordsRule("...");
  rule.touchpoint_id = help;
  const absl::Status status = rules_.Create(rule).status();
  ASSERT_TRUE(FieldViolationOf(status).has_value()) << status;
  EXPECT_EQ(FieldViolationOf(status)->field, "rule.words[0]");
  rule.words = {"ok"};
  rule.touchpoint_id = 999;
  EXPECT_TRUE(absl::IsNotFound(rules_.Create(rule).status()));
}

TEST_F(TouchpointAssignmentTest, CatalogListsInTriedOrderAndPages) {
  const TouchpointId help = CreateTouchpoint("Get help");
  const TouchpointId order = CreateTouchpoint("Place an order");
  const TouchpointRuleId a = CreateRule(help, WordsRule("a", 20));
  const TouchpointRuleId b = CreateRule(order, WordsRule("b", 10));
  const TouchpointRuleId c = CreateRule(help, WordsRule("c", 20));
  absl::StatusOr<TouchpointRulePage> page = rules_.List(0, std::nullopt, 2);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->rules.size(), 2u);
  EXPECT_EQ(page->rules[0].id, b);
  EXPECT_EQ(page->rules[1].id, a);
  EXPECT_TRUE(page->has_more);
  page = rules_.List(0, TouchpointRuleCursor{20, a}, 2);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->rules.size(), 1u);
  EXPECT_EQ(page->rules[0].id, c);
  EXPECT_FALSE(page->has_more);
  page = rules_.List(help, std::nullopt, 10);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->rules.size(), 2u);
  EXPECT_TRUE(absl::IsNotFound(rules_.List(999, std::nullopt, 10).status()));
  EXPECT_TRUE(absl::IsNotFound(rules_.Get(order, a).status()));
}

TEST_F(TouchpointAssignmentTest, DeclareCreatesOnlyMissingTouchpointsWithTheirRules) {
  CreateTouchpoint("Get help");
  TouchpointDeclaration help;
  help.touchpoint.display_name = "Get help";
  help.rules = {WordsRule("help")};
  TouchpointDeclaration order;
  order.touchpoint.display_name = "Place an order";
  order.rules = {WordsRule("order", 10), WordsRule("buy", 20)};
  absl::StatusOr<std::vector<std::string>> created = rules_.Declare({help, order});
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_THAT(*created, ElementsAre("Place an order"));
  absl::StatusOr<TouchpointRulePage> page = rules_.List(0, std::nullopt, 10);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->rules.size(), 2u);
  EXPECT_EQ(page->rules[0].words, std::vector<std::string>{"order"});
  created = rules_.Declare({help, order});
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_TRUE(created->empty());

  TouchpointDeclaration invalid;
  invalid.touchpoint.display_name = "Receive the order";
  invalid.rules = {WordsRule("ok"), WordsRule("?")};
  const absl::Status status = rules_.Declare({help, invalid}).status();
  ASSERT_TRUE(FieldViolationOf(status).has_value()) << status;
  EXPECT_EQ(FieldViolationOf(status)->field, "touchpoints[1].rules[1].words[0]");
}

}  // namespace
}  // namespace cxhub
