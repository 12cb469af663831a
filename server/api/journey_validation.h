// Validation of AnalyticsService.GetJourneyMap requests (rules in request_validation.h):
// OK or INVALID_ARGUMENT naming the field. An end not after the start is core's to judge.
#ifndef CXHUB_SERVER_API_JOURNEY_VALIDATION_H_
#define CXHUB_SERVER_API_JOURNEY_VALIDATION_H_

#include "absl/status/status.h"
#include "cxhub/v1/journey.pb.h"

namespace cxhub {

// UNIMPLEMENTED for a segment filter, which needs SegmentService.
absl::Status ValidateRequest(const v1::GetJourneyMapRequest& request);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_JOURNEY_VALIDATION_H_
