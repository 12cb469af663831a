#include "server/api/customer_validation.h"

#include "server/api/field_errors.h"
#include "server/api/page_token.h"
#include "server/api/request_validation.h"
#include "server/api/resource_names.h"

namespace cxhub {
namespace {

absl::Status ValidateCustomerFields(const v1::Customer& customer, const RequestLimits& limits) {
  return FirstError({
      ValidateFieldLength(customer.display_name(), "customer.display_name", limits),
      ValidateAttributes(customer.attributes(), "customer.attributes", limits),
  });
}

absl::Status ValidateNamedIdentity(const std::string& name, bool has_identity,
                                   const v1::Identity& identity, const RequestLimits& limits) {
  return FirstError({
      ParseCustomerName(name, "name").status(),
      has_identity ? ValidateIdentity(identity, "identity", limits)
                   : InvalidFieldError("identity", "required"),
  });
}

}  // namespace

absl::Status ValidateRequest(const v1::CreateCustomerRequest& request,
                             const RequestLimits& limits) {
  if (!request.has_customer()) return InvalidFieldError("customer", "required");
  return FirstError({
      ValidateCustomerFields(request.customer(), limits),
      ValidateIdentities(request.customer().identities(), "customer.identities", limits),
  });
}

absl::Status ValidateRequest(const v1::GetCustomerRequest& request, const RequestLimits& limits) {
  return ParseCustomerName(request.name(), "name").status();
}

absl::Status ValidateRequest(const v1::ListCustomersRequest& request, const RequestLimits& limits) {
  return FirstError({
      ValidatePageSize(request.page_size(), limits),
      DecodeCustomerPageToken(request.page_token()).status(),
  });
}

absl::Status ValidateRequest(const v1::UpdateCustomerRequest& request,
                             const RequestLimits& limits) {
  if (!request.has_customer()) return InvalidFieldError("customer", "required");
  return FirstError({
      ParseCustomerName(request.customer().name(), "customer.name").status(),
      ValidateUpdateMask(request.update_mask(), {"display_name", "attributes"}),
      ValidateCustomerFields(request.customer(), limits),
  });
}

absl::Status ValidateRequest(const v1::DeleteCustomerRequest& request,
                             const RequestLimits& limits) {
  return ParseCustomerName(request.name(), "name").status();
}

absl::Status ValidateRequest(const v1::LookupCustomerRequest& request,
                             const RequestLimits& limits) {
  if (!request.has_identity()) return InvalidFieldError("identity", "required");
  return ValidateIdentity(request.identity(), "identity", limits);
}

absl::Status ValidateRequest(const v1::AddIdentityRequest& request, const RequestLimits& limits) {
  return ValidateNamedIdentity(request.name(), request.has_identity(), request.identity(), limits);
}

absl::Status ValidateRequest(const v1::RemoveIdentityRequest& request,
                             const RequestLimits& limits) {
  return ValidateNamedIdentity(request.name(), request.has_identity(), request.identity(), limits);
}

absl::Status ValidateRequest(const v1::MergeCustomersRequest& request,
                             const RequestLimits& limits) {
  return FirstError({
      ParseCustomerName(request.name(), "name").status(),
      ParseCustomerName(request.merged_customer(), "merged_customer").status(),
      request.name() == request.merged_customer()
          ? InvalidFieldError("merged_customer", "must name a customer other than name")
          : absl::OkStatus(),
  });
}

}  // namespace cxhub
