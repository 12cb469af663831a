#include "server/api/privacy_validation.h"

#include "server/api/request_validation.h"
#include "server/api/resource_names.h"
#include "server/core/field_violation.h"

namespace cxhub {

absl::Status ValidateRequest(const v1::EraseCustomerRequest& request, const RequestLimits& limits) {
  return ParseCustomerName(request.name(), "name").status();
}

absl::Status ValidateRequest(const v1::EraseIdentityRequest& request, const RequestLimits& limits) {
  if (!request.has_identity()) return InvalidFieldError("identity", "required");
  return ValidateIdentity(request.identity(), "identity", limits);
}

absl::Status ValidateRequest(const v1::ExportCustomerRequest& request,
                             const RequestLimits& limits) {
  return ParseCustomerName(request.name(), "name").status();
}

}  // namespace cxhub
