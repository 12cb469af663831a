// Store conformance for touchpoint rules, their revision, and the interaction columns that came
// with them (the survey's context, mentioned scores, the rule that chose a touchpoint). Every
// backend must pass it unchanged.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "tests/storage/store_backends.h"
#include "tests/storage/store_conformance_fixture.h"

namespace cxhub::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class TouchpointRuleStoreTest : public StoreConformanceTest {
 protected:
  absl::StatusOr<TouchpointRuleId> InsertRule(const TouchpointRule& rule) {
    TouchpointRuleId id = 0;
    absl::Status status = Write([&](StoreWriter& writer) -> absl::Status {
      absl::StatusOr<TouchpointRuleId> inserted = writer.InsertTouchpointRule(rule);
      if (!inserted.ok()) return inserted.status();
      id = *inserted;
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return id;
  }

  absl::StatusOr<TouchpointRule> GetRule(TouchpointRuleId id) {
    return Read<TouchpointRule>([&](StoreReader& r) { return r.GetTouchpointRule(id); });
  }

  // The ids of ListTouchpointRules, in its order.
  std::vector<TouchpointRuleId> ListedRuleIds() {
    absl::StatusOr<std::vector<TouchpointRule>> rules =
        Read<std::vector<TouchpointRule>>([](StoreReader& r) { return r.ListTouchpointRules(); });
    EXPECT_TRUE(rules.ok()) << rules.status();
    std::vector<TouchpointRuleId> ids;
    for (const TouchpointRule& rule : rules.value_or(std::vector<TouchpointRule>())) {
      ids.push_back(rule.id);
    }
    return ids;
  }

  int64_t Revision() {
    absl::StatusOr<int64_t> revision =
        Read<int64_t>([](StoreReader& r) { return r.TouchpointRulesRevision(); });
    EXPECT_TRUE(revision.ok()) << revision.status();
    return revision.value_or(-1);
  }
};

TouchpointRule RuleAt(TouchpointId touchpoint, int32_t priority) {
  TouchpointRule rule;
  rule.touchpoint_id = touchpoint;
  rule.priority = priority;
  rule.channels = {"email"};
  rule.create_time = T(10, 1);
  rule.update_time = T(11, 2);
  return rule;
}

// A rule with criteria in three lists, to see them all replaced or deleted.
TouchpointRule RuleWithWordsAndAttributes(TouchpointId touchpoint) {
  TouchpointRule rule = RuleAt(touchpoint, 1);
  rule.words = {"order"};
  rule.attributes = {{"queue", "sales"}};
  return rule;
}

TEST_P(TouchpointRuleStoreTest, RuleRoundTripsEveryCriterionInOrder) {
  const TouchpointId touchpoint = NewTouchpoint("Place an order");
  TouchpointRule rule = RuleAt(touchpoint, -3);
  rule.description = "Orders mailbox \xe2\x9c\x89";
  rule.channels = {"email", "chat"};
  rule.sources = {"northwind-mail", "api"};
  rule.contacted = {{IdentityKind::kEmail, "orders@northwind.example"},
                    {IdentityKind::kPhone, "100"},
                    {IdentityKind::kChat, "chatwoot:7:inbox:12"}};
  rule.words = {"order", "devolu\xc3\xa7\xc3\xa3o", "track my parcel"};
  rule.attributes = {{"queue", "sales"}, {std::string("k\0", 2), std::string("\xff\0", 2)}};
  rule.survey_touchpoint_tags = {"checkout", "Delivery"};
  rule.kinds = {InteractionKind::kSurveyResponse, InteractionKind::kMessage};
  absl::StatusOr<TouchpointRuleId> id = InsertRule(rule);
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_GT(*id, 0);

  absl::StatusOr<TouchpointRule> got = GetRule(*id);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->id, *id);
  EXPECT_EQ(got->touchpoint_id, touchpoint);
  EXPECT_EQ(got->priority, -3);
  EXPECT_EQ(got->description, rule.description);
  EXPECT_THAT(got->channels, ElementsAre("email", "chat"));
  EXPECT_THAT(got->sources, ElementsAre("northwind-mail", "api"));
  EXPECT_EQ(got->contacted, rule.contacted);
  EXPECT_EQ(got->words, rule.words);
  EXPECT_EQ(got->attributes, rule.attributes);
  EXPECT_THAT(got->survey_touchpoint_tags, ElementsAre("checkout", "Delivery"));
  EXPECT_THAT(got->kinds, ElementsAre(InteractionKind::kSurveyResponse, InteractionKind::kMessage));
  EXPECT_EQ(got->create_time, T(10, 1));
  EXPECT_EQ(got->update_time, T(11, 2));
}

TEST_P(TouchpointRuleStoreTest, RuleWithOneCriterionLeavesTheOthersEmpty) {
  const TouchpointId touchpoint = NewTouchpoint("Support");
  TouchpointRule rule = RuleAt(touchpoint, 0);
  rule.channels.clear();
  rule.kinds = {InteractionKind::kCall};
  absl::StatusOr<TouchpointRuleId> id = InsertRule(rule);
  ASSERT_TRUE(id.ok()) << id.status();
  absl::StatusOr<TouchpointRule> got = GetRule(*id);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_THAT(got->kinds, ElementsAre(InteractionKind::kCall));
  EXPECT_THAT(got->channels, IsEmpty());
  EXPECT_THAT(got->sources, IsEmpty());
  EXPECT_THAT(got->contacted, IsEmpty());
  EXPECT_THAT(got->words, IsEmpty());
  EXPECT_THAT(got->attributes, IsEmpty());
  EXPECT_THAT(got->survey_touchpoint_tags, IsEmpty());
  EXPECT_EQ(got->description, "");
}

TEST_P(TouchpointRuleStoreTest, RulesAreListedByPriorityThenIdAcrossTouchpoints) {
  const TouchpointId orders = NewTouchpoint("Orders");
  const TouchpointId support = NewTouchpoint("Support");
  absl::StatusOr<TouchpointRuleId> late = InsertRule(RuleAt(orders, 20));
  absl::StatusOr<TouchpointRuleId> first = InsertRule(RuleAt(support, -5));
  absl::StatusOr<TouchpointRuleId> tie_a = InsertRule(RuleAt(support, 10));
  absl::StatusOr<TouchpointRuleId> tie_b = InsertRule(RuleAt(orders, 10));
  ASSERT_TRUE(late.ok() && first.ok() && tie_a.ok() && tie_b.ok());
  EXPECT_THAT(ListedRuleIds(), ElementsAre(*first, *tie_a, *tie_b, *late));

  // Criteria follow their rules through the list, whatever the order.
  absl::StatusOr<std::vector<TouchpointRule>> rules =
      Read<std::vector<TouchpointRule>>([](StoreReader& r) { return r.ListTouchpointRules(); });
  ASSERT_TRUE(rules.ok());
  for (const TouchpointRule& rule : *rules) EXPECT_THAT(rule.channels, ElementsAre("email"));

  // A new priority moves a rule.
  TouchpointRule moved = RuleAt(orders, -10);
  moved.id = *late;
  ASSERT_OK(Write([&](StoreWriter& w) { return w.UpdateTouchpointRule(moved); }));
  EXPECT_THAT(ListedRuleIds(), ElementsAre(*late, *first, *tie_a, *tie_b));
}

TEST_P(TouchpointRuleStoreTest, NoRulesListEmptyAtRevisionZero) {
  EXPECT_THAT(ListedRuleIds(), IsEmpty());
  EXPECT_EQ(Revision(), 0);
}

TEST_P(TouchpointRuleStoreTest, UpdateReplacesAllButIdTouchpointAndCreateTime) {
  const TouchpointId orders = NewTouchpoint("Orders");
  const TouchpointId support = NewTouchpoint("Support");
  absl::StatusOr<TouchpointRuleId> id = InsertRule(RuleWithWordsAndAttributes(orders));
  ASSERT_TRUE(id.ok()) << id.status();

  TouchpointRule update;
  update.id = *id;
  update.touchpoint_id = support;  // Ignored.
  update.priority = 7;
  update.description = "now by source";
  update.sources = {"chatwoot"};
  update.contacted = {{IdentityKind::kSocial, "@northwind@mastodon.example"}};
  update.create_time = T(999);  // Ignored.
  update.update_time = T(50, 5);
  ASSERT_OK(Write([&](StoreWriter& w) { return w.UpdateTouchpointRule(update); }));

  absl::StatusOr<TouchpointRule> got = GetRule(*id);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->touchpoint_id, orders);
  EXPECT_EQ(got->priority, 7);
  EXPECT_EQ(got->description, "now by source");
  EXPECT_THAT(got->channels, IsEmpty());
  EXPECT_THAT(got->words, IsEmpty());
  EXPECT_THAT(got->attributes, IsEmpty());
  EXPECT_THAT(got->sources, ElementsAre("chatwoot"));
  EXPECT_EQ(got->contacted, update.contacted);
  EXPECT_EQ(got->create_time, T(10, 1));
  EXPECT_EQ(got->update_time, T(50, 5));
}

