#include "server/core/touchpoint_rule_validation.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/field_violation.h"

namespace cxhub {
namespace {

// The field a rule's violation names, "" when the rule is valid.
std::string ViolatedField(const TouchpointRule& rule) {
  const absl::Status status = ValidateTouchpointRule(rule, "rule", RecordLimits());
  if (status.ok()) return "";
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  const std::optional<FieldViolation> violation = FieldViolationOf(status);
  return violation.has_value() ? violation->field : "not a field violation";
}

TouchpointRule EmailRule() {
  TouchpointRule rule;
  rule.channels = {"email"};
  return rule;
}

TEST(ValidateTouchpointRule, AcceptsARuleWithOneCriterion) {
  EXPECT_EQ(ViolatedField(EmailRule()), "");
  TouchpointRule words;
  words.words = {"devolução", "track my order"};
  EXPECT_EQ(ViolatedField(words), "");
}

TEST(ValidateTouchpointRule, RefusesARuleWithoutCriterion) {
  TouchpointRule rule;
  rule.description = "matches everything";
  EXPECT_EQ(ViolatedField(rule), "rule");
}

TEST(ValidateTouchpointRule, NamesABadChannel) {
  TouchpointRule rule = EmailRule();
  rule.channels.push_back("E-mail");
  EXPECT_EQ(ViolatedField(rule), "rule.channels[1]");
  rule.channels = {"email", "email"};
  EXPECT_EQ(ViolatedField(rule), "rule.channels[1]");
}

TEST(ValidateTouchpointRule, NamesWordsWithNothingLeftAfterFolding) {
  TouchpointRule rule = EmailRule();
  rule.words = {"?!", "ok"};
  EXPECT_EQ(ViolatedField(rule), "rule.words[0]");
  rule.words = {"ok", ""};
  EXPECT_EQ(ViolatedField(rule), "rule.words[1]");
}

TEST(ValidateTouchpointRule, NamesEmptySourcesTagsAndContactedValues) {
  TouchpointRule rule = EmailRule();
  rule.sources = {""};
  EXPECT_EQ(ViolatedField(rule), "rule.sources[0]");
  rule = EmailRule();
  rule.survey_touchpoint_tags = {"checkout", ""};
  EXPECT_EQ(ViolatedField(rule), "rule.survey_touchpoint_tags[1]");
  rule = EmailRule();
  rule.contacted = {{IdentityKind::kEmail, "   "}};
  EXPECT_EQ(ViolatedField(rule), "rule.contacted[0].value");
  rule.contacted = {{static_cast<IdentityKind>(9), "x"}};
  EXPECT_EQ(ViolatedField(rule), "rule.contacted[0].kind");
}

TEST(ValidateTouchpointRule, NamesUnknownKindsAndEmptyAttributeKeys) {
  TouchpointRule rule = EmailRule();
  rule.kinds = {InteractionKind::kCall, static_cast<InteractionKind>(0)};
  EXPECT_EQ(ViolatedField(rule), "rule.kinds[1]");
  rule = EmailRule();
  rule.attributes = {{"", "x"}};
  EXPECT_THAT(ViolatedField(rule), testing::StartsWith("rule.attributes"));
}

}  // namespace
}  // namespace cxhub
