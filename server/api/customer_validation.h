// Validation of cxhub.v1.CustomerService requests (rules in request_validation.h). Each returns
// OK or INVALID_ARGUMENT naming the field.
#ifndef CXHUB_SERVER_API_CUSTOMER_VALIDATION_H_
#define CXHUB_SERVER_API_CUSTOMER_VALIDATION_H_

#include "absl/status/status.h"
#include "cxhub/v1/customer.pb.h"
#include "server/api/request_limits.h"

namespace cxhub {

absl::Status ValidateRequest(const v1::CreateCustomerRequest& request, const RequestLimits& limits);
absl::Status ValidateRequest(const v1::GetCustomerRequest& request, const RequestLimits& limits);
// Also checks that page_token decodes.
absl::Status ValidateRequest(const v1::ListCustomersRequest& request, const RequestLimits& limits);
absl::Status ValidateRequest(const v1::UpdateCustomerRequest& request, const RequestLimits& limits);
absl::Status ValidateRequest(const v1::DeleteCustomerRequest& request, const RequestLimits& limits);
absl::Status ValidateRequest(const v1::LookupCustomerRequest& request, const RequestLimits& limits);
absl::Status ValidateRequest(const v1::AddIdentityRequest& request, const RequestLimits& limits);
absl::Status ValidateRequest(const v1::RemoveIdentityRequest& request, const RequestLimits& limits);
absl::Status ValidateRequest(const v1::MergeCustomersRequest& request, const RequestLimits& limits);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_CUSTOMER_VALIDATION_H_
