#include "server/api/customer_service.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "server/api/current_caller.h"
#include "server/api/customer_validation.h"
#include "server/api/field_errors.h"
#include "server/api/list_page_bytes.h"
#include "server/api/page_token.h"
#include "server/api/proto_conversion.h"
#include "server/api/request_validation.h"
#include "server/api/resource_names.h"
#include "server/api/status_mapping.h"

namespace cxhub {
namespace {

// The id of a name that passed validation (0, which no customer has, if it somehow did not).
CustomerId IdOf(const std::string& name) {
  absl::StatusOr<CustomerId> id = ParseCustomerName(name, "name");
  return id.ok() ? *id : 0;
}

grpc::Status Reply(const absl::StatusOr<Customer>& customer, v1::Customer* response) {
  if (!customer.ok()) return ToGrpcStatus(customer.status());
  CustomerToProto(*customer, response);
  return grpc::Status::OK;
}

}  // namespace

CustomerServiceImpl::CustomerServiceImpl(CustomerDirectory& directory, const RequestLimits& limits,
                                         ThreadPool* read_pool)
    : directory_(directory), limits_(limits) {
  const std::string service = v1::CustomerService::service_full_name();
  ServePointRead(*this, service, "GetCustomer", read_pool, &CustomerServiceImpl::Get,
                 callback_methods_);
  ServePointRead(*this, service, "LookupCustomer", read_pool, &CustomerServiceImpl::Lookup,
                 callback_methods_);
}

grpc::Status CustomerServiceImpl::CreateCustomer(grpc::ServerContext* context,
                                                 const v1::CreateCustomerRequest* request,
                                                 v1::Customer* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  absl::StatusOr<Customer> customer = directory_.Create(CustomerFromProto(request->customer()));
  if (!customer.ok()) return ToGrpcStatus(NameField(customer.status(), "customer"));
  return Reply(customer, response);
}

grpc::Status CustomerServiceImpl::Get(const v1::GetCustomerRequest& request,
                                      v1::Customer* response) {
  if (absl::Status status = ValidateRequest(request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  return Reply(directory_.Get(IdOf(request.name())), response);
}

grpc::Status CustomerServiceImpl::ListCustomers(grpc::ServerContext* context,
                                                const v1::ListCustomersRequest* request,
                                                v1::ListCustomersResponse* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  absl::StatusOr<CustomerId> after = DecodeCustomerPageToken(request->page_token());
  if (!after.ok()) return ToGrpcStatus(after.status());
  absl::StatusOr<CustomerPage> page =
      directory_.List(*after, PageSizeOrDefault(request->page_size(), limits_));
  if (!page.ok()) return ToGrpcStatus(page.status());
  response->set_next_page_token(FillListPage(
      page->customers, page->has_more, limits_.max_list_page_bytes, response->mutable_customers(),
      CustomerToProto, [](const Customer& last) { return EncodeCustomerPageToken(last.id); }));
  return grpc::Status::OK;
}

grpc::Status CustomerServiceImpl::UpdateCustomer(grpc::ServerContext* context,
                                                 const v1::UpdateCustomerRequest* request,
                                                 v1::Customer* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  const v1::Customer& customer = request->customer();
  CustomerUpdate update;
  for (const std::string& path : request->update_mask().paths()) {
    if (path == "display_name") update.display_name = customer.display_name();
    if (path == "attributes") update.attributes = AttributesFromProto(customer.attributes());
  }
  return Reply(directory_.Update(IdOf(customer.name()), update), response);
}

grpc::Status CustomerServiceImpl::DeleteCustomer(grpc::ServerContext* context,
                                                 const v1::DeleteCustomerRequest* request,
                                                 google::protobuf::Empty* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  return ToGrpcStatus(directory_.Delete(IdOf(request->name())));
}

grpc::Status CustomerServiceImpl::Lookup(const v1::LookupCustomerRequest& request,
                                         v1::Customer* response) {
  if (absl::Status status = ValidateRequest(request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  absl::StatusOr<Customer> customer = directory_.Lookup(IdentityFromProto(request.identity()));
  if (!customer.ok()) return ToGrpcStatus(NameField(customer.status(), "identity"));
  return Reply(customer, response);
}

grpc::Status CustomerServiceImpl::AddIdentity(grpc::ServerContext* context,
                                              const v1::AddIdentityRequest* request,
                                              v1::Customer* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  absl::StatusOr<Customer> customer =
      directory_.AddIdentity(IdOf(request->name()), IdentityFromProto(request->identity()));
  if (!customer.ok()) return ToGrpcStatus(NameField(customer.status(), "identity"));
  return Reply(customer, response);
}

grpc::Status CustomerServiceImpl::RemoveIdentity(grpc::ServerContext* context,
                                                 const v1::RemoveIdentityRequest* request,
                                                 v1::Customer* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  absl::StatusOr<Customer> customer =
      directory_.RemoveIdentity(IdOf(request->name()), IdentityFromProto(request->identity()));
  if (!customer.ok()) return ToGrpcStatus(NameField(customer.status(), "identity"));
  return Reply(customer, response);
}

grpc::Status CustomerServiceImpl::MergeCustomers(grpc::ServerContext* context,
                                                 const v1::MergeCustomersRequest* request,
                                                 v1::Customer* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  MergeCause cause;
  cause.method = "MergeCustomers";
  cause.actor = CurrentCallerName();
  absl::StatusOr<Customer> customer =
      directory_.Merge(IdOf(request->name()), IdOf(request->merged_customer()), cause);
  if (!customer.ok() && customer.status().code() == absl::StatusCode::kInvalidArgument) {
    // Both names already resolve to one customer.
    return ToGrpcStatus(InvalidFieldError("merged_customer", customer.status().message()));
  }
  return Reply(customer, response);
}

}  // namespace cxhub
