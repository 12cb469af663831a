#include "server/api/merge_suggestion_service.h"

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "server/api/current_caller.h"
#include "server/api/page_token.h"
#include "server/api/proto_conversion.h"
#include "server/api/request_validation.h"
#include "server/api/resource_names.h"
#include "server/api/status_mapping.h"

namespace cxhub {
namespace {

void MergeSuggestionToProto(const MergeSuggestion& suggestion, v1::MergeSuggestion* out) {
  out->Clear();
  out->set_name(MergeSuggestionName(suggestion.id));
  // The model's enums have the proto's numbers.
  out->set_state(static_cast<v1::MergeSuggestionState>(suggestion.state));
  out->set_reason(static_cast<v1::MergeSuggestionReason>(suggestion.reason));
  out->set_customer(CustomerName(suggestion.customer_id));
  out->set_other_customer(CustomerName(suggestion.other_customer_id));
  Identity identity = suggestion.identity;
  identity.provenance = IdentityProvenance();  // Its provenance is the suggestion's own fields.
  IdentityToProto(identity, out->mutable_identity());
  out->set_source(suggestion.identity.provenance.source);
  out->set_asserted_by(suggestion.identity.provenance.asserted_by);
  TimeToProto(suggestion.create_time, out->mutable_create_time());
  if (suggestion.decide_time.has_value()) {
    TimeToProto(*suggestion.decide_time, out->mutable_decide_time());
  }
}

grpc::Status Reply(const absl::StatusOr<MergeSuggestion>& suggestion,
                   v1::MergeSuggestion* response) {
  if (!suggestion.ok()) return ToGrpcStatus(suggestion.status());
  MergeSuggestionToProto(*suggestion, response);
  return grpc::Status::OK;
}

std::optional<MergeSuggestionState> StateFilter(v1::MergeSuggestionState state) {
  switch (state) {
    case v1::MERGE_SUGGESTION_STATE_OPEN:
      return MergeSuggestionState::kOpen;
    case v1::MERGE_SUGGESTION_STATE_ACCEPTED:
      return MergeSuggestionState::kAccepted;
    case v1::MERGE_SUGGESTION_STATE_REJECTED:
      return MergeSuggestionState::kRejected;
    default:
      return std::nullopt;
  }
}

}  // namespace

grpc::Status MergeSuggestionServiceImpl::ListMergeSuggestions(
    grpc::ServerContext* context, const v1::ListMergeSuggestionsRequest* request,
    v1::ListMergeSuggestionsResponse* response) {
  if (absl::Status status = ValidatePageSize(request->page_size(), limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  if (!v1::MergeSuggestionState_IsValid(request->state())) {
    return ToGrpcStatus(absl::InvalidArgumentError("state: unknown state"));
  }
  absl::StatusOr<MergeSuggestionId> after =
      DecodeMergeSuggestionPageToken(request->page_token(), request->state());
  if (!after.ok()) return ToGrpcStatus(after.status());
  absl::StatusOr<MergeSuggestionPage> page = suggestions_.List(
      StateFilter(request->state()), *after, PageSizeOrDefault(request->page_size(), limits_));
  if (!page.ok()) return ToGrpcStatus(page.status());
  for (const MergeSuggestion& suggestion : page->suggestions) {
    MergeSuggestionToProto(suggestion, response->add_merge_suggestions());
  }
  if (page->has_more && !page->suggestions.empty()) {
    response->set_next_page_token(
        EncodeMergeSuggestionPageToken(page->suggestions.back().id, request->state()));
  }
  return grpc::Status::OK;
}

grpc::Status MergeSuggestionServiceImpl::GetMergeSuggestion(
    grpc::ServerContext* context, const v1::GetMergeSuggestionRequest* request,
    v1::MergeSuggestion* response) {
  absl::StatusOr<MergeSuggestionId> id = ParseMergeSuggestionName(request->name(), "name");
  if (!id.ok()) return ToGrpcStatus(id.status());
  return Reply(suggestions_.Get(*id), response);
}

grpc::Status MergeSuggestionServiceImpl::AcceptMergeSuggestion(
    grpc::ServerContext* context, const v1::AcceptMergeSuggestionRequest* request,
    v1::MergeSuggestion* response) {
  absl::StatusOr<MergeSuggestionId> id = ParseMergeSuggestionName(request->name(), "name");
  if (!id.ok()) return ToGrpcStatus(id.status());
  return Reply(suggestions_.Accept(*id, CurrentCallerName()), response);
}

grpc::Status MergeSuggestionServiceImpl::RejectMergeSuggestion(
    grpc::ServerContext* context, const v1::RejectMergeSuggestionRequest* request,
    v1::MergeSuggestion* response) {
  absl::StatusOr<MergeSuggestionId> id = ParseMergeSuggestionName(request->name(), "name");
  if (!id.ok()) return ToGrpcStatus(id.status());
  return Reply(suggestions_.Reject(*id), response);
}

}  // namespace cxhub
