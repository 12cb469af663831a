#include "server/api/connector_service.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "server/api/connector_conversion.h"
#include "server/api/connector_validation.h"
#include "server/api/list_page_bytes.h"
#include "server/api/request_validation.h"
#include "server/api/resource_names.h"
#include "server/api/status_mapping.h"
#include "server/core/clock.h"

namespace cxhub {
namespace {

// The connector of a name that passed validation.
std::string ConnectorOf(const std::string& name) {
  absl::StatusOr<std::string> connector = ParseConnectorName(name, "name", /*allow_any=*/true);
  return connector.ok() ? *connector : std::string();
}

DeadLetterKey DeadLetterOf(const std::string& name) {
  absl::StatusOr<DeadLetterKey> key = ParseDeadLetterName(name, "name");
  return key.ok() ? *key : DeadLetterKey();
}

// `clock`: the host's, on which the view's times are.
grpc::Status Reply(const absl::StatusOr<ConnectorView>& view, Clock& clock,
                   v1::Connector* response) {
  if (!view.ok()) return ToGrpcStatus(view.status());
  ConnectorToProto(*view, clock.Now(), response);
  return grpc::Status::OK;
}

// NOT_FOUND unless dead letter `key.id` exists under `key.connector`.
absl::Status CheckDeadLetter(DeadLetterQueue& queue, const DeadLetterKey& key) {
  absl::StatusOr<DeadLetter> found = queue.Get(key.id);
  if (!found.ok() || found->connector != key.connector) {
    if (found.ok() || absl::IsNotFound(found.status())) {
      return absl::NotFoundError(
          absl::StrCat("dead letter ", DeadLetterName(key.connector, key.id), " not found"));
    }
    return found.status();
  }
  return absl::OkStatus();
}

}  // namespace

grpc::Status ConnectorServiceImpl::ListConnectors(grpc::ServerContext* context,
                                                  const v1::ListConnectorsRequest* request,
                                                  v1::ListConnectorsResponse* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  absl::StatusOr<std::string> after = DecodeConnectorPageToken(request->page_token());
  if (!after.ok()) return ToGrpcStatus(after.status());
  absl::StatusOr<std::vector<ConnectorView>> views = host_.List();
  if (!views.ok()) return ToGrpcStatus(views.status());
  const size_t page_size = static_cast<size_t>(PageSizeOrDefault(request->page_size(), limits_));
  std::vector<ConnectorView> page;
  bool has_more = false;
  for (ConnectorView& view : *views) {  // In name order.
    if (!after->empty() && view.config.name <= *after) continue;
    if (page.size() == page_size) {
      has_more = true;
      break;
    }
    page.push_back(std::move(view));
  }
  const absl::Time now = host_.clock().Now();
  response->set_next_page_token(FillListPage(
      page, has_more, limits_.max_list_page_bytes, response->mutable_connectors(),
      [now](const ConnectorView& view, v1::Connector* out) { ConnectorToProto(view, now, out); },
      [](const ConnectorView& last) { return EncodeConnectorPageToken(last.config.name); }));
  return grpc::Status::OK;
}

grpc::Status ConnectorServiceImpl::GetConnector(grpc::ServerContext* context,
                                                const v1::GetConnectorRequest* request,
                                                v1::Connector* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  return Reply(host_.Get(ConnectorOf(request->name())), host_.clock(), response);
}

grpc::Status ConnectorServiceImpl::RunConnector(grpc::ServerContext* context,
                                                const v1::RunConnectorRequest* request,
                                                v1::Connector* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  return Reply(host_.RunNow(ConnectorOf(request->name())), host_.clock(), response);
}

grpc::Status ConnectorServiceImpl::PauseConnector(grpc::ServerContext* context,
                                                  const v1::PauseConnectorRequest* request,
                                                  v1::Connector* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  return Reply(host_.Pause(ConnectorOf(request->name())), host_.clock(), response);
}

grpc::Status ConnectorServiceImpl::ResumeConnector(grpc::ServerContext* context,
                                                   const v1::ResumeConnectorRequest* request,
                                                   v1::Connector* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  return Reply(host_.Resume(ConnectorOf(request->name())), host_.clock(), response);
}

grpc::Status ConnectorServiceImpl::ListDeadLetters(grpc::ServerContext* context,
                                                   const v1::ListDeadLettersRequest* request,
                                                   v1::ListDeadLettersResponse* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  std::string connector = ConnectorOf(request->parent());
  if (connector == kAnyConnector) connector.clear();
  absl::StatusOr<DeadLetterId> after =
      DecodeDeadLetterPageToken(request->page_token(), request->parent());
  if (!after.ok()) return ToGrpcStatus(after.status());
  absl::StatusOr<DeadLetterPage> page = host_.dead_letters().List(
      connector, *after, PageSizeOrDefault(request->page_size(), limits_));
  if (!page.ok()) return ToGrpcStatus(page.status());
  response->set_next_page_token(FillListPage(
      page->dead_letters, page->has_more, limits_.max_list_page_bytes,
      response->mutable_dead_letters(), DeadLetterToProto, [&](const DeadLetter& last) {
        return EncodeDeadLetterPageToken(request->parent(), last.id);
      }));
  return grpc::Status::OK;
}

grpc::Status ConnectorServiceImpl::RetryDeadLetter(grpc::ServerContext* context,
                                                   const v1::RetryDeadLetterRequest* request,
                                                   v1::RetryDeadLetterResponse* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  const DeadLetterKey key = DeadLetterOf(request->name());
  if (absl::Status status = CheckDeadLetter(host_.dead_letters(), key); !status.ok()) {
    return ToGrpcStatus(status);
  }
  absl::StatusOr<IngestResult> result = host_.dead_letters().Retry(key.id);
  if (!result.ok()) return ToGrpcStatus(result.status());
  if (result->interaction_id != 0) {
    response->set_interaction(InteractionName(result->interaction_id));
  }
  if (result->customer_id != 0) response->set_customer(CustomerName(result->customer_id));
  return grpc::Status::OK;
}

grpc::Status ConnectorServiceImpl::DeleteDeadLetter(grpc::ServerContext* context,
                                                    const v1::DeleteDeadLetterRequest* request,
                                                    google::protobuf::Empty* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  const DeadLetterKey key = DeadLetterOf(request->name());
  if (absl::Status status = CheckDeadLetter(host_.dead_letters(), key); !status.ok()) {
    return ToGrpcStatus(status);
  }
  return ToGrpcStatus(host_.dead_letters().Delete(key.id));
}

}  // namespace cxhub
