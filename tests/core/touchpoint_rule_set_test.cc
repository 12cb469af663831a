#include "server/core/touchpoint_rule_set.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/business_identities.h"
#include "server/core/identity_normalizer.h"

namespace cxhub {
namespace {

IdentityNormalizer Normalizer() { return *IdentityNormalizer::Create("PT"); }

TouchpointRule Rule(TouchpointRuleId id, TouchpointId touchpoint, int32_t priority = 0) {
  TouchpointRule rule;
  rule.id = id;
  rule.touchpoint_id = touchpoint;
  rule.priority = priority;
  return rule;
}

Interaction Mail(const std::string& subject, const std::string& body = "") {
  Interaction interaction;
  interaction.channel = "email";
  interaction.source = "support-mail";
  interaction.subject = subject;
  interaction.body = body;
  return interaction;
}

// The id of the rule that matches, 0 when none does.
TouchpointRuleId MatchedId(const std::vector<TouchpointRule>& rules,
                           const Interaction& interaction) {
  const IdentityNormalizer normalizer = Normalizer();
  const TouchpointRuleSet set(rules, normalizer);
  const TouchpointRule* rule = set.Match(interaction);
  return rule == nullptr ? 0 : rule->id;
}

TEST(TouchpointRuleSet, MatchesNothingWithoutRules) { EXPECT_EQ(MatchedId({}, Mail("hi")), 0); }

TEST(TouchpointRuleSet, MatchesByChannel) {
  TouchpointRule rule = Rule(1, 10);
  rule.channels = {"phone", "email"};
  EXPECT_EQ(MatchedId({rule}, Mail("hi")), 1);
  Interaction chat = Mail("hi");
  chat.channel = "chat";
  EXPECT_EQ(MatchedId({rule}, chat), 0);
}

TEST(TouchpointRuleSet, MatchesBySource) {
  TouchpointRule rule = Rule(1, 10);
  rule.sources = {"support-mail"};
  EXPECT_EQ(MatchedId({rule}, Mail("hi")), 1);
  rule.sources = {"web-chat"};
  EXPECT_EQ(MatchedId({rule}, Mail("hi")), 0);
}

TEST(TouchpointRuleSet, MatchesByKind) {
  TouchpointRule rule = Rule(1, 10);
  rule.kinds = {InteractionKind::kCall};
  EXPECT_EQ(MatchedId({rule}, Mail("hi")), 0);
  rule.kinds = {InteractionKind::kCall, InteractionKind::kMessage};
  EXPECT_EQ(MatchedId({rule}, Mail("hi")), 1);
}

TEST(TouchpointRuleSet, MatchesContactedIdentitiesAfterNormalization) {
  TouchpointRule rule = Rule(1, 10);
  rule.contacted = {{IdentityKind::kEmail, " Orders@Northwind.EXAMPLE "}};
  Interaction mail = Mail("hi");
  mail.attributes[std::string(kBusinessIdentitiesAttribute)] =
      "email:support@northwind.example, email:orders@northwind.example";
  EXPECT_EQ(MatchedId({rule}, mail), 1);
  mail.attributes[std::string(kBusinessIdentitiesAttribute)] = "email:support@northwind.example";
  EXPECT_EQ(MatchedId({rule}, mail), 0);
}

TEST(TouchpointRuleSet, MatchesDialledNumbersAndInboxesAsWritten) {
  TouchpointRule phone = Rule(1, 10);
  phone.contacted = {{IdentityKind::kPhone, "+351 21 000 0000"}};
  TouchpointRule inbox = Rule(2, 20);
  inbox.contacted = {{IdentityKind::kChat, "chatwoot:7:inbox:12"}};
  Interaction call = Mail("");
  call.attributes[std::string(kBusinessIdentitiesAttribute)] = "phone:210000000";
  EXPECT_EQ(MatchedId({phone, inbox}, call), 1);
  Interaction chat = Mail("");
  chat.attributes[std::string(kBusinessIdentitiesAttribute)] = "chat:chatwoot:7:inbox:12";
  EXPECT_EQ(MatchedId({phone, inbox}, chat), 2);
  chat.attributes[std::string(kBusinessIdentitiesAttribute)] = "chat:chatwoot:7:inbox:13";
  EXPECT_EQ(MatchedId({phone, inbox}, chat), 0);
}

TEST(TouchpointRuleSet, MatchesWholeWordsCaseAndAccentInsensitively) {
  TouchpointRule rule = Rule(1, 10);
  rule.words = {"devolução"};
  EXPECT_EQ(MatchedId({rule}, Mail("DEVOLUCAO da mochila")), 1);
  EXPECT_EQ(MatchedId({rule}, Mail("", "Quero fazer uma devolução!")), 1);
  EXPECT_EQ(MatchedId({rule}, Mail("devoluções")), 0);
  rule.words = {"refund"};
  EXPECT_EQ(MatchedId({rule}, Mail("Refund!")), 1);
  EXPECT_EQ(MatchedId({rule}, Mail("refunded")), 0);
}

TEST(TouchpointRuleSet, MatchesPhrasesAsConsecutiveWordsWithinSubjectOrBody) {
  TouchpointRule rule = Rule(1, 10);
  rule.words = {"track my order"};
  EXPECT_EQ(MatchedId({rule}, Mail("", "Can you TRACK my order, please?")), 1);
  EXPECT_EQ(MatchedId({rule}, Mail("", "Track the order of my friend")), 0);
  // A phrase does not run from the subject into the body.
  EXPECT_EQ(MatchedId({rule}, Mail("Track my", "order")), 0);
}

TEST(TouchpointRuleSet, MatchesWhenEveryAttributeIsEqual) {
  TouchpointRule rule = Rule(1, 10);
  rule.attributes = {{"queue", "returns"}, {"lang", "pt"}};
  Interaction mail = Mail("hi");
  mail.attributes = {{"queue", "returns"}};
  EXPECT_EQ(MatchedId({rule}, mail), 0);
  mail.attributes["lang"] = "pt";
  EXPECT_EQ(MatchedId({rule}, mail), 1);
  mail.attributes["lang"] = "PT";
  EXPECT_EQ(MatchedId({rule}, mail), 0);
}

TEST(TouchpointRuleSet, MatchesSurveyTagsCaseInsensitively) {
  TouchpointRule rule = Rule(1, 10);
  rule.survey_touchpoint_tags = {"checkout"};
  Interaction answer = Mail("");
  answer.kind = InteractionKind::kSurveyResponse;
  EXPECT_EQ(MatchedId({rule}, answer), 0);
  answer.survey.emplace().touchpoint_tag = "Checkout";
  EXPECT_EQ(MatchedId({rule}, answer), 1);
  answer.survey->touchpoint_tag = "delivery";
  EXPECT_EQ(MatchedId({rule}, answer), 0);
}

TEST(TouchpointRuleSet, NeedsEveryCriterionOfARule) {
  TouchpointRule rule = Rule(1, 10);
  rule.channels = {"email"};
  rule.words = {"order"};
  EXPECT_EQ(MatchedId({rule}, Mail("my order")), 1);
  EXPECT_EQ(MatchedId({rule}, Mail("my parcel")), 0);
}

TEST(TouchpointRuleSet, TriesRulesByPriorityThenIdAndTheFirstMatchWins) {
  TouchpointRule late = Rule(1, 10, /*priority=*/20);
  late.channels = {"email"};
  TouchpointRule early = Rule(3, 30, /*priority=*/10);
  early.channels = {"email"};
  TouchpointRule tie = Rule(2, 20, /*priority=*/10);
  tie.channels = {"email"};
  EXPECT_EQ(MatchedId({late, early, tie}, Mail("hi")), 2);
  EXPECT_EQ(MatchedId({late, early}, Mail("hi")), 3);
}

TEST(TouchpointRuleSet, ReturnsTheRuleWithItsTouchpoint) {
  TouchpointRule rule = Rule(7, 42);
  rule.channels = {"email"};
  const IdentityNormalizer normalizer = Normalizer();
  const TouchpointRuleSet set({rule}, normalizer);
  ASSERT_NE(set.Match(Mail("hi")), nullptr);
  EXPECT_EQ(set.Match(Mail("hi"))->touchpoint_id, 42);
}

TEST(BusinessIdentities, ParseWhatFormatWrites) {
  const std::vector<Identity> identities = {{IdentityKind::kEmail, "orders@northwind.example"},
                                            {IdentityKind::kChat, "chatwoot:7:inbox:12"}};
  const std::string attribute = FormatBusinessIdentities(identities);
  EXPECT_EQ(attribute, "email:orders@northwind.example, chat:chatwoot:7:inbox:12");
  EXPECT_EQ(ParseBusinessIdentities(attribute), identities);
  EXPECT_TRUE(ParseBusinessIdentities("fax:123, email:, nonsense").empty());
}

}  // namespace
}  // namespace cxhub
