// Validation of cxhub.v1.TouchpointService requests (rules in request_validation.h). Each
// returns OK or INVALID_ARGUMENT naming the field.
#ifndef CXHUB_SERVER_API_TOUCHPOINT_VALIDATION_H_
#define CXHUB_SERVER_API_TOUCHPOINT_VALIDATION_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "cxhub/v1/touchpoint.pb.h"
#include "server/api/request_limits.h"

namespace cxhub {

absl::Status ValidateRequest(const v1::CreateTouchpointRequest& request,
                             const RequestLimits& limits);
absl::Status ValidateRequest(const v1::GetTouchpointRequest& request, const RequestLimits& limits);
// Also checks that page_token decodes.
absl::Status ValidateRequest(const v1::ListTouchpointsRequest& request,
                             const RequestLimits& limits);
// Fields named by the mask must be valid as on create; the others are checked for length only.
absl::Status ValidateRequest(const v1::UpdateTouchpointRequest& request,
                             const RequestLimits& limits);
absl::Status ValidateRequest(const v1::DeleteTouchpointRequest& request,
                             const RequestLimits& limits);

// A rule as given to create it, under `field` ("rule", "touchpoints[0].rules[1]"): its enums
// and identities well formed, then everything core requires of a rule
// (server/core/touchpoint_rule_validation.h).
absl::Status ValidateTouchpointRule(const v1::TouchpointRule& rule, absl::string_view field,
                                    const RequestLimits& limits);

absl::Status ValidateRequest(const v1::CreateTouchpointRuleRequest& request,
                             const RequestLimits& limits);
absl::Status ValidateRequest(const v1::GetTouchpointRuleRequest& request,
                             const RequestLimits& limits);
// Also checks that page_token decodes for this parent.
absl::Status ValidateRequest(const v1::ListTouchpointRulesRequest& request,
                             const RequestLimits& limits);
// The rule's enums and identities are checked here; the rule the mask makes is checked as a
// whole by core when it is applied.
absl::Status ValidateRequest(const v1::UpdateTouchpointRuleRequest& request,
                             const RequestLimits& limits);
absl::Status ValidateRequest(const v1::DeleteTouchpointRuleRequest& request,
                             const RequestLimits& limits);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_TOUCHPOINT_VALIDATION_H_
