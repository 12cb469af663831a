#include "server/api/touchpoint_conversion.h"

#include <string>

#include "server/api/proto_conversion.h"
#include "server/api/resource_names.h"

namespace cxhub {

// The model numbers its enums as the protos do; conversions rely on it.
static_assert(static_cast<int>(JourneyStage::kAwareness) == v1::JOURNEY_STAGE_AWARENESS);
static_assert(static_cast<int>(JourneyStage::kConsideration) == v1::JOURNEY_STAGE_CONSIDERATION);
static_assert(static_cast<int>(JourneyStage::kPurchase) == v1::JOURNEY_STAGE_PURCHASE);
static_assert(static_cast<int>(JourneyStage::kService) == v1::JOURNEY_STAGE_SERVICE);
static_assert(static_cast<int>(JourneyStage::kLoyalty) == v1::JOURNEY_STAGE_LOYALTY);

v1::JourneyStage JourneyStageToProto(JourneyStage stage) {
  return static_cast<v1::JourneyStage>(static_cast<int>(stage));
}

std::optional<JourneyStage> JourneyStageFromProto(int stage) {
  if (stage == v1::JOURNEY_STAGE_UNSPECIFIED || !v1::JourneyStage_IsValid(stage)) {
    return std::nullopt;
  }
  return static_cast<JourneyStage>(stage);
}

Touchpoint TouchpointFromProto(const v1::Touchpoint& touchpoint) {
  Touchpoint result;
  result.display_name = touchpoint.display_name();
  result.description = touchpoint.description();
  result.stage = JourneyStageFromProto(touchpoint.stage()).value_or(JourneyStage::kService);
  result.controlled = touchpoint.controlled();
  result.channels.assign(touchpoint.channels().begin(), touchpoint.channels().end());
  return result;
}

void TouchpointToProto(const Touchpoint& touchpoint, v1::Touchpoint* out) {
  out->Clear();
  out->set_name(TouchpointName(touchpoint.id));
  out->set_display_name(touchpoint.display_name);
  out->set_description(touchpoint.description);
  out->set_stage(JourneyStageToProto(touchpoint.stage));
  out->set_controlled(touchpoint.controlled);
  for (const std::string& channel : touchpoint.channels) out->add_channels(channel);
  TimeToProto(touchpoint.create_time, out->mutable_create_time());
  TimeToProto(touchpoint.update_time, out->mutable_update_time());
}

}  // namespace cxhub
