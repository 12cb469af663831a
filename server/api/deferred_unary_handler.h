// Unary methods on gRPC's callback API that hand their work to another thread and are answered
// from there (RecordInteraction, whose record waits for a group commit): no thread waits per
// call in flight, and gRPC's few callback threads never wait for the store.
#ifndef CXHUB_SERVER_API_DEFERRED_UNARY_HANDLER_H_
#define CXHUB_SERVER_API_DEFERRED_UNARY_HANDLER_H_

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/any_invocable.h"
#include "absl/strings/string_view.h"
#include "grpcpp/impl/codegen/server_callback_handlers.h"
#include "grpcpp/support/server_callback.h"
#include "server/api/arena_message_allocator.h"
#include "server/api/call_deadline_tracking.h"
#include "server/api/current_call_slot.h"
#include "server/api/service_members.h"
#include "server/core/call_deadline.h"

namespace cxhub {

// The index of `method` (e.g. "GetCustomer") in the service `service_full_name` (e.g.
// "cxhub.v1.CustomerService"), which is its index in the generated grpc::Service. Aborts,
// naming both, when there is no such method: a name in the code that does not match the proto.
int MethodIndex(const std::string& service_full_name, absl::string_view method);

// Serves unary `method` of `service` (generated for `service_full_name`) with `handler` on the
// callback API instead of its synchronous handler, and adds its name to `callback_methods` (what
// the service answers CallbackMethodsDeclaration with).
inline void ServeCallback(grpc::Service& service, const std::string& service_full_name,
                          const std::string& method, grpc::internal::MethodHandler* handler,
                          std::vector<std::string>& callback_methods) {
  MarkCallback(service, MethodIndex(service_full_name, method), handler);
  callback_methods.push_back(method);
}

// Answers a deferred call: called exactly once, from any thread, with the call's status once
// its response is filled.
using FinishCall = absl::AnyInvocable<void(const grpc::Status&) &&>;

// A handler for a unary method on the callback API that runs `start` at once, on the thread
// that delivered the call, with the caller's deadline as the thread's call deadline; `start`
// fills the response and calls its FinishCall whenever it is done. The call keeps its slot of
// the calls in flight until then (current_call_slot.h). For grpc::Service::MarkMethodCallback,
// which owns it.
template <typename Request, typename Response>
grpc::internal::MethodHandler* NewDeferredUnaryHandler(
    std::function<void(const Request&, Response*, FinishCall)> start) {
  auto* handler = new grpc::internal::CallbackUnaryHandler<Request, Response>(
      [start = std::move(start)](grpc::CallbackServerContext* context, const Request* request,
                                 Response* response) {
        grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
        const ScopedCallDeadline deadline(CallDeadlineOf(*context));
        start(*request, response,
              [reactor, slot = TakeCurrentCallSlot()](const grpc::Status& status) mutable {
                slot.reset();  // Free before the answer, so a caller answered can call again.
                reactor->Finish(status);
              });
        return reactor;
      });
  // The call's messages live on an arena of the call (arena_message_allocator.h).
  handler->SetMessageAllocator(SharedArenaMessageAllocator<Request, Response>());
  return handler;
}

// ServeCallback with NewDeferredUnaryHandler of `service`'s member function `start`.
template <typename Service, typename Request, typename Response>
void ServeDeferred(Service& service, const std::string& service_full_name,
                   const std::string& method,
                   void (Service::*start)(const Request&, Response*, FinishCall),
                   std::vector<std::string>& callback_methods) {
  ServeCallback(
      service, service_full_name, method,
      NewDeferredUnaryHandler<Request, Response>(
          [&service, start](const Request& request, Response* response, FinishCall finish) {
            (service.*start)(request, response, std::move(finish));
          }),
      callback_methods);
}

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_DEFERRED_UNARY_HANDLER_H_
