#include "server/api/operations_service.h"

#include <algorithm>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "server/api/list_page_bytes.h"
#include "server/api/operation_conversion.h"
#include "server/api/page_token.h"
#include "server/api/proto_conversion.h"
#include "server/api/request_validation.h"
#include "server/api/resource_names.h"
#include "server/api/status_mapping.h"
#include "server/core/field_violation.h"

namespace cxhub {
namespace {

// How long WaitOperation waits when the request sets no timeout and the call no deadline.
constexpr absl::Duration kDefaultWait = absl::Minutes(1);

// The ListOperations filters there are: every operation, or those (not) done.
absl::StatusOr<OperationFilter> ParseFilter(const std::string& text) {
  const std::string compact = absl::StrReplaceAll(text, {{" ", ""}});
  OperationFilter filter;
  if (compact == "done=true") filter.done = true;
  if (compact == "done=false") filter.done = false;
  if (!compact.empty() && !filter.done.has_value()) {
    return InvalidFieldError(
        "filter", absl::StrCat("expected done=true or done=false, got ", QuoteValue(text)));
  }
  return filter;
}

absl::Status ValidateListRequest(const google::longrunning::ListOperationsRequest& request,
                                 const RequestLimits& limits) {
  if (!request.name().empty() && request.name() != "operations") {
    return InvalidFieldError("name", absl::StrCat("expected \"operations\" or nothing, got ",
                                                  QuoteValue(request.name())));
  }
  return ValidatePageSize(request.page_size(), limits);
}

// How long to wait: the request's timeout, cut to the call's deadline.
absl::StatusOr<absl::Duration> WaitTimeout(
    const grpc::ServerContext& context, const google::longrunning::WaitOperationRequest& request) {
  absl::Duration timeout = kDefaultWait;
  if (request.has_timeout()) {
    if (absl::Status status = ValidateDuration(request.timeout(), "timeout"); !status.ok()) {
      return status;
    }
    timeout = DurationFromProto(request.timeout());
  }
  const absl::Time deadline = absl::FromChrono(context.deadline());
  if (deadline != absl::InfiniteFuture()) {
    // Leave the reply time to travel before the caller gives up.
    timeout = std::min(timeout, deadline - absl::Now() - absl::Milliseconds(100));
  }
  return std::max(timeout, absl::ZeroDuration());
}

grpc::Status Reply(const absl::StatusOr<Operation>& operation,
                   google::longrunning::Operation* response) {
  if (!operation.ok()) return ToGrpcStatus(operation.status());
  OperationToProto(*operation, response);
  return grpc::Status::OK;
}

}  // namespace

grpc::Status OperationsServiceImpl::ListOperations(
    grpc::ServerContext* context, const google::longrunning::ListOperationsRequest* request,
    google::longrunning::ListOperationsResponse* response) {
  if (absl::Status status = ValidateListRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  absl::StatusOr<OperationFilter> filter = ParseFilter(request->filter());
  if (!filter.ok()) return ToGrpcStatus(filter.status());
  absl::StatusOr<OperationId> after =
      DecodeOperationPageToken(request->page_token(), request->filter());
  if (!after.ok()) return ToGrpcStatus(after.status());
  absl::StatusOr<OperationPage> page =
      runner_.List(*filter, *after, PageSizeOrDefault(request->page_size(), limits_));
  if (!page.ok()) return ToGrpcStatus(page.status());
  response->set_next_page_token(FillListPage(
      page->operations, page->has_more, limits_.max_list_page_bytes, response->mutable_operations(),
      OperationToProto,
      [&](const Operation& last) { return EncodeOperationPageToken(last.id, request->filter()); }));
  return grpc::Status::OK;
}

grpc::Status OperationsServiceImpl::GetOperation(
    grpc::ServerContext* context, const google::longrunning::GetOperationRequest* request,
    google::longrunning::Operation* response) {
  absl::StatusOr<OperationId> id = ParseOperationName(request->name(), "name");
  if (!id.ok()) return ToGrpcStatus(id.status());
  return Reply(runner_.Get(*id), response);
}

grpc::Status OperationsServiceImpl::DeleteOperation(
    grpc::ServerContext* context, const google::longrunning::DeleteOperationRequest* request,
    google::protobuf::Empty* response) {
  absl::StatusOr<OperationId> id = ParseOperationName(request->name(), "name");
  if (!id.ok()) return ToGrpcStatus(id.status());
  return ToGrpcStatus(runner_.Delete(*id));
}

grpc::Status OperationsServiceImpl::CancelOperation(
    grpc::ServerContext* context, const google::longrunning::CancelOperationRequest* request,
    google::protobuf::Empty* response) {
  absl::StatusOr<OperationId> id = ParseOperationName(request->name(), "name");
  if (!id.ok()) return ToGrpcStatus(id.status());
  return ToGrpcStatus(runner_.Cancel(*id).status());
}

grpc::Status OperationsServiceImpl::WaitOperation(
    grpc::ServerContext* context, const google::longrunning::WaitOperationRequest* request,
    google::longrunning::Operation* response) {
  absl::StatusOr<OperationId> id = ParseOperationName(request->name(), "name");
  if (!id.ok()) return ToGrpcStatus(id.status());
  absl::StatusOr<absl::Duration> timeout = WaitTimeout(*context, *request);
  if (!timeout.ok()) return ToGrpcStatus(timeout.status());
  return Reply(runner_.Wait(*id, *timeout), response);
}

}  // namespace cxhub
