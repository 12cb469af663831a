#include "tests/integration/touchpoint_client.h"

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "cxhub/v1/touchpoint.grpc.pb.h"
#include "grpcpp/client_context.h"

namespace cxhub {

absl::StatusOr<std::string> CreateTestTouchpoint(const std::shared_ptr<grpc::Channel>& channel,
                                                 const std::string& display_name,
                                                 const std::string& channel_slug) {
  v1::CreateTouchpointRequest request;
  request.mutable_touchpoint()->set_display_name(display_name);
  request.mutable_touchpoint()->set_stage(v1::JOURNEY_STAGE_SERVICE);
  request.mutable_touchpoint()->add_channels(channel_slug);
  v1::Touchpoint touchpoint;
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  grpc::Status status =
      v1::TouchpointService::NewStub(channel)->CreateTouchpoint(&context, request, &touchpoint);
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  }
  return touchpoint.name();
}

}  // namespace cxhub
