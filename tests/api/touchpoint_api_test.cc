// Validation and conversion of TouchpointService messages.
#include <string>

#include "gtest/gtest.h"
#include "server/api/page_token.h"
#include "server/api/touchpoint_conversion.h"
#include "server/api/touchpoint_validation.h"
#include "tests/api/field_error_matchers.h"

namespace cxhub {
namespace {

v1::CreateTouchpointRequest ValidCreate() {
  v1::CreateTouchpointRequest request;
  v1::Touchpoint* touchpoint = request.mutable_touchpoint();
  touchpoint->set_display_name("Request support");
  touchpoint->set_description("I ask for help with my order");
  touchpoint->set_stage(v1::JOURNEY_STAGE_SERVICE);
  touchpoint->set_controlled(true);
  touchpoint->add_channels("email");
  touchpoint->add_channels("chat");
  return request;
}

v1::UpdateTouchpointRequest ValidUpdate() {
  v1::UpdateTouchpointRequest request;
  request.mutable_touchpoint()->set_name("touchpoints/4");
  request.mutable_touchpoint()->set_description("new");
  request.mutable_update_mask()->add_paths("description");
  return request;
}

class TouchpointRequestValidation : public testing::Test {
 protected:
  RequestLimits limits_;
};

TEST_F(TouchpointRequestValidation, AcceptsAWellFormedCreate) {
  EXPECT_TRUE(ValidateRequest(ValidCreate(), limits_).ok());
}

TEST_F(TouchpointRequestValidation, TouchpointIsRequired) {
  EXPECT_TRUE(
      IsInvalidField(ValidateRequest(v1::CreateTouchpointRequest(), limits_), "touchpoint"));
  EXPECT_TRUE(
      IsInvalidField(ValidateRequest(v1::UpdateTouchpointRequest(), limits_), "touchpoint"));
}

TEST_F(TouchpointRequestValidation, DisplayNameIsRequiredOnCreate) {
  v1::CreateTouchpointRequest request = ValidCreate();
  request.mutable_touchpoint()->clear_display_name();
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "touchpoint.display_name"));
}

TEST_F(TouchpointRequestValidation, StageIsRequiredOnCreate) {
  v1::CreateTouchpointRequest request = ValidCreate();
  request.mutable_touchpoint()->clear_stage();
  absl::Status status = ValidateRequest(request, limits_);
  EXPECT_EQ(status.message(), "touchpoint.stage: required");
}

TEST_F(TouchpointRequestValidation, UnknownStageIsRejected) {
  v1::CreateTouchpointRequest request = ValidCreate();
  request.mutable_touchpoint()->set_stage(static_cast<v1::JourneyStage>(9));
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "touchpoint.stage"));
}

TEST_F(TouchpointRequestValidation, ChannelMustBeASlug) {
  v1::CreateTouchpointRequest request = ValidCreate();
  request.mutable_touchpoint()->add_channels("Live Chat");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "touchpoint.channels[2]"));
}

TEST_F(TouchpointRequestValidation, DuplicateChannelIsRejected) {
  v1::CreateTouchpointRequest request = ValidCreate();
  request.mutable_touchpoint()->add_channels("email");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "touchpoint.channels[2]"));
}

TEST_F(TouchpointRequestValidation, TooManyChannelsAreRejected) {
  limits_.max_channels = 1;
  EXPECT_TRUE(IsInvalidField(ValidateRequest(ValidCreate(), limits_), "touchpoint.channels"));
}

TEST_F(TouchpointRequestValidation, OverLongDescriptionIsRejectedAgainstTheBodyLimit) {
  limits_.max_body_bytes = 5;
  EXPECT_TRUE(IsInvalidField(ValidateRequest(ValidCreate(), limits_), "touchpoint.description"));
}

TEST_F(TouchpointRequestValidation, NamesAreChecked) {
  v1::GetTouchpointRequest get;
  EXPECT_TRUE(IsInvalidField(ValidateRequest(get, limits_), "name"));
  get.set_name("customers/1");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(get, limits_), "name"));
  get.set_name("touchpoints/1");
  EXPECT_TRUE(ValidateRequest(get, limits_).ok());
  v1::DeleteTouchpointRequest del;
  del.set_name("touchpoints/abc");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(del, limits_), "name"));
}

TEST_F(TouchpointRequestValidation, ListChecksPageSizeAndToken) {
  v1::ListTouchpointsRequest request;
  request.set_page_size(1001);
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "page_size"));
  request.set_page_size(10);
  request.set_page_token(EncodeCustomerPageToken(3));
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "page_token"));
  request.set_page_token(EncodeTouchpointPageToken(3));
  EXPECT_TRUE(ValidateRequest(request, limits_).ok());
}

TEST_F(TouchpointRequestValidation, UpdateAcceptsAPartialTouchpoint) {
  EXPECT_TRUE(ValidateRequest(ValidUpdate(), limits_).ok());
}

TEST_F(TouchpointRequestValidation, UpdateNeedsAName) {
  v1::UpdateTouchpointRequest request = ValidUpdate();
  request.mutable_touchpoint()->clear_name();
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "touchpoint.name"));
}

