#include "server/api/connector_validation.h"

#include "server/api/connector_conversion.h"
#include "server/api/request_validation.h"

namespace cxhub {

absl::Status ValidateRequest(const v1::ListConnectorsRequest& request,
                             const RequestLimits& limits) {
  if (absl::Status status = ValidatePageSize(request.page_size(), limits); !status.ok()) {
    return status;
  }
  return DecodeConnectorPageToken(request.page_token()).status();
}

absl::Status ValidateRequest(const v1::GetConnectorRequest& request, const RequestLimits& limits) {
  return ParseConnectorName(request.name(), "name").status();
}

absl::Status ValidateRequest(const v1::RunConnectorRequest& request, const RequestLimits& limits) {
  return ParseConnectorName(request.name(), "name").status();
}

absl::Status ValidateRequest(const v1::PauseConnectorRequest& request,
                             const RequestLimits& limits) {
  return ParseConnectorName(request.name(), "name").status();
}

absl::Status ValidateRequest(const v1::ResumeConnectorRequest& request,
                             const RequestLimits& limits) {
  return ParseConnectorName(request.name(), "name").status();
}

absl::Status ValidateRequest(const v1::ListDeadLettersRequest& request,
                             const RequestLimits& limits) {
  if (absl::Status status =
          ParseConnectorName(request.parent(), "parent", /*allow_any=*/true).status();
      !status.ok()) {
    return status;
  }
  if (absl::Status status = ValidatePageSize(request.page_size(), limits); !status.ok()) {
    return status;
  }
  return DecodeDeadLetterPageToken(request.page_token(), request.parent()).status();
}

absl::Status ValidateRequest(const v1::RetryDeadLetterRequest& request,
                             const RequestLimits& limits) {
  return ParseDeadLetterName(request.name(), "name").status();
}

absl::Status ValidateRequest(const v1::DeleteDeadLetterRequest& request,
                             const RequestLimits& limits) {
  return ParseDeadLetterName(request.name(), "name").status();
}

}  // namespace cxhub
