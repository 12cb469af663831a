// Calls any cxhub RPC by its full method name with grpc::GenericStub: the request is
// serialized by its descriptor, the response parsed into a message of the response type.
#ifndef CXHUB_CLIENTS_CXCTL_RPC_CLIENT_H_
#define CXHUB_CLIENTS_CXCTL_RPC_CLIENT_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"

namespace cxhub::cxctl {

struct ConnectionOptions {
  std::string server;  // host:port
  bool tls = false;    // Also implied by any of the PEM files below.
  std::string tls_ca_file;
  std::string tls_cert_file;
  std::string tls_key_file;
  std::string token;                      // Bearer token; empty for none.
  std::optional<absl::Duration> timeout;  // Deadline of each call; none when unset.
};

class RpcClient {
 public:
  // Reads the PEM files and opens a channel (connecting lazily). INVALID_ARGUMENT when a file
  // cannot be read.
  static absl::StatusOr<RpcClient> Open(const ConnectionOptions& options);

  // One unary call; `response` must be of the method's response type.
  grpc::Status Unary(const std::string& full_method, const google::protobuf::Message& request,
                     google::protobuf::Message* response) const;

  // A streaming call: sends `requests`, closes the sending side, then hands each response to
  // `on_response` (a fresh message of `response_prototype`'s type) until the server ends the
  // stream. `on_response` returning false cancels the call.
  grpc::Status Stream(
      const std::string& full_method,
      const std::vector<std::unique_ptr<google::protobuf::Message>>& requests,
      const google::protobuf::Message& response_prototype,
      const std::function<bool(const google::protobuf::Message&)>& on_response) const;

 private:
  RpcClient(std::shared_ptr<grpc::Channel> channel, ConnectionOptions options)
      : channel_(std::move(channel)), options_(std::move(options)) {}

  // Sets the deadline and the bearer token of one call.
  void Prepare(grpc::ClientContext& context) const;

  std::shared_ptr<grpc::Channel> channel_;
  ConnectionOptions options_;
};

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_RPC_CLIENT_H_
