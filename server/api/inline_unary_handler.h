// Point reads served on gRPC's callback API and answered on the thread that delivered the call.
//
// Why: a synchronous method hands each call from gRPC's polling thread to a thread of the
// synchronous pool and back (two wake-ups and two context switches). On a 2-core machine
// (cxload, GetCustomer only) that held it to 12,700-14,600 calls/s against 15,200-15,900 inline,
// and doubled its p99. A read of the embedded store never waits on the network, so it can run
// where the call arrived. A read of a store across the network (MySQL) would hold one of gRPC's few
// callback threads for a round trip and stall every other callback call, Watch streams included:
// there the same methods stay on the synchronous pool (ReadThreads::kSynchronousPool).
#ifndef CXHUB_SERVER_API_INLINE_UNARY_HANDLER_H_
#define CXHUB_SERVER_API_INLINE_UNARY_HANDLER_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "grpcpp/impl/codegen/server_callback_handlers.h"
#include "grpcpp/support/server_callback.h"
#include "server/api/call_deadline_tracking.h"
#include "server/api/service_members.h"
#include "server/core/call_deadline.h"
#include "server/core/shared_thread_call.h"

namespace cxhub {

// Where a service runs its point reads (see above).
enum class ReadThreads {
  kSynchronousPool,  // A store whose reads wait on the network.
  kCallbackInline,   // The embedded store.
};

// The index of `method` (e.g. "GetCustomer") in the service `service_full_name` (e.g.
// "cxhub.v1.CustomerService"), which is its index in the generated grpc::Service. Aborts,
// naming both, when there is no such method: a name in the code that does not match the proto.
int MethodIndex(const std::string& service_full_name, absl::string_view method);

// A handler for a unary method on the callback API that runs `body` at once, on the thread that
// delivered the call, with the caller's deadline as the thread's call deadline (as the
// synchronous pool has it, call_deadline_tracking.h), and finishes the call with its status.
// For grpc::Service::MarkMethodCallback, which owns it.
template <typename Request, typename Response>
grpc::internal::MethodHandler* NewInlineUnaryHandler(
    std::function<grpc::Status(const Request&, Response*)> body) {
  return new grpc::internal::CallbackUnaryHandler<Request, Response>(
      [body = std::move(body)](grpc::CallbackServerContext* context, const Request* request,
                               Response* response) {
        grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
        const ScopedCallDeadline deadline(CallDeadlineOf(*context));
        const ScopedSharedThreadCall shared_thread;  // May take a reserved store connection.
        reactor->Finish(body(*request, response));
        return reactor;
      });
}

// Serves unary `method` of `service` (generated for `service_full_name`) inline, with
// NewInlineUnaryHandler of its member function `read`, instead of its synchronous handler, and
// adds its name to `callback_methods` (what the service answers CallbackMethodsDeclaration
// with).
template <typename Service, typename Request, typename Response>
void ServeInline(Service& service, const std::string& service_full_name, const std::string& method,
                 grpc::Status (Service::*read)(const Request&, Response*),
                 std::vector<std::string>& callback_methods) {
  MarkCallback(service, MethodIndex(service_full_name, method),
               NewInlineUnaryHandler<Request, Response>(
                   [&service, read](const Request& request, Response* response) {
                     return (service.*read)(request, response);
                   }));
  callback_methods.push_back(method);
}

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_INLINE_UNARY_HANDLER_H_
