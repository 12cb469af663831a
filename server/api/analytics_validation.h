// Validation of cxhub.v1.AnalyticsService requests (rules in request_validation.h). Each
// returns OK or INVALID_ARGUMENT naming the field. What needs the range as a whole (a quarter
// hour, an end before the start, the length of a series) is core's to judge.
#ifndef CXHUB_SERVER_API_ANALYTICS_VALIDATION_H_
#define CXHUB_SERVER_API_ANALYTICS_VALIDATION_H_

#include "absl/status/status.h"
#include "cxhub/v1/analytics.pb.h"
#include "server/api/request_limits.h"

namespace cxhub {

absl::Status ValidateRequest(const v1::GetSatisfactionRequest& request,
                             const RequestLimits& limits);
absl::Status ValidateRequest(const v1::GetRetentionRequest& request, const RequestLimits& limits);
absl::Status ValidateRequest(const v1::GetLifetimeValueRequest& request,
                             const RequestLimits& limits);
// Also "breakdown_size" (0 to kMaxVisitBreakdownSize).
absl::Status ValidateRequest(const v1::GetVisitorIntentRequest& request,
                             const RequestLimits& limits);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_ANALYTICS_VALIDATION_H_