TEST_F(TouchpointRequestValidation, UpdateMaskMustBeNonEmptyAndKnown) {
  v1::UpdateTouchpointRequest request = ValidUpdate();
  request.clear_update_mask();
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "update_mask"));
  request.mutable_update_mask()->add_paths("create_time");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "update_mask.paths[0]"));
}

TEST_F(TouchpointRequestValidation, MaskedFieldsMustBeValidAsOnCreate) {
  v1::UpdateTouchpointRequest request = ValidUpdate();
  request.mutable_update_mask()->add_paths("stage");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "touchpoint.stage"));
  request.mutable_touchpoint()->set_stage(v1::JOURNEY_STAGE_LOYALTY);
  request.mutable_update_mask()->add_paths("display_name");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "touchpoint.display_name"));
}

TEST(TouchpointConversion, StagesRoundTripAndUnspecifiedIsRejected) {
  for (JourneyStage stage :
       {JourneyStage::kAwareness, JourneyStage::kConsideration, JourneyStage::kPurchase,
        JourneyStage::kService, JourneyStage::kLoyalty}) {
    EXPECT_EQ(JourneyStageFromProto(JourneyStageToProto(stage)), stage);
  }
  EXPECT_EQ(JourneyStageFromProto(v1::JOURNEY_STAGE_UNSPECIFIED), std::nullopt);
  EXPECT_EQ(JourneyStageFromProto(6), std::nullopt);
  EXPECT_EQ(JourneyStageFromProto(-1), std::nullopt);
}

TEST(TouchpointConversion, RoundTrips) {
  Touchpoint touchpoint;
  touchpoint.id = 4;
  touchpoint.display_name = "Renew";
  touchpoint.description = "I renew my plan";
  touchpoint.stage = JourneyStage::kLoyalty;
  touchpoint.controlled = true;
  touchpoint.channels = {"web", "email"};
  touchpoint.create_time = absl::FromUnixSeconds(1700000000) + absl::Microseconds(5);
  touchpoint.update_time = absl::FromUnixSeconds(1700000100);

  v1::Touchpoint proto;
  TouchpointToProto(touchpoint, &proto);
  EXPECT_EQ(proto.name(), "touchpoints/4");
  EXPECT_EQ(proto.stage(), v1::JOURNEY_STAGE_LOYALTY);
  EXPECT_EQ(proto.create_time().nanos(), 5000);

  const Touchpoint back = TouchpointFromProto(proto);
  EXPECT_EQ(back.id, 0) << "name is output only";
  EXPECT_EQ(back.display_name, touchpoint.display_name);
  EXPECT_EQ(back.description, touchpoint.description);
  EXPECT_EQ(back.stage, touchpoint.stage);
  EXPECT_EQ(back.controlled, touchpoint.controlled);
  EXPECT_EQ(back.channels, touchpoint.channels);
}

v1::CreateTouchpointRuleRequest ValidCreateRule() {
  v1::CreateTouchpointRuleRequest request;
  request.set_parent("touchpoints/3");
  v1::TouchpointRule* rule = request.mutable_rule();
  rule->set_priority(10);
  rule->add_channels("email");
  v1::Identity* contacted = rule->add_contacted();
  contacted->set_kind(v1::EMAIL);
  contacted->set_value("orders@northwind.example");
  rule->add_words("devolução");
  rule->add_kinds(v1::MESSAGE);
  return request;
}

TEST_F(TouchpointRequestValidation, AcceptsAWellFormedRule) {
  EXPECT_TRUE(ValidateRequest(ValidCreateRule(), limits_).ok());
}

TEST_F(TouchpointRequestValidation, RuleErrorsNameTheField) {
  v1::CreateTouchpointRuleRequest request = ValidCreateRule();
  request.set_parent("touchpoints/-");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "parent"));
  request = ValidCreateRule();
  request.clear_rule();
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "rule"));
  request = ValidCreateRule();
  request.mutable_rule()->mutable_contacted(0)->set_kind(v1::IDENTITY_KIND_UNSPECIFIED);
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "rule.contacted[0].kind"));
  request = ValidCreateRule();
  request.mutable_rule()->add_kinds(static_cast<v1::InteractionKind>(99));
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "rule.kinds[1]"));
  request = ValidCreateRule();
  request.mutable_rule()->add_words("  ...  ");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "rule.words[1]"));
  request = ValidCreateRule();
  request.mutable_rule()->add_channels("E-mail");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "rule.channels[1]"));
}

TEST_F(TouchpointRequestValidation, RuleListParentMayBeEveryTouchpoint) {
  v1::ListTouchpointRulesRequest list;
  list.set_parent("touchpoints/-");
  EXPECT_TRUE(ValidateRequest(list, limits_).ok());
  list.set_parent("touchpoints/*");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(list, limits_), "parent"));
  v1::GetTouchpointRuleRequest get;
  get.set_name("touchpoints/3/rules/0");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(get, limits_), "name"));
}

}  // namespace
}  // namespace cxhub
