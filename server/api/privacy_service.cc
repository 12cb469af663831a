#include "server/api/privacy_service.h"

#include "server/api/interaction_conversion.h"
#include "server/api/merge_ledger_conversion.h"
#include "server/api/privacy_validation.h"
#include "server/api/proto_conversion.h"
#include "server/api/resource_names.h"
#include "server/api/status_mapping.h"

namespace cxhub {
namespace {

// The id of a name that passed validation (0, which no customer has, if it somehow did not).
CustomerId IdOf(const std::string& name) {
  absl::StatusOr<CustomerId> id = ParseCustomerName(name, "name");
  return id.ok() ? *id : 0;
}

// Why an export stopped early: the client is gone, nothing is left to tell it.
absl::Status ClientGone() { return absl::CancelledError("the client went away"); }

}  // namespace

grpc::Status PrivacyServiceImpl::EraseCustomer(grpc::ServerContext* context,
                                               const v1::EraseCustomerRequest* request,
                                               v1::EraseCustomerResponse* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  absl::StatusOr<ErasureReport> report = erasure_.EraseCustomer(IdOf(request->name()));
  if (!report.ok()) return ToGrpcStatus(report.status());
  for (CustomerId id : report->customers) response->add_erased_customers(CustomerName(id));
  response->set_suppressed_identities(report->suppressed_identities);
  response->set_deleted_dead_letters(report->dead_letters);
  response->set_scrubbed_audit_entries(report->audit_entries);
  return grpc::Status::OK;
}

grpc::Status PrivacyServiceImpl::EraseIdentity(grpc::ServerContext* context,
                                               const v1::EraseIdentityRequest* request,
                                               v1::EraseIdentityResponse* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  absl::StatusOr<ErasureReport> report =
      erasure_.EraseIdentity(IdentityFromProto(request->identity()));
  if (!report.ok()) return ToGrpcStatus(report.status());
  if (!report->customers.empty()) response->set_customer(CustomerName(report->customers.front()));
  response->set_deleted_dead_letters(report->dead_letters);
  return grpc::Status::OK;
}

grpc::Status PrivacyServiceImpl::ExportCustomer(
    grpc::ServerContext* context, const v1::ExportCustomerRequest* request,
    grpc::ServerWriter<v1::ExportCustomerResponse>* writer) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  v1::ExportCustomerResponse message;
  absl::Status status = exporter_.Export(
      IdOf(request->name()),
      [&](const Customer& customer) -> absl::Status {
        CustomerToProto(customer, message.mutable_customer());
        return writer->Write(message) ? absl::OkStatus() : ClientGone();
      },
      [&](const Interaction& interaction) -> absl::Status {
        if (context->IsCancelled()) return ClientGone();
        message.Clear();
        InteractionToProto(interaction, message.mutable_interaction());
        return writer->Write(message) ? absl::OkStatus() : ClientGone();
      },
      [&](const MergeEntry& merge) -> absl::Status {
        if (context->IsCancelled()) return ClientGone();
        message.Clear();
        MergeToProto(merge, message.mutable_merge());
        return writer->Write(message) ? absl::OkStatus() : ClientGone();
      });
  return ToGrpcStatus(status);
}

}  // namespace cxhub
