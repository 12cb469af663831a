#include "server/api/segment_validation.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "cxhub/v1/segment.pb.h"
#include "server/api/field_errors.h"
#include "server/api/page_token.h"
#include "server/api/request_limits.h"
#include "server/api/request_validation.h"
#include "server/api/resource_names.h"
#include "server/api/segment_conversion.h"
#include "server/core/field_violation.h"
#include "server/core/segment_validation.h"
#include "server/core/status_macros.h"

namespace cxhub {
namespace {

// An enum where 0 means "any": checked only when set.
absl::Status ValidateOptionalEnum(int value, bool (*is_valid)(int), absl::string_view field) {
  return value == 0 ? absl::OkStatus() : ValidateEnum(value, is_valid, field);
}

absl::Status ValidateOptionalTouchpoint(const std::string& name, absl::string_view field) {
  return name.empty() ? absl::OkStatus() : ParseTouchpointName(name, field).status();
}

absl::Status ValidateCount(const v1::InteractionCountCondition& count, absl::string_view field) {
  CXHUB_RETURN_IF_ERROR(ValidateOptionalEnum(count.kind(), v1::InteractionKind_IsValid,
                                             absl::StrCat(field, ".kind")));
  CXHUB_RETURN_IF_ERROR(ValidateOptionalEnum(count.direction(), v1::Direction_IsValid,
                                             absl::StrCat(field, ".direction")));
  CXHUB_RETURN_IF_ERROR(ValidateOptionalEnum(count.visit_intent(), v1::VisitIntent_IsValid,
                                             absl::StrCat(field, ".visit_intent")));
  CXHUB_RETURN_IF_ERROR(ValidateEnum(count.comparison(), v1::CountComparison_IsValid,
                                     absl::StrCat(field, ".comparison")));
  if (!count.channel().empty()) {
    CXHUB_RETURN_IF_ERROR(ValidateChannelSlug(count.channel(), absl::StrCat(field, ".channel")));
  }
  return ValidateOptionalTouchpoint(count.touchpoint(), absl::StrCat(field, ".touchpoint"));
}

absl::Status ValidateScore(const v1::ScoreCondition& score, absl::string_view field) {
  CXHUB_RETURN_IF_ERROR(
      ValidateEnum(score.metric(), v1::SurveyMetric_IsValid, absl::StrCat(field, ".metric")));
  if (score.nps_group() == v1::NPS_GROUP_UNSPECIFIED) return absl::OkStatus();
  const std::string group = absl::StrCat(field, ".nps_group");
  CXHUB_RETURN_IF_ERROR(ValidateEnum(score.nps_group(), v1::NpsGroup_IsValid, group));
  if (score.metric() != v1::NPS) return InvalidFieldError(group, "only for metric NPS");
  if (score.has_min_score() || score.has_max_score()) {
    return InvalidFieldError(group, "set nps_group or min_score and max_score, not both");
  }
  return absl::OkStatus();
}

// What conversion needs well formed: the kind set, enums, names, slugs, lengths.
absl::Status ValidateConditionFields(const v1::SegmentCondition& condition, absl::string_view field,
                                     const RequestLimits& limits) {
  switch (condition.condition_case()) {
    case v1::SegmentCondition::kAttribute:
      return ValidateFieldLength(condition.attribute().key(), absl::StrCat(field, ".attribute.key"),
                                 limits);
    case v1::SegmentCondition::kChannel:
      return ValidateChannelSlug(condition.channel().channel(),
                                 absl::StrCat(field, ".channel.channel"));
    case v1::SegmentCondition::kTouchpoint:
      return ParseTouchpointName(condition.touchpoint().touchpoint(),
                                 absl::StrCat(field, ".touchpoint.touchpoint"))
          .status();
    case v1::SegmentCondition::kActivity:
      return absl::OkStatus();
    case v1::SegmentCondition::kInteractionCount:
      return ValidateCount(condition.interaction_count(),
                           absl::StrCat(field, ".interaction_count"));
    case v1::SegmentCondition::kScore:
      return ValidateScore(condition.score(), absl::StrCat(field, ".score"));
    default:
      return InvalidFieldError(field, "one kind of condition is required");
  }
}

absl::Status ValidateConditions(const v1::Segment& segment, const RequestLimits& limits) {
  for (int i = 0; i < segment.conditions_size(); ++i) {
    const std::string field = absl::StrCat("segment.conditions[", i, "]");
    CXHUB_RETURN_IF_ERROR(ValidateConditionFields(segment.conditions(i), field, limits));
    CXHUB_RETURN_IF_ERROR(
        ValidateSegmentCondition(SegmentConditionFromProto(segment.conditions(i)), field));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateRequest(const v1::CreateSegmentRequest& request, const RequestLimits& limits) {
  if (!request.has_segment()) return InvalidFieldError("segment", "required");
  const v1::Segment& segment = request.segment();
  CXHUB_RETURN_IF_ERROR(
      ValidateRequiredField(segment.display_name(), "segment.display_name", limits));
  CXHUB_RETURN_IF_ERROR(ValidateBodyLength(segment.description(), "segment.description", limits));
  CXHUB_RETURN_IF_ERROR(ValidateConditions(segment, limits));
  return ValidateSegment(SegmentFromProto(segment), "segment");
}

absl::Status ValidateRequest(const v1::GetSegmentRequest& request, const RequestLimits& limits) {
  return ParseSegmentName(request.name(), "name").status();
}

absl::Status ValidateRequest(const v1::ListSegmentsRequest& request, const RequestLimits& limits) {
  CXHUB_RETURN_IF_ERROR(ValidatePageSize(request.page_size(), limits));
  return DecodeSegmentPageToken(request.page_token()).status();
}

absl::Status ValidateRequest(const v1::UpdateSegmentRequest& request, const RequestLimits& limits) {
  if (!request.has_segment()) return InvalidFieldError("segment", "required");
  const v1::Segment& segment = request.segment();
  CXHUB_RETURN_IF_ERROR(ParseSegmentName(segment.name(), "segment.name").status());
  CXHUB_RETURN_IF_ERROR(
      ValidateUpdateMask(request.update_mask(), {"display_name", "description", "conditions"}));
  CXHUB_RETURN_IF_ERROR(
      ValidateFieldLength(segment.display_name(), "segment.display_name", limits));
  CXHUB_RETURN_IF_ERROR(ValidateBodyLength(segment.description(), "segment.description", limits));
  return ValidateConditions(segment, limits);
}

absl::Status ValidateRequest(const v1::DeleteSegmentRequest& request, const RequestLimits& limits) {
  return ParseSegmentName(request.name(), "name").status();
}

absl::Status ValidateRequest(const v1::ListSegmentMembersRequest& request,
                             const RequestLimits& limits) {
  CXHUB_ASSIGN_OR_RETURN(const SegmentId parent, ParseSegmentName(request.parent(), "parent"));
  CXHUB_RETURN_IF_ERROR(ValidatePageSize(request.page_size(), limits));
  return DecodeSegmentMemberPageToken(request.page_token(), parent).status();
}

absl::Status ValidateRequest(const v1::CountSegmentMembersRequest& request,
                             const RequestLimits& limits) {
  return ParseSegmentNameOrEvery(request.name(), "name").status();
}

absl::Status ValidateRequest(const v1::GetPersonaRequest& request, const RequestLimits& limits) {
  return ParseSegmentName(request.name(), "name").status();
}

}  // namespace cxhub
