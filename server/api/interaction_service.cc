#include "server/api/interaction_service.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "server/api/current_caller.h"
#include "server/api/field_errors.h"
#include "server/api/interaction_conversion.h"
#include "server/api/interaction_validation.h"
#include "server/api/list_page_bytes.h"
#include "server/api/page_token.h"
#include "server/api/request_validation.h"
#include "server/api/resource_names.h"
#include "server/api/status_mapping.h"
#include "server/api/watch_interactions_reactor.h"
#include "server/core/call_deadline.h"

namespace cxhub {
namespace {

// The id of a name that passed validation (0 if it somehow did not; core answers NOT_FOUND).
int64_t IdOf(const absl::StatusOr<int64_t>& id) { return id.ok() ? *id : 0; }

// What goes before the field paths of the batch's item `i`.
std::string ItemPrefix(int i) { return absl::StrCat("requests[", i, "]."); }

// Names the field of a core error about an item of a batch (`prefix` "requests[i]."): its
// field violations go under the item, its other errors say which item they are about.
absl::Status NameItemError(const absl::Status& status, absl::string_view prefix) {
  if (FieldViolationOf(status).has_value()) return NestFieldViolation(status, prefix);
  if (status.ok()) return status;
  return absl::Status(status.code(),
                      absl::StrCat(prefix.substr(0, prefix.size() - 1), ": ", status.message()));
}

void FailItem(const absl::Status& status, v1::BatchItemResult* result) {
  // google.rpc.Code numbers are gRPC's status codes.
  result->set_code(static_cast<int32_t>(ToGrpcStatus(status).error_code()));
  result->set_message(std::string(status.message()));
}

}  // namespace

InteractionServiceImpl::InteractionServiceImpl(InteractionLog& log, InteractionWatchers& watchers,
                                               const RequestLimits& limits, ThreadPool* read_pool)
    : log_(log),
      watchers_(watchers),
      limits_(limits),
      watch_streams_(limits.max_watch_streams,
                     "Watch streams (config load_limits.max_watch_streams)") {
  const std::string service = v1::InteractionService::service_full_name();
  ServeDeferred(*this, service, "RecordInteraction", &InteractionServiceImpl::StartRecord,
                callback_methods_);
  ServePointRead(*this, service, "GetInteraction", read_pool, &InteractionServiceImpl::Get,
                 callback_methods_);
  ServePointRead(*this, service, "ListInteractions", read_pool, &InteractionServiceImpl::List,
                 callback_methods_);
}

void InteractionServiceImpl::StartRecord(const v1::RecordInteractionRequest& request,
                                         v1::RecordInteractionResponse* response,
                                         FinishCall finish) {
  if (absl::Status status = ValidateRequest(request, limits_); !status.ok()) {
    std::move(finish)(ToGrpcStatus(status));
    return;
  }
  auto record =
      std::make_unique<RecordRequest>(RecordRequestFromProto(request, CurrentCallerName()));
  const RecordRequest& queued = *record;
  log_.RecordAsync(queued, CurrentCallDeadline(),
                   [record = std::move(record), response,
                    finish = std::move(finish)](absl::StatusOr<RecordResult> result) mutable {
                     if (result.ok()) RecordResultToProto(*result, response);
                     std::move(finish)(ToGrpcStatus(result.status()));
                   });
}

grpc::Status InteractionServiceImpl::BatchRecordInteractions(
    grpc::ServerContext* context, const v1::BatchRecordInteractionsRequest* request,
    v1::BatchRecordInteractionsResponse* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  std::vector<RecordRequest> valid;
  std::vector<int> valid_index;  // Request index of each entry of `valid`.
  for (int i = 0; i < request->requests_size(); ++i) {
    v1::BatchItemResult* result = response->add_results();
    if (absl::Status status = ValidateRequest(request->requests(i), limits_); !status.ok()) {
      FailItem(NameItemError(status, ItemPrefix(i)), result);
      continue;
    }
    valid.push_back(RecordRequestFromProto(request->requests(i), CurrentCallerName()));
    valid_index.push_back(i);
  }
  if (valid.empty()) return grpc::Status::OK;

  absl::StatusOr<std::vector<absl::StatusOr<RecordResult>>> recorded = log_.RecordBatch(valid);
  if (!recorded.ok()) return ToGrpcStatus(recorded.status());
  if (recorded->size() != valid.size()) {
    return ToGrpcStatus(
        absl::InternalError("the log returned a result per item in the wrong count"));
  }
  for (size_t k = 0; k < valid.size(); ++k) {
    const int i = valid_index[k];
    v1::BatchItemResult* result = response->mutable_results(i);
    const absl::StatusOr<RecordResult>& item = (*recorded)[k];
    if (!item.ok()) {
      FailItem(NameItemError(item.status(), ItemPrefix(i)), result);
      continue;
    }
    result->set_code(0);
    RecordResultToProto(*item, result->mutable_response());
  }
  return grpc::Status::OK;
}

grpc::Status InteractionServiceImpl::Get(const v1::GetInteractionRequest& request,
                                         v1::Interaction* response) {
  if (absl::Status status = ValidateRequest(request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  absl::StatusOr<Interaction> interaction =
      log_.Get(IdOf(ParseInteractionName(request.name(), "name")));
  if (!interaction.ok()) return ToGrpcStatus(interaction.status());
  InteractionToProto(*interaction, response);
  return grpc::Status::OK;
}

grpc::Status InteractionServiceImpl::List(const v1::ListInteractionsRequest& request,
                                          v1::ListInteractionsResponse* response) {
  if (absl::Status status = ValidateRequest(request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  const InteractionFilter filter = InteractionFilterFromRequest(request);
  const uint64_t fingerprint = InteractionFilterFingerprint(filter);
  absl::StatusOr<std::optional<InteractionCursor>> after =
      DecodeInteractionPageToken(request.page_token(), fingerprint);
  if (!after.ok()) return ToGrpcStatus(after.status());
  absl::StatusOr<InteractionPage> page =
      log_.List(filter, *after, PageSizeOrDefault(request.page_size(), limits_));
  if (!page.ok()) return ToGrpcStatus(page.status());
  response->set_next_page_token(FillListPage(
      page->interactions, page->has_more, limits_.max_list_page_bytes,
      response->mutable_interactions(), InteractionToProto, [&](const Interaction& last) {
        return EncodeInteractionPageToken(InteractionCursor{last.occur_time, last.id}, fingerprint);
      }));
  return grpc::Status::OK;
}

grpc::ServerWriteReactor<v1::Interaction>* InteractionServiceImpl::WatchInteractions(
    grpc::CallbackServerContext* context, const v1::WatchInteractionsRequest* request) {
  return new WatchInteractionsReactor(*request, log_, watchers_, watch_streams_, limits_);
}

}  // namespace cxhub
