#include "server/api/access_checked_service.h"

#include <deque>
#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message_lite.h"
#include "grpcpp/impl/rpc_service_method.h"
#include "server/api/current_caller.h"
#include "server/api/status_mapping.h"

namespace cxhub {
namespace {

using grpc::internal::MethodHandler;

// grpc::Service keeps a method's handler behind a protected accessor; naming it through a
// subclass's using-declaration yields a member pointer usable on any Service.
class HandlerAccess : public grpc::Service {
 public:
  using grpc::Service::GetHandler;
};

MethodHandler* HandlerOf(grpc::Service& service, int index) {
  return (service.*(&HandlerAccess::GetHandler))(index);
}

// Runs the implementation's handler for admitted calls; sends the denial for the others.
class AccessCheckedHandler final : public MethodHandler {
 public:
  AccessCheckedHandler(MethodHandler& inner, std::string full_method, const AccessControl& access)
      : inner_(inner), full_method_(std::move(full_method)), access_(access) {}

  void RunHandler(const HandlerParameter& param) override {
    if (param.status.ok()) {
      absl::StatusOr<Caller> caller = access_.Admit(*param.server_context, full_method_);
      if (!caller.ok()) {
        // The request was deserialized for a handler that will not run it. Every request is
        // a generated message, whose only base is MessageLite.
        if (param.request != nullptr) {
          static_cast<google::protobuf::MessageLite*>(param.request)->~MessageLite();
        }
        // Given a failed status, the handler sends it without calling the implementation.
        inner_.RunHandler(HandlerParameter(param.call, param.server_context, nullptr,
                                           ToGrpcStatus(caller.status()), param.internal_data,
                                           param.call_requester));
        return;
      }
      const ScopedCurrentCaller current(*caller);
      inner_.RunHandler(param);
      return;
    }
    inner_.RunHandler(param);
  }

  void* Deserialize(grpc_call* call, grpc_byte_buffer* request, grpc::Status* status,
                    void** handler_data) override {
    return inner_.Deserialize(call, request, status, handler_data);
  }

 private:
  MethodHandler& inner_;
  const std::string full_method_;
  const AccessControl& access_;
};

grpc::internal::RpcMethod::RpcType TypeOf(const google::protobuf::MethodDescriptor& method) {
  using grpc::internal::RpcMethod;
  if (method.client_streaming()) {
    return method.server_streaming() ? RpcMethod::BIDI_STREAMING : RpcMethod::CLIENT_STREAMING;
  }
  return method.server_streaming() ? RpcMethod::SERVER_STREAMING : RpcMethod::NORMAL_RPC;
}

class AccessCheckedService final : public grpc::Service {
 public:
  // The generated service adds its methods in declaration order, as the descriptor lists them.
  AccessCheckedService(grpc::Service& service,
                       const google::protobuf::ServiceDescriptor& descriptor,
                       const AccessControl& access) {
    for (int i = 0; i < descriptor.method_count(); ++i) {
      const google::protobuf::MethodDescriptor& method = *descriptor.method(i);
      // gRPC keeps the name's pointer: the deque keeps each string in place.
      const std::string& name =
          names_.emplace_back(absl::StrCat("/", descriptor.full_name(), "/", method.name()));
      AddMethod(new grpc::internal::RpcServiceMethod(
          name.c_str(), TypeOf(method),
          new AccessCheckedHandler(*HandlerOf(service, i), name, access)));
    }
  }

 private:
  std::deque<std::string> names_;
};

}  // namespace

std::unique_ptr<grpc::Service> AccessChecked(grpc::Service& service,
                                             const std::string& service_full_name,
                                             const AccessControl& access) {
  const google::protobuf::ServiceDescriptor* descriptor =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service_full_name);
  if (descriptor == nullptr) return nullptr;
  return std::make_unique<AccessCheckedService>(service, *descriptor, access);
}

}  // namespace cxhub
