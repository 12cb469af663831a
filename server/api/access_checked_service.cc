#include "server/api/access_checked_service.h"

#include <algorithm>
#include <deque>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message_lite.h"
#include "grpcpp/impl/codegen/server_callback_handlers.h"
#include "grpcpp/impl/rpc_service_method.h"
#include "grpcpp/support/byte_buffer.h"
#include "server/api/arena_message_allocator.h"
#include "server/api/current_call_slot.h"
#include "server/api/current_caller.h"
#include "server/api/service_members.h"
#include "server/api/status_mapping.h"

namespace cxhub {
namespace {

using grpc::internal::MethodHandler;

// Finishes a denied callback-API call with its denial, having sent nothing else.
class DenialReactor final : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
 public:
  explicit DenialReactor(const grpc::Status& denial) { Finish(denial); }
  void OnDone() override { delete this; }
};

// Answers a denied call of a callback-API method. The method's own handler answers any failed
// status with UNIMPLEMENTED, so a handler of our own serves the call: it only finishes it, and
// what it is typed for does not matter (it reads and writes no message).
void DenyCallbackCall(const MethodHandler::HandlerParameter& param, const grpc::Status& denial) {
  grpc::internal::CallbackServerStreamingHandler<grpc::ByteBuffer, grpc::ByteBuffer> denier(
      [denial](grpc::CallbackServerContext*, const grpc::ByteBuffer*) {
        return new DenialReactor(denial);
      });
  denier.RunHandler(MethodHandler::HandlerParameter(param.call, param.server_context, nullptr,
                                                    grpc::Status::OK, /*internal_data=*/nullptr,
                                                    param.call_requester));
}

// Runs the implementation's handler for admitted calls within the cap; sends the refusal for
// the others.
class AccessCheckedHandler final : public MethodHandler {
 public:
  // `calls_in_flight` null: the method is not counted (a stream with a cap of its own).
  // `callback`: the implementation serves the method on the callback API.
  AccessCheckedHandler(MethodHandler& inner, std::string full_method, const AccessControl& access,
                       ConcurrencyLimit* calls_in_flight, bool callback)
      : inner_(inner),
        full_method_(std::move(full_method)),
        access_(access),
        calls_in_flight_(calls_in_flight),
        callback_(callback) {}

  void RunHandler(const HandlerParameter& param) override {
    if (!param.status.ok()) {
      inner_.RunHandler(param);
      return;
    }
    absl::StatusOr<Caller> caller = access_.Admit(*param.server_context, full_method_);
    if (!caller.ok()) {
      Refuse(param, caller.status());
      return;
    }
    // Who is calling, for the merge ledger; a sync handler runs the whole call on this thread.
    const ScopedCurrentCaller current(*caller);
    if (calls_in_flight_ == nullptr) {
      inner_.RunHandler(param);
      return;
    }
    absl::StatusOr<ConcurrencyLimit::Slot> acquired = calls_in_flight_->Acquire();
    if (!acquired.ok()) {
      Refuse(param, acquired.status());
      return;
    }
    // Held until the implementation has answered: a sync handler answers before it returns; a
    // callback one (deferred_unary_handler.h) takes the slot over until it answers.
    std::optional<ConcurrencyLimit::Slot> slot(*std::move(acquired));
    const ScopedCurrentCallSlot lent(slot);
    inner_.RunHandler(param);
  }

  void* Deserialize(grpc_call* call, grpc_byte_buffer* request, grpc::Status* status,
                    void** handler_data) override {
    return inner_.Deserialize(call, request, status, handler_data);
  }

 private:
  // Answers `status` without calling the implementation.
  void Refuse(const HandlerParameter& param, const absl::Status& status) {
    // The request was deserialized for a handler that will not run it. Every request is a
    // generated message, whose only base is MessageLite. (On an arena its destructor does
    // nothing: the arena's release below frees it.)
    if (param.request != nullptr) {
      static_cast<google::protobuf::MessageLite*>(param.request)->~MessageLite();
    }
    if (callback_) {
      // Only the method's handler would have released the call's messages.
      ReleaseUnusedArenaMessages(param.internal_data);
      DenyCallbackCall(param, ToGrpcStatus(status));
      return;
    }
    // Given a failed status, the handler sends it without calling the implementation.
    inner_.RunHandler(HandlerParameter(param.call, param.server_context, nullptr,
                                       ToGrpcStatus(status), param.internal_data,
                                       param.call_requester));
  }

  MethodHandler& inner_;
  const std::string full_method_;
  const AccessControl& access_;
  ConcurrencyLimit* const calls_in_flight_;
  const bool callback_;
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
                       const AccessControl& access, ConcurrencyLimit& calls_in_flight) {
    const auto* declaration = dynamic_cast<const CallbackMethodsDeclaration*>(&service);
    const std::vector<std::string> callback_methods =
        declaration != nullptr ? declaration->CallbackMethodNames() : std::vector<std::string>();
    for (int i = 0; i < descriptor.method_count(); ++i) {
      const google::protobuf::MethodDescriptor& method = *descriptor.method(i);
      // gRPC keeps the name's pointer: the deque keeps each string in place.
      const std::string& name =
          names_.emplace_back(absl::StrCat("/", descriptor.full_name(), "/", method.name()));
      // A Watch stream lasts as long as its client wants: it counts against
      // load_limits.max_watch_streams instead, or a few watchers would starve every call.
      ConcurrencyLimit* counted = method.server_streaming() ? nullptr : &calls_in_flight;
      const bool callback = std::find(callback_methods.begin(), callback_methods.end(),
                                      method.name()) != callback_methods.end();
      auto* checked = new grpc::internal::RpcServiceMethod(
          name.c_str(), TypeOf(method),
          new AccessCheckedHandler(*HandlerOf(service, i), name, access, counted, callback));
      if (callback) {
        checked->SetServerApiType(grpc::internal::RpcServiceMethod::ApiType::CALL_BACK);
      }
      AddMethod(checked);
    }
  }

 private:
  std::deque<std::string> names_;
};

}  // namespace
std::unique_ptr<grpc::Service> AccessChecked(grpc::Service& service,
                                             const std::string& service_full_name,
                                             const AccessControl& access,
                                             ConcurrencyLimit& calls_in_flight) {
  const google::protobuf::ServiceDescriptor* descriptor =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service_full_name);
  if (descriptor == nullptr) return nullptr;
  return std::make_unique<AccessCheckedService>(service, *descriptor, access, calls_in_flight);
}

}  // namespace cxhub