TEST_P(TouchpointRuleStoreTest, MissingRulesAndTouchpointsAreNotFound) {
  EXPECT_EQ(GetRule(42).status().code(), absl::StatusCode::kNotFound);
  TouchpointRule rule = RuleAt(/*touchpoint=*/4242, 0);
  EXPECT_EQ(InsertRule(rule).status().code(), absl::StatusCode::kNotFound);
  rule.id = 42;
  EXPECT_EQ(Write([&](StoreWriter& w) { return w.UpdateTouchpointRule(rule); }).code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(Write([](StoreWriter& w) { return w.DeleteTouchpointRule(42); }).code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(Revision(), 0);  // Nothing changed.
}

TEST_P(TouchpointRuleStoreTest, EveryRuleChangeBumpsTheRevision) {
  const TouchpointId touchpoint = NewTouchpoint("Orders");
  const TouchpointId other = NewTouchpoint("Other");
  EXPECT_EQ(Revision(), 0);
  absl::StatusOr<TouchpointRuleId> id = InsertRule(RuleAt(touchpoint, 1));
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(Revision(), 1);

  TouchpointRule update = RuleAt(touchpoint, 2);
  update.id = *id;
  ASSERT_OK(Write([&](StoreWriter& w) { return w.UpdateTouchpointRule(update); }));
  EXPECT_EQ(Revision(), 2);

  ASSERT_OK(Write([&](StoreWriter& w) { return w.DeleteTouchpointRule(*id); }));
  EXPECT_EQ(Revision(), 3);
  EXPECT_EQ(GetRule(*id).status().code(), absl::StatusCode::kNotFound);

  // A touchpoint change is no rule change.
  Touchpoint renamed;
  renamed.id = other;
  renamed.display_name = "Renamed";
  ASSERT_OK(Write([&](StoreWriter& w) { return w.UpdateTouchpoint(renamed); }));
  EXPECT_EQ(Revision(), 3);

  // The revision is part of the transaction: a rolled-back insert leaves it (and the rules).
  EXPECT_EQ(Write([&](StoreWriter& w) -> absl::Status {
              absl::Status inserted = w.InsertTouchpointRule(RuleAt(touchpoint, 1)).status();
              if (!inserted.ok()) return inserted;
              absl::StatusOr<int64_t> inside = w.TouchpointRulesRevision();
              if (!inside.ok() || *inside != 4) return absl::InternalError("revision not bumped");
              return absl::AbortedError("roll back");
            }).code(),
            absl::StatusCode::kAborted);
  EXPECT_EQ(Revision(), 3);
  EXPECT_THAT(ListedRuleIds(), IsEmpty());
}

TEST_P(TouchpointRuleStoreTest, DeleteTouchpointDeletesItsRulesAndBumpsTheRevision) {
  const TouchpointId orders = NewTouchpoint("Orders");
  const TouchpointId support = NewTouchpoint("Support");
  absl::StatusOr<TouchpointRuleId> a = InsertRule(RuleWithWordsAndAttributes(orders));
  absl::StatusOr<TouchpointRuleId> b = InsertRule(RuleAt(orders, 2));
  absl::StatusOr<TouchpointRuleId> kept = InsertRule(RuleAt(support, 3));
  ASSERT_TRUE(a.ok() && b.ok() && kept.ok());

  absl::StatusOr<CustomerId> customer = InsertCustomer(NewCustomer("c"));
  ASSERT_TRUE(customer.ok());
  Interaction assigned = NewInteraction(*customer, "assigned", T(1));
  assigned.touchpoint_id = orders;
  assigned.touchpoint_rule_id = *a;
  absl::StatusOr<InteractionId> interaction = InsertInteraction(assigned);
  ASSERT_TRUE(interaction.ok()) << interaction.status();

  const int64_t before = Revision();
  ASSERT_OK(Write([&](StoreWriter& w) { return w.DeleteTouchpoint(orders); }));
  EXPECT_GT(Revision(), before);
  EXPECT_THAT(ListedRuleIds(), ElementsAre(*kept));
  EXPECT_EQ(GetRule(*a).status().code(), absl::StatusCode::kNotFound);
  absl::StatusOr<Interaction> got = GetInteraction(*interaction);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->touchpoint_id, 0);
  EXPECT_EQ(got->touchpoint_rule_id, 0);
}

TEST_P(TouchpointRuleStoreTest, InteractionKeepsSurveyContextMentionedScoreAndRule) {
  absl::StatusOr<CustomerId> customer = InsertCustomer(NewCustomer("c"));
  const TouchpointId touchpoint = NewTouchpoint("Checkout");
  absl::StatusOr<TouchpointRuleId> rule = InsertRule(RuleAt(touchpoint, 0));
  ASSERT_TRUE(customer.ok() && rule.ok());
  absl::StatusOr<InteractionId> rated = InsertInteraction(NewInteraction(*customer, "chat", T(1)));
  ASSERT_TRUE(rated.ok()) << rated.status();

  Interaction answer = NewInteraction(*customer, "nps-1", T(2, 3));
  answer.kind = InteractionKind::kSurveyResponse;
  answer.touchpoint_id = touchpoint;
  answer.touchpoint_rule_id = *rule;
  Survey& survey = answer.survey.emplace();
  survey.metric = SurveyMetric::kNps;
  survey.score = 0;
  survey.comment = "";
  survey.question = "How likely are you to recommend us? \xe2\x98\x85";
  survey.touchpoint_tag = "checkout";
  survey.rated_thread_id = "chatwoot:7:conversation:42";
  survey.rated_interaction_id = *rated;
  absl::StatusOr<InteractionId> id = InsertInteraction(answer);
  ASSERT_TRUE(id.ok()) << id.status();

  absl::StatusOr<Interaction> got = GetInteraction(*id);
  ASSERT_TRUE(got.ok()) << got.status();
  ASSERT_TRUE(got->survey.has_value());
  EXPECT_EQ(got->survey->metric, SurveyMetric::kNps);
  EXPECT_EQ(got->survey->score, 0);
  EXPECT_EQ(got->survey->question, survey.question);
  EXPECT_EQ(got->survey->touchpoint_tag, "checkout");
  EXPECT_EQ(got->survey->rated_thread_id, "chatwoot:7:conversation:42");
  EXPECT_EQ(got->survey->rated_interaction_id, *rated);
  EXPECT_EQ(got->touchpoint_id, touchpoint);
  EXPECT_EQ(got->touchpoint_rule_id, *rule);
  EXPECT_FALSE(got->mentioned_score.has_value());

  Interaction message = NewInteraction(*customer, "msg-1", T(3));
  MentionedScore& mentioned = message.mentioned_score.emplace();
  mentioned.metric = SurveyMetric::kCsat;
  mentioned.score = 5;
  mentioned.scale = 5;
  mentioned.quote = "5 stars";
  id = InsertInteraction(message);
  ASSERT_TRUE(id.ok()) << id.status();
  got = GetInteraction(*id);
  ASSERT_TRUE(got.ok()) << got.status();
  ASSERT_TRUE(got->mentioned_score.has_value());
  EXPECT_EQ(got->mentioned_score->metric, SurveyMetric::kCsat);
  EXPECT_EQ(got->mentioned_score->score, 5);
  EXPECT_EQ(got->mentioned_score->scale, 5);
  EXPECT_EQ(got->mentioned_score->quote, "5 stars");
  EXPECT_FALSE(got->survey.has_value());
  EXPECT_EQ(got->touchpoint_rule_id, 0);

  // Every read carries them: by source and in lists.
  absl::StatusOr<std::optional<Interaction>> found = Read<std::optional<Interaction>>(
      [&](StoreReader& r) { return r.FindInteractionBySource("test", "nps-1"); });
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->survey->rated_interaction_id, *rated);
  absl::StatusOr<std::vector<Interaction>> since = Read<std::vector<Interaction>>(
      [&](StoreReader& r) { return r.ListInteractionsSince(*rated, 0, 10); });
  ASSERT_TRUE(since.ok());
  ASSERT_EQ(since->size(), 2u);
  EXPECT_EQ((*since)[0].survey->touchpoint_tag, "checkout");
  EXPECT_EQ((*since)[1].mentioned_score->quote, "5 stars");
}

