// AnalyticsService.GetJourneyMap messages (cxhub/v1/journey.proto) <-> core's journey maps
// (server/core/journey_map.h, journey_maps.h).
#ifndef CXHUB_SERVER_API_JOURNEY_CONVERSION_H_
#define CXHUB_SERVER_API_JOURNEY_CONVERSION_H_

#include "cxhub/v1/journey.pb.h"
#include "server/core/journey_map.h"
#include "server/core/journey_maps.h"

namespace cxhub {

// `request` must have passed ValidateRequest (journey_validation.h).
JourneyMapQuery JourneyMapQueryFromProto(const v1::GetJourneyMapRequest& request);

void JourneyMapToProto(const JourneyMap& map, v1::JourneyMap* out);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_JOURNEY_CONVERSION_H_
