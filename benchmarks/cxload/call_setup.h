// How every cxload call reaches the server: its channel, its context and its status.
#ifndef CXHUB_BENCHMARKS_CXLOAD_CALL_SETUP_H_
#define CXHUB_BENCHMARKS_CXLOAD_CALL_SETUP_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "grpcpp/grpcpp.h"

namespace cxhub::cxload {

// A plain-text channel to `target` (host:port) with a TCP connection of its own: channels
// made with different `index`es never share a subchannel.
std::shared_ptr<grpc::Channel> NewOwnChannel(absl::string_view target, int index);

// Waits up to 30 s for `channel` to connect; UNAVAILABLE naming `target` if it does not.
absl::Status WaitForConnection(grpc::Channel& channel, absl::string_view target);

// Gives `context` the deadline every call has (30 s: a stuck server fails the call rather
// than the run hanging) and, when `token` is not empty, "authorization: Bearer <token>".
void SetUpContext(grpc::ClientContext& context, const std::string& token);

// The same code and message as an absl::Status (the two share their code numbers).
absl::Status ToAbslStatus(const grpc::Status& status);

}  // namespace cxhub::cxload

#endif  // CXHUB_BENCHMARKS_CXLOAD_CALL_SETUP_H_