TEST_P(TouchpointRuleStoreTest, ReplaceContentReplacesTheNewColumns) {
  absl::StatusOr<CustomerId> customer = InsertCustomer(NewCustomer("c"));
  const TouchpointId touchpoint = NewTouchpoint("Checkout");
  absl::StatusOr<TouchpointRuleId> rule = InsertRule(RuleAt(touchpoint, 0));
  ASSERT_TRUE(customer.ok() && rule.ok());
  Interaction original = NewInteraction(*customer, "csat-1", T(1));
  original.kind = InteractionKind::kSurveyResponse;
  original.survey.emplace();
  original.survey->metric = SurveyMetric::kCsat;
  original.survey->score = 2;
  original.survey->question = "How did we do?";
  original.survey->rated_thread_id = "conversation-1";
  original.mentioned_score = MentionedScore{SurveyMetric::kNps, 8, 10, "8 out of 10"};
  absl::StatusOr<InteractionId> id = InsertInteraction(original);
  ASSERT_TRUE(id.ok()) << id.status();

  Interaction changed = original;
  changed.survey->score = 5;
  changed.survey->question = "";
  changed.survey->touchpoint_tag = "chat";
  changed.mentioned_score.reset();
  changed.touchpoint_id = touchpoint;
  changed.touchpoint_rule_id = *rule;
  ASSERT_OK(Write([&](StoreWriter& w) { return w.ReplaceInteractionContent(changed).status(); }));

  absl::StatusOr<Interaction> got = GetInteraction(*id);
  ASSERT_TRUE(got.ok()) << got.status();
  ASSERT_TRUE(got->survey.has_value());
  EXPECT_EQ(got->survey->score, 5);
  EXPECT_EQ(got->survey->question, "");
  EXPECT_EQ(got->survey->touchpoint_tag, "chat");
  EXPECT_EQ(got->survey->rated_thread_id, "conversation-1");
  EXPECT_FALSE(got->mentioned_score.has_value());
  EXPECT_EQ(got->touchpoint_id, touchpoint);
  EXPECT_EQ(got->touchpoint_rule_id, *rule);
}

