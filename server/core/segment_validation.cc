#include "server/core/segment_validation.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "server/core/field_violation.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"

namespace cxhub {
namespace {

absl::Status CheckWindow(const SegmentCondition& condition, absl::string_view field,
                         bool required) {
  const std::string path = absl::StrCat(field, ".within_days");
  if (required && condition.within_days <= 0) return InvalidFieldError(path, "required");
  if (condition.within_days < 0 || condition.within_days > kMaxSegmentWindowDays) {
    return InvalidFieldError(path, absl::StrCat("must be 0 to ", kMaxSegmentWindowDays));
  }
  return absl::OkStatus();
}

absl::Status CheckScore(const SegmentCondition& condition, absl::string_view field) {
  const int low = LowestScore(condition.metric);
  const int high = HighestScore(condition.metric);
  if (condition.min_score < low || condition.min_score > high) {
    return InvalidFieldError(absl::StrCat(field, ".min_score"),
                             absl::StrCat("must be ", low, " to ", high));
  }
  if (condition.max_score < condition.min_score || condition.max_score > high) {
    return InvalidFieldError(absl::StrCat(field, ".max_score"),
                             absl::StrCat("must be min_score to ", high));
  }
  return CheckWindow(condition, field, /*required=*/false);
}

}  // namespace

int LowestScore(SurveyMetric metric) { return metric == SurveyMetric::kNps ? 0 : 1; }
int HighestScore(SurveyMetric metric) {
  switch (metric) {
    case SurveyMetric::kNps:
      return 10;
    case SurveyMetric::kCsat:
      return 5;
    case SurveyMetric::kCes:
      return 7;
  }
  return 10;
}

absl::Status ValidateSegmentCondition(const SegmentCondition& condition, absl::string_view field) {
  switch (condition.kind) {
    case SegmentConditionKind::kAttribute:
      if (condition.attribute_key.empty()) {
        return InvalidFieldError(absl::StrCat(field, ".attribute.key"), "required");
      }
      return absl::OkStatus();
    case SegmentConditionKind::kChannel:
      if (condition.channel.empty()) {
        return InvalidFieldError(absl::StrCat(field, ".channel.channel"), "required");
      }
      return CheckWindow(condition, absl::StrCat(field, ".channel"), /*required=*/false);
    case SegmentConditionKind::kTouchpoint:
      if (condition.touchpoint_id <= 0) {
        return InvalidFieldError(absl::StrCat(field, ".touchpoint.touchpoint"), "required");
      }
      return CheckWindow(condition, absl::StrCat(field, ".touchpoint"), /*required=*/false);
    case SegmentConditionKind::kActivity:
      return CheckWindow(condition, absl::StrCat(field, ".activity"), /*required=*/true);
    case SegmentConditionKind::kInteractionCount:
      if (condition.count < 0) {
        return InvalidFieldError(absl::StrCat(field, ".interaction_count.count"),
                                 "must be 0 or more");
      }
      if (condition.visit_intent.has_value() && condition.interaction_kind.has_value() &&
          *condition.interaction_kind != InteractionKind::kVisit) {
        return InvalidFieldError(absl::StrCat(field, ".interaction_count.visit_intent"),
                                 "only counts visits: kind must be unspecified or VISIT");
      }
      return CheckWindow(condition, absl::StrCat(field, ".interaction_count"), false);
    case SegmentConditionKind::kScore:
      return CheckScore(condition, absl::StrCat(field, ".score"));
  }
  return InvalidFieldError(field, "unknown kind of condition");
}

absl::Status ValidateSegment(const Segment& segment, absl::string_view field) {
  if (segment.display_name.empty()) {
    return InvalidFieldError(absl::StrCat(field, ".display_name"), "required");
  }
  if (segment.conditions.size() > kMaxSegmentConditions) {
    return InvalidFieldError(absl::StrCat(field, ".conditions"),
                             absl::StrCat("at most ", kMaxSegmentConditions));
  }
  for (size_t i = 0; i < segment.conditions.size(); ++i) {
    CXHUB_RETURN_IF_ERROR(ValidateSegmentCondition(segment.conditions[i],
                                                   absl::StrCat(field, ".conditions[", i, "]")));
  }
  return absl::OkStatus();
}

}  // namespace cxhub
