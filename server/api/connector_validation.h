// Validation of cxhub.v1.ConnectorService requests (see request_validation.h for the wording).
#ifndef CXHUB_SERVER_API_CONNECTOR_VALIDATION_H_
#define CXHUB_SERVER_API_CONNECTOR_VALIDATION_H_

#include "absl/status/status.h"
#include "cxhub/v1/connector.pb.h"
#include "server/api/request_limits.h"

namespace cxhub {

absl::Status ValidateRequest(const v1::ListConnectorsRequest& request, const RequestLimits& limits);
absl::Status ValidateRequest(const v1::GetConnectorRequest& request, const RequestLimits& limits);
absl::Status ValidateRequest(const v1::RunConnectorRequest& request, const RequestLimits& limits);
absl::Status ValidateRequest(const v1::PauseConnectorRequest& request, const RequestLimits& limits);
absl::Status ValidateRequest(const v1::ResumeConnectorRequest& request,
                             const RequestLimits& limits);
absl::Status ValidateRequest(const v1::ListDeadLettersRequest& request,
                             const RequestLimits& limits);
absl::Status ValidateRequest(const v1::RetryDeadLetterRequest& request,
                             const RequestLimits& limits);
absl::Status ValidateRequest(const v1::DeleteDeadLetterRequest& request,
                             const RequestLimits& limits);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_CONNECTOR_VALIDATION_H_