TEST_P(TouchpointRuleStoreTest, SetInteractionTouchpointAssignsAndClears) {
  absl::StatusOr<CustomerId> customer = InsertCustomer(NewCustomer("c"));
  const TouchpointId touchpoint = NewTouchpoint("Orders");
  absl::StatusOr<TouchpointRuleId> rule = InsertRule(RuleAt(touchpoint, 0));
  ASSERT_TRUE(customer.ok() && rule.ok());
  absl::StatusOr<InteractionId> id = InsertInteraction(NewInteraction(*customer, "m", T(1)));
  ASSERT_TRUE(id.ok()) << id.status();
  const int64_t revision = Revision();

  ASSERT_OK(
      Write([&](StoreWriter& w) { return w.SetInteractionTouchpoint(*id, touchpoint, *rule); }));
  absl::StatusOr<Interaction> got = GetInteraction(*id);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->touchpoint_id, touchpoint);
  EXPECT_EQ(got->touchpoint_rule_id, *rule);
  // Setting the same values again is no error (rows matched, not rows changed).
  ASSERT_OK(
      Write([&](StoreWriter& w) { return w.SetInteractionTouchpoint(*id, touchpoint, *rule); }));

  ASSERT_OK(Write([&](StoreWriter& w) { return w.SetInteractionTouchpoint(*id, 0, 0); }));
  got = GetInteraction(*id);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->touchpoint_id, 0);
  EXPECT_EQ(got->touchpoint_rule_id, 0);
  EXPECT_EQ(Revision(), revision);  // Assignments are no rule changes.

  EXPECT_EQ(
      Write([&](StoreWriter& w) { return w.SetInteractionTouchpoint(*id + 100, 0, 0); }).code(),
      absl::StatusCode::kNotFound);
  EXPECT_EQ(Write([&](StoreWriter& w) { return w.SetInteractionTouchpoint(*id, 4242, 0); }).code(),
            absl::StatusCode::kNotFound);
}

