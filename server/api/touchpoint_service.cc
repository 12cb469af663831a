#include "server/api/touchpoint_service.h"

#include <string>

#include "server/api/page_token.h"
#include "server/api/request_validation.h"
#include "server/api/resource_names.h"
#include "server/api/status_mapping.h"
#include "server/api/touchpoint_conversion.h"
#include "server/api/touchpoint_validation.h"

namespace cxhub {
namespace {

// The id of a name that passed validation (0, which no touchpoint has, if it somehow did not).
TouchpointId IdOf(const std::string& name) {
  absl::StatusOr<TouchpointId> id = ParseTouchpointName(name, "name");
  return id.ok() ? *id : 0;
}

grpc::Status Reply(const absl::StatusOr<Touchpoint>& touchpoint, v1::Touchpoint* response) {
  if (!touchpoint.ok()) return ToGrpcStatus(touchpoint.status());
  TouchpointToProto(*touchpoint, response);
  return grpc::Status::OK;
}

}  // namespace

grpc::Status TouchpointServiceImpl::CreateTouchpoint(grpc::ServerContext* context,
                                                     const v1::CreateTouchpointRequest* request,
                                                     v1::Touchpoint* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  return Reply(catalog_.Create(TouchpointFromProto(request->touchpoint())), response);
}

grpc::Status TouchpointServiceImpl::GetTouchpoint(grpc::ServerContext* context,
                                                  const v1::GetTouchpointRequest* request,
                                                  v1::Touchpoint* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  return Reply(catalog_.Get(IdOf(request->name())), response);
}

grpc::Status TouchpointServiceImpl::ListTouchpoints(grpc::ServerContext* context,
                                                    const v1::ListTouchpointsRequest* request,
                                                    v1::ListTouchpointsResponse* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  absl::StatusOr<TouchpointId> after = DecodeTouchpointPageToken(request->page_token());
  if (!after.ok()) return ToGrpcStatus(after.status());
  absl::StatusOr<TouchpointPage> page =
      catalog_.List(*after, PageSizeOrDefault(request->page_size(), limits_));
  if (!page.ok()) return ToGrpcStatus(page.status());
  for (const Touchpoint& touchpoint : page->touchpoints) {
    TouchpointToProto(touchpoint, response->add_touchpoints());
  }
  if (page->has_more && !page->touchpoints.empty()) {
    response->set_next_page_token(EncodeTouchpointPageToken(page->touchpoints.back().id));
  }
  return grpc::Status::OK;
}

grpc::Status TouchpointServiceImpl::UpdateTouchpoint(grpc::ServerContext* context,
                                                     const v1::UpdateTouchpointRequest* request,
                                                     v1::Touchpoint* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  const Touchpoint given = TouchpointFromProto(request->touchpoint());
  TouchpointUpdate update;
  for (const std::string& path : request->update_mask().paths()) {
    if (path == "display_name") update.display_name = given.display_name;
    if (path == "description") update.description = given.description;
    if (path == "stage") update.stage = given.stage;
    if (path == "controlled") update.controlled = given.controlled;
    if (path == "channels") update.channels = given.channels;
  }
  return Reply(catalog_.Update(IdOf(request->touchpoint().name()), update), response);
}

grpc::Status TouchpointServiceImpl::DeleteTouchpoint(grpc::ServerContext* context,
                                                     const v1::DeleteTouchpointRequest* request,
                                                     google::protobuf::Empty* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  return ToGrpcStatus(catalog_.Delete(IdOf(request->name())));
}

}  // namespace cxhub
