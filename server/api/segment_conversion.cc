#include "server/api/segment_conversion.h"

#include <cstdint>
#include <optional>

#include "absl/status/statusor.h"
#include "cxhub/v1/segment.pb.h"
#include "server/api/analytics_conversion.h"
#include "server/api/interaction_conversion.h"
#include "server/api/proto_conversion.h"
#include "server/api/resource_names.h"
#include "server/core/model.h"
#include "server/core/persona_figures.h"
#include "server/core/segment_validation.h"

namespace cxhub {
namespace {

// The id of a touchpoint name that passed validation; 0 (no touchpoint) when empty.
TouchpointId TouchpointIdOf(const std::string& name) {
  if (name.empty()) return 0;
  absl::StatusOr<TouchpointId> id = ParseTouchpointName(name, "touchpoint");
  return id.ok() ? *id : 0;
}

std::string TouchpointNameOf(TouchpointId id) { return id == 0 ? "" : TouchpointName(id); }

// The scores an NPS group spans.
struct ScoreRange {
  int32_t min;
  int32_t max;
};

std::optional<ScoreRange> NpsGroupRange(v1::NpsGroup group) {
  switch (group) {
    case v1::NPS_GROUP_DETRACTOR:
      return ScoreRange{0, 6};
    case v1::NPS_GROUP_PASSIVE:
      return ScoreRange{7, 8};
    case v1::NPS_GROUP_PROMOTER:
      return ScoreRange{9, 10};
    default:
      return std::nullopt;
  }
}

void ScoreFromProto(const v1::ScoreCondition& score, SegmentCondition& condition) {
  condition.metric = SurveyMetricFromProto(score.metric()).value_or(SurveyMetric::kNps);
  condition.min_score = LowestScore(condition.metric);
  condition.max_score = HighestScore(condition.metric);
  if (std::optional<ScoreRange> range = NpsGroupRange(score.nps_group())) {
    condition.min_score = range->min;
    condition.max_score = range->max;
  }
  if (score.has_min_score()) condition.min_score = score.min_score();
  if (score.has_max_score()) condition.max_score = score.max_score();
  condition.within_days = static_cast<int32_t>(score.within_days());
}

std::optional<VisitIntent> VisitIntentFromProto(v1::VisitIntent intent) {
  switch (intent) {
    case v1::VISIT_INTENT_TRANSACTIONAL:
      return VisitIntent::kTransactional;
    case v1::VISIT_INTENT_INFORMATIONAL:
      return VisitIntent::kInformational;
    case v1::VISIT_INTENT_NONE:
      return VisitIntent::kNone;
    default:
      return std::nullopt;
  }
}

v1::VisitIntent VisitIntentToProto(VisitIntent intent) {
  switch (intent) {
    case VisitIntent::kTransactional:
      return v1::VISIT_INTENT_TRANSACTIONAL;
    case VisitIntent::kInformational:
      return v1::VISIT_INTENT_INFORMATIONAL;
    case VisitIntent::kNone:
      break;
  }
  return v1::VISIT_INTENT_NONE;
}

void CountFromProto(const v1::InteractionCountCondition& count, SegmentCondition& condition) {
  condition.interaction_kind = InteractionKindFromProto(count.kind());
  condition.channel = count.channel();
  condition.touchpoint_id = TouchpointIdOf(count.touchpoint());
  condition.direction = DirectionFromProto(count.direction());
  condition.visit_intent = VisitIntentFromProto(count.visit_intent());
  condition.comparison = count.comparison() == v1::COUNT_COMPARISON_AT_MOST
                             ? CountComparison::kAtMost
                             : CountComparison::kAtLeast;
  condition.count = count.count();
  condition.within_days = static_cast<int32_t>(count.within_days());
}

void CountToProto(const SegmentCondition& condition, v1::InteractionCountCondition* out) {
  if (condition.interaction_kind)
    out->set_kind(InteractionKindToProto(*condition.interaction_kind));
  out->set_channel(condition.channel);
  out->set_touchpoint(TouchpointNameOf(condition.touchpoint_id));
  if (condition.direction) out->set_direction(DirectionToProto(*condition.direction));
  if (condition.visit_intent) out->set_visit_intent(VisitIntentToProto(*condition.visit_intent));
  out->set_comparison(condition.comparison == CountComparison::kAtMost
                          ? v1::COUNT_COMPARISON_AT_MOST
                          : v1::COUNT_COMPARISON_AT_LEAST);
  out->set_count(condition.count);
  out->set_within_days(static_cast<uint32_t>(condition.within_days));
}

void ScoreToProto(const SegmentCondition& condition, v1::ScoreCondition* out) {
  out->set_metric(SurveyMetricToProto(condition.metric));
  out->set_min_score(condition.min_score);
  out->set_max_score(condition.max_score);
  out->set_within_days(static_cast<uint32_t>(condition.within_days));
}

void ConditionToProto(const SegmentCondition& condition, v1::SegmentCondition* out) {
  const auto days = static_cast<uint32_t>(condition.within_days);
  switch (condition.kind) {
    case SegmentConditionKind::kAttribute:
      out->mutable_attribute()->set_key(condition.attribute_key);
      out->mutable_attribute()->set_value(condition.attribute_value);
      return;
    case SegmentConditionKind::kChannel:
      out->mutable_channel()->set_channel(condition.channel);
      out->mutable_channel()->set_within_days(days);
      return;
    case SegmentConditionKind::kTouchpoint:
      out->mutable_touchpoint()->set_touchpoint(TouchpointNameOf(condition.touchpoint_id));
      out->mutable_touchpoint()->set_within_days(days);
      return;
    case SegmentConditionKind::kActivity:
      out->mutable_activity()->set_within_days(days);
      out->mutable_activity()->set_inactive(condition.inactive);
      return;
    case SegmentConditionKind::kInteractionCount:
      CountToProto(condition, out->mutable_interaction_count());
      return;
    case SegmentConditionKind::kScore:
      ScoreToProto(condition, out->mutable_score());
      return;
  }
}

}  // namespace

SegmentCondition SegmentConditionFromProto(const v1::SegmentCondition& proto) {
  SegmentCondition condition;
  switch (proto.condition_case()) {
    case v1::SegmentCondition::kAttribute:
      condition.kind = SegmentConditionKind::kAttribute;
      condition.attribute_key = proto.attribute().key();
      condition.attribute_value = proto.attribute().value();
      break;
    case v1::SegmentCondition::kChannel:
      condition.kind = SegmentConditionKind::kChannel;
      condition.channel = proto.channel().channel();
      condition.within_days = static_cast<int32_t>(proto.channel().within_days());
      break;
    case v1::SegmentCondition::kTouchpoint:
      condition.kind = SegmentConditionKind::kTouchpoint;
      condition.touchpoint_id = TouchpointIdOf(proto.touchpoint().touchpoint());
      condition.within_days = static_cast<int32_t>(proto.touchpoint().within_days());
      break;
    case v1::SegmentCondition::kActivity:
      condition.kind = SegmentConditionKind::kActivity;
      condition.within_days = static_cast<int32_t>(proto.activity().within_days());
      condition.inactive = proto.activity().inactive();
      break;
    case v1::SegmentCondition::kInteractionCount:
      condition.kind = SegmentConditionKind::kInteractionCount;
      CountFromProto(proto.interaction_count(), condition);
      break;
    case v1::SegmentCondition::kScore:
      condition.kind = SegmentConditionKind::kScore;
      ScoreFromProto(proto.score(), condition);
      break;
    default:
      break;
  }
  return condition;
}

Segment SegmentFromProto(const v1::Segment& proto) {
  Segment segment;
  segment.display_name = proto.display_name();
  segment.description = proto.description();
  for (const v1::SegmentCondition& condition : proto.conditions()) {
    segment.conditions.push_back(SegmentConditionFromProto(condition));
  }
  return segment;
}

void SegmentToProto(const Segment& segment, v1::Segment* out) {
  out->set_name(SegmentName(segment.id));
  out->set_display_name(segment.display_name);
  out->set_description(segment.description);
  for (const SegmentCondition& condition : segment.conditions) {
    ConditionToProto(condition, out->add_conditions());
  }
  TimeToProto(segment.create_time, out->mutable_create_time());
  TimeToProto(segment.update_time, out->mutable_update_time());
}

void PersonaToProto(const Persona& persona, v1::Persona* out) {
  out->set_segment(SegmentName(persona.segment.id));
  out->set_display_name(persona.segment.display_name);
  out->set_description(persona.segment.description);
  out->set_members(persona.members);
  int64_t interactions = 0;
  for (const ChannelUse& use : persona.channel_mix) interactions += use.interactions;
  for (const ChannelUse& use : persona.channel_mix) {
    v1::ChannelShare* share = out->add_channel_mix();
    share->set_channel(use.channel);
    share->set_interactions(use.interactions);
    share->set_customers(use.customers);
    share->set_interaction_percent(100.0 * static_cast<double>(use.interactions) /
                                   static_cast<double>(interactions));
  }
  if (persona.nps) SatisfactionFigureToProto(*persona.nps, out->mutable_nps());
  LifetimeValueReportToProto(persona.lifetime_value, out->mutable_lifetime_value());
}

}  // namespace cxhub
