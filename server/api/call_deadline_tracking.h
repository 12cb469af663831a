// Makes each synchronous gRPC call's deadline the serving thread's call deadline
// (server/core/call_deadline.h) for the length of the call, so that the store stops waiting for
// a caller that has given up. gRPC allows one set of global server callbacks per process, set
// before the first server is built: call this before building one (later calls do nothing).
#ifndef CXHUB_SERVER_API_CALL_DEADLINE_TRACKING_H_
#define CXHUB_SERVER_API_CALL_DEADLINE_TRACKING_H_

#include "absl/time/time.h"
#include "grpcpp/server_context.h"

namespace cxhub {

void InstallCallDeadlineTracking();

// The call deadline of the call `context` serves: InfiniteFuture when the caller set none.
absl::Time CallDeadlineOf(const grpc::ServerContextBase& context);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_CALL_DEADLINE_TRACKING_H_
