#include "server/api/merge_ledger_service.h"

#include <vector>

#include "server/api/current_caller.h"
#include "server/api/merge_ledger_conversion.h"
#include "server/api/page_token.h"
#include "server/api/request_validation.h"
#include "server/api/resource_names.h"
#include "server/api/status_mapping.h"

namespace cxhub {

grpc::Status MergeLedgerServiceImpl::ListMerges(grpc::ServerContext* context,
                                                const v1::ListMergesRequest* request,
                                                v1::ListMergesResponse* response) {
  absl::StatusOr<CustomerId> customer = ParseCustomerName(request->customer(), "customer");
  if (!customer.ok()) return ToGrpcStatus(customer.status());
  if (absl::Status status = ValidatePageSize(request->page_size(), limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  absl::StatusOr<MergeId> before = DecodeMergePageToken(request->page_token(), *customer);
  if (!before.ok()) return ToGrpcStatus(before.status());
  const int page_size = PageSizeOrDefault(request->page_size(), limits_);
  // One more than the page tells whether there is a next one.
  absl::StatusOr<std::vector<MergeEntry>> entries = ledger_.List(*customer, *before, page_size + 1);
  if (!entries.ok()) return ToGrpcStatus(entries.status());
  const bool has_more = entries->size() > static_cast<size_t>(page_size);
  if (has_more) entries->resize(page_size);
  for (const MergeEntry& entry : *entries) MergeToProto(entry, response->add_merges());
  if (has_more) {
    response->set_next_page_token(EncodeMergePageToken(entries->back().id, *customer));
  }
  return grpc::Status::OK;
}

grpc::Status MergeLedgerServiceImpl::GetMerge(grpc::ServerContext* context,
                                              const v1::GetMergeRequest* request,
                                              v1::Merge* response) {
  absl::StatusOr<MergeId> id = ParseMergeName(request->name(), "name");
  if (!id.ok()) return ToGrpcStatus(id.status());
  absl::StatusOr<MergeEntry> entry = ledger_.Get(*id);
  if (!entry.ok()) return ToGrpcStatus(entry.status());
  MergeToProto(*entry, response);
  return grpc::Status::OK;
}

grpc::Status MergeLedgerServiceImpl::UnmergeCustomer(grpc::ServerContext* context,
                                                     const v1::UnmergeCustomerRequest* request,
                                                     v1::Merge* response) {
  absl::StatusOr<MergeId> id = ParseMergeName(request->name(), "name");
  if (!id.ok()) return ToGrpcStatus(id.status());
  MergeCause cause;
  cause.method = "UnmergeCustomer";
  cause.actor = CurrentCallerName();
  absl::StatusOr<MergeEntry> unmerge = ledger_.Unmerge(*id, cause);
  if (!unmerge.ok()) return ToGrpcStatus(unmerge.status());
  MergeToProto(*unmerge, response);
  return grpc::Status::OK;
}

grpc::Status MergeLedgerServiceImpl::ExplainCustomer(grpc::ServerContext* context,
                                                     const v1::ExplainCustomerRequest* request,
                                                     v1::CustomerExplanation* response) {
  absl::StatusOr<CustomerId> id = ParseCustomerName(request->name(), "name");
  if (!id.ok()) return ToGrpcStatus(id.status());
  absl::StatusOr<CustomerExplanation> explanation = ledger_.Explain(*id);
  if (!explanation.ok()) return ToGrpcStatus(explanation.status());
  ExplanationToProto(*explanation, response);
  return grpc::Status::OK;
}

}  // namespace cxhub
