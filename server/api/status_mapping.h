// The one place where cxhub turns its absl::Status values into gRPC statuses.
#ifndef CXHUB_SERVER_API_STATUS_MAPPING_H_
#define CXHUB_SERVER_API_STATUS_MAPPING_H_

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace cxhub {

// Maps the canonical code one to one (absl and gRPC share the numbering) and keeps the
// message. OK maps to OK with an empty message.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_STATUS_MAPPING_H_
