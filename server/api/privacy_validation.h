// Validation of cxhub.v1.PrivacyService requests (rules in request_validation.h). Each returns
// OK or INVALID_ARGUMENT naming the field.
#ifndef CXHUB_SERVER_API_PRIVACY_VALIDATION_H_
#define CXHUB_SERVER_API_PRIVACY_VALIDATION_H_

#include "absl/status/status.h"
#include "cxhub/v1/privacy.pb.h"
#include "server/api/request_limits.h"

namespace cxhub {

absl::Status ValidateRequest(const v1::EraseCustomerRequest& request, const RequestLimits& limits);
absl::Status ValidateRequest(const v1::EraseIdentityRequest& request, const RequestLimits& limits);
absl::Status ValidateRequest(const v1::ExportCustomerRequest& request, const RequestLimits& limits);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_PRIVACY_VALIDATION_H_
