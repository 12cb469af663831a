#include "clients/cxctl/rpc_client.h"

#include "absl/status/status.h"
#include "clients/cxctl/flag_file.h"
#include "grpcpp/client_context.h"
#include "grpcpp/completion_queue.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/slice.h"

namespace cxhub::cxctl {
namespace {

grpc::ByteBuffer Serialize(const google::protobuf::Message& message) {
  const std::string bytes = message.SerializeAsString();
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

bool Parse(const grpc::ByteBuffer& buffer, google::protobuf::Message* message) {
  std::vector<grpc::Slice> slices;
  if (!buffer.Dump(&slices).ok()) return false;
  std::string bytes;
  for (const grpc::Slice& slice : slices) {
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return message->ParseFromString(bytes);
}

// Waits for the next event of `queue`; false when the operation failed or the queue shut down.
bool Await(grpc::CompletionQueue& queue) {
  void* tag = nullptr;
  bool ok = false;
  return queue.Next(&tag, &ok) && ok;
}

// Waits for the call's last event (its Finish), then empties and shuts down `queue`, as gRPC
// requires before the queue is destroyed.
void AwaitFinishAndDrain(grpc::CompletionQueue& queue) {
  void* tag = nullptr;
  bool ok = false;
  queue.Next(&tag, &ok);
  queue.Shutdown();
  while (queue.Next(&tag, &ok)) {
  }
}

}  // namespace

absl::StatusOr<RpcClient> RpcClient::Open(const ConnectionOptions& options) {
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  const bool tls = options.tls || !options.tls_ca_file.empty() || !options.tls_cert_file.empty() ||
                   !options.tls_key_file.empty();
  if (tls) {
    grpc::SslCredentialsOptions ssl;
    if (!options.tls_ca_file.empty()) {
      absl::StatusOr<std::string> pem = ReadFlagFile("tls-ca", options.tls_ca_file);
      if (!pem.ok()) return pem.status();
      ssl.pem_root_certs = *pem;
    }
    if (options.tls_cert_file.empty() != options.tls_key_file.empty()) {
      return absl::InvalidArgumentError("--tls-cert and --tls-key go together");
    }
    if (!options.tls_cert_file.empty()) {
      absl::StatusOr<std::string> cert = ReadFlagFile("tls-cert", options.tls_cert_file);
      if (!cert.ok()) return cert.status();
      absl::StatusOr<std::string> key = ReadFlagFile("tls-key", options.tls_key_file);
      if (!key.ok()) return key.status();
      ssl.pem_cert_chain = *cert;
      ssl.pem_private_key = *key;
    }
    credentials = grpc::SslCredentials(ssl);
  } else {
    credentials = grpc::InsecureChannelCredentials();
  }
  return RpcClient(grpc::CreateChannel(options.server, credentials), options);
}

void RpcClient::Prepare(grpc::ClientContext& context) const {
  if (options_.timeout.has_value()) {
    context.set_deadline(absl::ToChronoTime(absl::Now() + *options_.timeout));
  }
  if (!options_.token.empty()) context.AddMetadata("authorization", "Bearer " + options_.token);
}

grpc::Status RpcClient::Unary(const std::string& full_method,
                              const google::protobuf::Message& request,
                              google::protobuf::Message* response) const {
  grpc::ClientContext context;
  Prepare(context);

  grpc::GenericStub stub(channel_);
  grpc::CompletionQueue queue;
  grpc::ByteBuffer reply;
  grpc::Status status;
  auto call = stub.PrepareUnaryCall(&context, full_method, Serialize(request), &queue);
  call->StartCall();
  call->Finish(&reply, &status, nullptr);
  AwaitFinishAndDrain(queue);
  if (status.ok() && !Parse(reply, response)) {
    return grpc::Status(grpc::StatusCode::INTERNAL,
                        "cannot parse the response as " + response->GetTypeName());
  }
  return status;
}

grpc::Status RpcClient::Stream(
    const std::string& full_method,
    const std::vector<std::unique_ptr<google::protobuf::Message>>& requests,
    const google::protobuf::Message& response_prototype,
    const std::function<bool(const google::protobuf::Message&)>& on_response) const {
  grpc::ClientContext context;
  Prepare(context);

  grpc::GenericStub stub(channel_);
  grpc::CompletionQueue queue;
  auto call = stub.PrepareCall(&context, full_method, &queue);
  call->StartCall(nullptr);
  bool open = Await(queue);
  for (size_t i = 0; open && i < requests.size(); ++i) {
    call->Write(Serialize(*requests[i]), nullptr);
    open = Await(queue);
  }
  if (open) {
    call->WritesDone(nullptr);
    open = Await(queue);
  }
  grpc::Status parse_error;
  std::unique_ptr<google::protobuf::Message> response(response_prototype.New());
  while (open) {
    grpc::ByteBuffer buffer;
    call->Read(&buffer, nullptr);
    if (!Await(queue)) break;  // The server ended the stream (or the call failed).
    response->Clear();
    if (!Parse(buffer, response.get())) {
      parse_error = grpc::Status(grpc::StatusCode::INTERNAL,
                                 "cannot parse a response as " + response->GetTypeName());
      context.TryCancel();
      break;
    }
    if (!on_response(*response)) {
      context.TryCancel();
      break;
    }
  }
  grpc::Status status;
  call->Finish(&status, nullptr);
  AwaitFinishAndDrain(queue);
  return parse_error.ok() ? status : parse_error;
}

}  // namespace cxhub::cxctl
