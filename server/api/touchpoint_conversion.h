// Touchpoint <-> cxhub.v1.Touchpoint (see proto_conversion.h for the conventions).
#ifndef CXHUB_SERVER_API_TOUCHPOINT_CONVERSION_H_
#define CXHUB_SERVER_API_TOUCHPOINT_CONVERSION_H_

#include <optional>

#include "cxhub/v1/touchpoint.pb.h"
#include "server/core/model.h"

namespace cxhub {

v1::JourneyStage JourneyStageToProto(JourneyStage stage);
std::optional<JourneyStage> JourneyStageFromProto(int stage);

// display_name, description, stage, controlled, channels; the rest is output only.
Touchpoint TouchpointFromProto(const v1::Touchpoint& touchpoint);
void TouchpointToProto(const Touchpoint& touchpoint, v1::Touchpoint* out);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_TOUCHPOINT_CONVERSION_H_
