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

#include "grpcpp/support/status.h"
#include "server/api/deferred_unary_handler.h"
#include "server/core/shared_thread_call.h"

namespace cxhub {

// Where a service runs its point reads (see above).
enum class ReadThreads {
  kSynchronousPool,  // A store whose reads wait on the network.
  kCallbackInline,   // The embedded store.
};

// A handler for a unary method on the callback API that runs `body` at once, on the thread that
// delivered the call, and finishes the call with its status: NewDeferredUnaryHandler answered
// before it returns, with the thread marked as a shared one (shared_thread_call.h) while `body`
// runs. For grpc::Service::MarkMethodCallback, which owns it.
template <typename Request, typename Response>
grpc::internal::MethodHandler* NewInlineUnaryHandler(
    std::function<grpc::Status(const Request&, Response*)> body) {
  return NewDeferredUnaryHandler<Request, Response>(
      [body = std::move(body)](const Request& request, Response* response, FinishCall finish) {
        grpc::Status status;
        {
          const ScopedSharedThreadCall shared_thread;  // May take a reserved store connection.
          status = body(request, response);
        }
        std::move(finish)(status);
      });
}

// ServeCallback with NewInlineUnaryHandler of `service`'s member function `read`.
template <typename Service, typename Request, typename Response>
void ServeInline(Service& service, const std::string& service_full_name, const std::string& method,
                 grpc::Status (Service::*read)(const Request&, Response*),
                 std::vector<std::string>& callback_methods) {
  ServeCallback(service, service_full_name, method,
                NewInlineUnaryHandler<Request, Response>(
                    [&service, read](const Request& request, Response* response) {
                      return (service.*read)(request, response);
                    }),
                callback_methods);
}

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_INLINE_UNARY_HANDLER_H_