TEST_P(TouchpointRuleStoreTest, DeletedRuleLeavesItsAssignmentsAlone) {
  absl::StatusOr<CustomerId> customer = InsertCustomer(NewCustomer("c"));
  const TouchpointId touchpoint = NewTouchpoint("Orders");
  absl::StatusOr<TouchpointRuleId> rule = InsertRule(RuleAt(touchpoint, 0));
  ASSERT_TRUE(customer.ok() && rule.ok());
  Interaction assigned = NewInteraction(*customer, "m", T(1));
  assigned.touchpoint_id = touchpoint;
  assigned.touchpoint_rule_id = *rule;
  absl::StatusOr<InteractionId> id = InsertInteraction(assigned);
  ASSERT_TRUE(id.ok()) << id.status();

  ASSERT_OK(Write([&](StoreWriter& w) { return w.DeleteTouchpointRule(*rule); }));
  absl::StatusOr<Interaction> got = GetInteraction(*id);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->touchpoint_id, touchpoint);
  EXPECT_EQ(got->touchpoint_rule_id, *rule);
}

INSTANTIATE_TEST_SUITE_P(Backends, TouchpointRuleStoreTest, ::testing::ValuesIn(AllBackends()),
                         BackendName);

}  // namespace
}  // namespace cxhub::testing
