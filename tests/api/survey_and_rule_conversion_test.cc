// Conversion of the survey's context, mentioned scores, the assigning rule and touchpoint rules
// between the model and cxhub.v1, and the names of rules.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/api/interaction_conversion.h"
#include "server/api/interaction_validation.h"
#include "server/api/resource_names.h"
#include "server/api/touchpoint_rule_conversion.h"
#include "tests/api/field_error_matchers.h"

namespace cxhub {
namespace {

using ::testing::ElementsAre;

TEST(SurveyConversion, RoundTripsTheSurveysContext) {
  Survey survey;
  survey.metric = SurveyMetric::kCsat;
  survey.score = 4;
  survey.comment = "Fast";
  survey.question = "How would you rate the conversation?";
  survey.touchpoint_tag = "support_chat";
  survey.rated_thread_id = "chatwoot:7:conversation:42";
  survey.rated_interaction_id = 12;

  v1::Survey proto;
  SurveyToProto(survey, &proto);
  EXPECT_EQ(proto.metric(), v1::CSAT);
  EXPECT_EQ(proto.question(), survey.question);
  EXPECT_EQ(proto.touchpoint_tag(), "support_chat");
  EXPECT_EQ(proto.rated_thread_id(), "chatwoot:7:conversation:42");
  EXPECT_EQ(proto.rated_interaction(), "interactions/12");

  const Survey back = SurveyFromProto(proto);
  EXPECT_EQ(back.metric, SurveyMetric::kCsat);
  EXPECT_EQ(back.score, 4);
  EXPECT_EQ(back.comment, "Fast");
  EXPECT_EQ(back.question, survey.question);
  EXPECT_EQ(back.touchpoint_tag, survey.touchpoint_tag);
  EXPECT_EQ(back.rated_thread_id, survey.rated_thread_id);
  EXPECT_EQ(back.rated_interaction_id, 12);
}

TEST(SurveyConversion, NoRatedInteractionStaysEmpty) {
  Survey survey;
  v1::Survey proto;
  SurveyToProto(survey, &proto);
  EXPECT_EQ(proto.rated_interaction(), "");
  EXPECT_EQ(SurveyFromProto(proto).rated_interaction_id, 0);
}

TEST(InteractionConversion, CarriesTheSurveysContextBothWays) {
  v1::Interaction proto;
  proto.set_kind(v1::SURVEY_RESPONSE);
  proto.mutable_survey()->set_metric(v1::NPS);
  proto.mutable_survey()->set_score(9);
  proto.mutable_survey()->set_question("Would you recommend us?");
  proto.mutable_survey()->set_rated_interaction("interactions/3");
  const Interaction interaction = InteractionFromProto(proto);
  ASSERT_TRUE(interaction.survey.has_value());
  EXPECT_EQ(interaction.survey->question, "Would you recommend us?");
  EXPECT_EQ(interaction.survey->rated_interaction_id, 3);

  v1::Interaction out;
  InteractionToProto(interaction, &out);
  EXPECT_EQ(out.survey().question(), "Would you recommend us?");
  EXPECT_EQ(out.survey().rated_interaction(), "interactions/3");
}

TEST(InteractionConversion, MentionedScoreAndRuleAreOutputOnly) {
  Interaction interaction;
  interaction.id = 8;
  interaction.customer_id = 2;
  interaction.touchpoint_id = 4;
  interaction.touchpoint_rule_id = 11;
  interaction.mentioned_score = MentionedScore{SurveyMetric::kNps, 8, 10, "8 out of 10"};

  v1::Interaction proto;
  InteractionToProto(interaction, &proto);
  EXPECT_EQ(proto.touchpoint_rule(), "touchpoints/4/rules/11");
  ASSERT_TRUE(proto.has_mentioned_score());
  EXPECT_EQ(proto.mentioned_score().metric(), v1::NPS);
  EXPECT_EQ(proto.mentioned_score().score(), 8);
  EXPECT_EQ(proto.mentioned_score().scale(), 10);
  EXPECT_EQ(proto.mentioned_score().quote(), "8 out of 10");

  const Interaction back = InteractionFromProto(proto);
  EXPECT_EQ(back.touchpoint_id, 4);
  EXPECT_EQ(back.touchpoint_rule_id, 0);
  EXPECT_FALSE(back.mentioned_score.has_value());
}

TEST(InteractionConversion, NoRuleNoMentionedScoreLeaveThemUnset) {
  Interaction interaction;
  interaction.id = 1;
  interaction.customer_id = 1;
  interaction.touchpoint_id = 4;  // Given by the caller.
  v1::Interaction proto;
  InteractionToProto(interaction, &proto);
  EXPECT_EQ(proto.touchpoint_rule(), "");
  EXPECT_FALSE(proto.has_mentioned_score());
}

TEST(TouchpointRuleConversion, RoundTripsEveryField) {
  TouchpointRule rule;
  rule.id = 5;
  rule.touchpoint_id = 2;
  rule.priority = -1;
  rule.description = "Orders mailbox";
  rule.channels = {"email", "chat"};
  rule.sources = {"northwind-mail"};
  rule.contacted = {{IdentityKind::kEmail, "orders@northwind.example"},
                    {IdentityKind::kChat, "chatwoot:7:inbox:12"}};
  rule.words = {"order", "encomenda"};
  rule.attributes = {{"queue", "sales"}};
  rule.survey_touchpoint_tags = {"checkout"};
  rule.kinds = {InteractionKind::kSurveyResponse, InteractionKind::kCall};
  rule.create_time = absl::FromUnixSeconds(1700000000);
  rule.update_time = absl::FromUnixSeconds(1700000100);

  v1::TouchpointRule proto;
  TouchpointRuleToProto(rule, &proto);
  EXPECT_EQ(proto.name(), "touchpoints/2/rules/5");
  EXPECT_EQ(proto.priority(), -1);
  EXPECT_EQ(proto.contacted(0).kind(), v1::EMAIL);
  EXPECT_EQ(proto.contacted(1).value(), "chatwoot:7:inbox:12");
  EXPECT_THAT(proto.kinds(), ElementsAre(v1::SURVEY_RESPONSE, v1::CALL));
  EXPECT_EQ(proto.create_time().seconds(), 1700000000);
  EXPECT_EQ(proto.update_time().seconds(), 1700000100);

  const TouchpointRule back = TouchpointRuleFromProto(proto);
  EXPECT_EQ(back.id, 0) << "name is output only";
  EXPECT_EQ(back.touchpoint_id, 0);
  EXPECT_EQ(back.priority, -1);
  EXPECT_EQ(back.description, rule.description);
  EXPECT_EQ(back.channels, rule.channels);
  EXPECT_EQ(back.sources, rule.sources);
  EXPECT_EQ(back.contacted, rule.contacted);
  EXPECT_EQ(back.words, rule.words);
  EXPECT_EQ(back.attributes, rule.attributes);
  EXPECT_EQ(back.survey_touchpoint_tags, rule.survey_touchpoint_tags);
  EXPECT_EQ(back.kinds, rule.kinds);
  EXPECT_EQ(back.create_time, absl::Time());
}

TEST(TouchpointRuleConversion, ReusedOutputMessageIsCleared) {
  v1::TouchpointRule proto;
  proto.add_words("stale");
  TouchpointRule rule;
  rule.id = 1;
  rule.touchpoint_id = 1;
  TouchpointRuleToProto(rule, &proto);
  EXPECT_EQ(proto.words_size(), 0);
}

TEST(TouchpointRuleNames, FormatAndParse) {
  EXPECT_EQ(TouchpointRuleName(3, 14), "touchpoints/3/rules/14");
  absl::StatusOr<TouchpointRuleKey> key = ParseTouchpointRuleName("touchpoints/3/rules/14", "name");
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(key->touchpoint_id, 3);
  EXPECT_EQ(key->rule_id, 14);
}

TEST(TouchpointRuleNames, RejectsJunkNamingTheField) {
  for (const char* junk :
       {"touchpoints/3", "touchpoints/3/rules", "touchpoints/3/rules/", "touchpoints/3/rules/0",
        "touchpoints/-/rules/1", "touchpoints/3/rules/1/", "touchpoints/3/rule/1",
        "touchpoints//rules/1", "customers/3/rules/1", "touchpoints/03/rules/1",
        "touchpoints/3/rules/1x", "rules/1"}) {
    EXPECT_TRUE(IsInvalidField(ParseTouchpointRuleName(junk, "rule.name").status(), "rule.name"))
        << junk;
  }
  EXPECT_EQ(ParseTouchpointRuleName("", "name").status().message(), "name: required");
  EXPECT_EQ(ParseTouchpointRuleName("touchpoints/1", "name").status().message(),
            "name: expected touchpoints/{id}/rules/{id}, got \"touchpoints/1\"");
}

TEST(TouchpointRuleNames, ParentIsATouchpointOrEveryTouchpoint) {
  EXPECT_EQ(ParseTouchpointRuleParent("touchpoints/7", "parent").value(), 7);
  EXPECT_EQ(ParseTouchpointRuleParent("touchpoints/-", "parent").value(), 0);
  EXPECT_TRUE(IsInvalidField(ParseTouchpointRuleParent("", "parent").status(), "parent"));
  EXPECT_TRUE(
      IsInvalidField(ParseTouchpointRuleParent("touchpoints/*", "parent").status(), "parent"));
  EXPECT_TRUE(IsInvalidField(ParseTouchpointRuleParent("touchpoints/1/rules/2", "parent").status(),
                             "parent"));
}

TEST(SurveyValidation, RatedInteractionMustBeAnInteractionName) {
  v1::RecordInteractionRequest request;
  v1::Interaction* interaction = request.mutable_interaction();
  interaction->set_customer("customers/1");
  interaction->set_channel("chat");
  interaction->set_kind(v1::SURVEY_RESPONSE);
  interaction->set_direction(v1::INBOUND);
  interaction->mutable_occur_time()->set_seconds(1700000000);
  interaction->set_source("survey-tool");
  interaction->set_external_id("r-1");
  interaction->mutable_survey()->set_metric(v1::CSAT);
  interaction->mutable_survey()->set_score(5);
  interaction->mutable_survey()->set_rated_interaction("interactions/9");
  const RequestLimits limits;
  EXPECT_TRUE(ValidateRequest(request, limits).ok());
  interaction->mutable_survey()->set_rated_interaction("customers/9");
  EXPECT_TRUE(
      IsInvalidField(ValidateRequest(request, limits), "interaction.survey.rated_interaction"));
}

}  // namespace
}  // namespace cxhub
