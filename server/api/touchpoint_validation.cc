#include "server/api/touchpoint_validation.h"

#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "server/api/field_errors.h"
#include "server/api/page_token.h"
#include "server/api/request_validation.h"
#include "server/api/resource_names.h"
#include "server/api/touchpoint_rule_conversion.h"
#include "server/core/status_macros.h"
#include "server/core/touchpoint_rule_validation.h"

namespace cxhub {
namespace {

absl::Status ValidateChannels(const v1::Touchpoint& touchpoint, const RequestLimits& limits) {
  if (touchpoint.channels_size() > limits.max_channels) {
    return InvalidFieldError("touchpoint.channels",
                             absl::StrCat("at most ", limits.max_channels, " channels, got ",
                                          touchpoint.channels_size()));
  }
  std::set<std::string> seen;
  for (int i = 0; i < touchpoint.channels_size(); ++i) {
    const std::string field = absl::StrCat("touchpoint.channels[", i, "]");
    const std::string& channel = touchpoint.channels(i);
    if (absl::Status status = ValidateChannelSlug(channel, field); !status.ok()) return status;
    if (!seen.insert(channel).second) {
      return InvalidFieldError(field, absl::StrCat("duplicate channel ", QuoteValue(channel)));
    }
  }
  return absl::OkStatus();
}

// Fields marked required must be set; the others are checked when set.
absl::Status ValidateTouchpoint(const v1::Touchpoint& touchpoint, bool display_name_required,
                                bool stage_required, const RequestLimits& limits) {
  return FirstError({
      display_name_required
          ? ValidateRequiredField(touchpoint.display_name(), "touchpoint.display_name", limits)
          : ValidateFieldLength(touchpoint.display_name(), "touchpoint.display_name", limits),
      ValidateBodyLength(touchpoint.description(), "touchpoint.description", limits),
      stage_required || touchpoint.stage() != v1::JOURNEY_STAGE_UNSPECIFIED
          ? ValidateEnum(touchpoint.stage(), v1::JourneyStage_IsValid, "touchpoint.stage")
          : absl::OkStatus(),
      ValidateChannels(touchpoint, limits),
  });
}

bool MaskNames(const google::protobuf::FieldMask& mask, absl::string_view path) {
  for (const std::string& candidate : mask.paths()) {
    if (candidate == path) return true;
  }
  return false;
}

// The fields of a rule that must be well formed to be converted: identities and enums.
absl::Status ValidateRuleFields(const v1::TouchpointRule& rule, absl::string_view field,
                                const RequestLimits& limits) {
  CXHUB_RETURN_IF_ERROR(
      ValidateIdentities(rule.contacted(), absl::StrCat(field, ".contacted"), limits));
  for (int i = 0; i < rule.kinds_size(); ++i) {
    CXHUB_RETURN_IF_ERROR(ValidateEnum(rule.kinds(i), v1::InteractionKind_IsValid,
                                       absl::StrCat(field, ".kinds[", i, "]")));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateTouchpointRule(const v1::TouchpointRule& rule, absl::string_view field,
                                    const RequestLimits& limits) {
  CXHUB_RETURN_IF_ERROR(ValidateRuleFields(rule, field, limits));
  return ValidateTouchpointRule(TouchpointRuleFromProto(rule), field, limits);
}

absl::Status ValidateRequest(const v1::CreateTouchpointRuleRequest& request,
                             const RequestLimits& limits) {
  CXHUB_RETURN_IF_ERROR(ParseTouchpointName(request.parent(), "parent").status());
  if (!request.has_rule()) return InvalidFieldError("rule", "required");
  return ValidateTouchpointRule(request.rule(), "rule", limits);
}

absl::Status ValidateRequest(const v1::GetTouchpointRuleRequest& request,
                             const RequestLimits& limits) {
  return ParseTouchpointRuleName(request.name(), "name").status();
}

absl::Status ValidateRequest(const v1::ListTouchpointRulesRequest& request,
                             const RequestLimits& limits) {
  CXHUB_ASSIGN_OR_RETURN(const TouchpointId parent,
                         ParseTouchpointRuleParent(request.parent(), "parent"));
  CXHUB_RETURN_IF_ERROR(ValidatePageSize(request.page_size(), limits));
  return DecodeTouchpointRulePageToken(request.page_token(), parent).status();
}

absl::Status ValidateRequest(const v1::UpdateTouchpointRuleRequest& request,
                             const RequestLimits& limits) {
  if (!request.has_rule()) return InvalidFieldError("rule", "required");
  CXHUB_RETURN_IF_ERROR(ParseTouchpointRuleName(request.rule().name(), "rule.name").status());
  CXHUB_RETURN_IF_ERROR(ValidateUpdateMask(
      request.update_mask(), {"priority", "description", "channels", "sources", "contacted",
                              "words", "attributes", "survey_touchpoint_tags", "kinds"}));
  return ValidateRuleFields(request.rule(), "rule", limits);
}

absl::Status ValidateRequest(const v1::DeleteTouchpointRuleRequest& request,
                             const RequestLimits& limits) {
  return ParseTouchpointRuleName(request.name(), "name").status();
}

absl::Status ValidateRequest(const v1::CreateTouchpointRequest& request,
                             const RequestLimits& limits) {
  if (!request.has_touchpoint()) return InvalidFieldError("touchpoint", "required");
  return ValidateTouchpoint(request.touchpoint(), /*display_name_required=*/true,
                            /*stage_required=*/true, limits);
}

absl::Status ValidateRequest(const v1::GetTouchpointRequest& request, const RequestLimits& limits) {
  return ParseTouchpointName(request.name(), "name").status();
}

absl::Status ValidateRequest(const v1::ListTouchpointsRequest& request,
                             const RequestLimits& limits) {
  return FirstError({
      ValidatePageSize(request.page_size(), limits),
      DecodeTouchpointPageToken(request.page_token()).status(),
  });
}

absl::Status ValidateRequest(const v1::UpdateTouchpointRequest& request,
                             const RequestLimits& limits) {
  if (!request.has_touchpoint()) return InvalidFieldError("touchpoint", "required");
  const google::protobuf::FieldMask& mask = request.update_mask();
  return FirstError({
      ParseTouchpointName(request.touchpoint().name(), "touchpoint.name").status(),
      ValidateUpdateMask(mask, {"display_name", "description", "stage", "controlled", "channels"}),
      ValidateTouchpoint(request.touchpoint(), MaskNames(mask, "display_name"),
                         MaskNames(mask, "stage"), limits),
  });
}

absl::Status ValidateRequest(const v1::DeleteTouchpointRequest& request,
                             const RequestLimits& limits) {
  return ParseTouchpointName(request.name(), "name").status();
}

}  // namespace cxhub
