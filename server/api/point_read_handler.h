// Point reads (GetCustomer, LookupCustomer, GetInteraction, ListInteractions) served on gRPC's
// callback API: on the thread that delivered the call, or on a pool of the server's own.
//
// Why not gRPC's synchronous API: it hands each call from gRPC's polling thread to a thread of
// its pool and back. On the embedded store (2 cores, cxload, GetCustomer only) that held it to
// 12,700-14,600 calls/s against 15,200-15,900 inline, and doubled its p99. On MySQL, with 4 or
// more calls in flight, about one call in a thousand also waited some 100 ms there before its
// handler ran (p99.9 about 105 ms, against 8 ms on a pool of our own).
//
// A read of the embedded store never waits on the network, so it runs where the call arrived.
// A read of a store across the network (MySQL) would hold one of gRPC's few callback threads for
// its round trips and stall every other callback call, Watch streams included, so it is handed
// to the server's read pool (a thread per read connection) and answered from there.
#ifndef CXHUB_SERVER_API_POINT_READ_HANDLER_H_
#define CXHUB_SERVER_API_POINT_READ_HANDLER_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "grpcpp/support/status.h"
#include "server/api/deferred_unary_handler.h"
#include "server/core/call_deadline.h"
#include "server/core/shared_thread_call.h"
#include "server/core/thread_pool.h"

namespace cxhub {

// A handler for a unary method on the callback API that runs `body` and finishes the call with
// its status (through NewDeferredUnaryHandler), with the caller's deadline as the thread's call
// deadline:
// - `pool` null: at once, on the thread that delivered the call, marked as a shared one
//   (shared_thread_call.h) while `body` runs, and answered before the handler returns;
// - otherwise on a thread of `pool`, which must outlive every call (the server's Shutdown waits
//   for them).
// For grpc::Service::MarkMethodCallback, which owns it.
template <typename Request, typename Response>
grpc::internal::MethodHandler* NewPointReadHandler(
    ThreadPool* pool, std::function<grpc::Status(const Request&, Response*)> body) {
  return NewDeferredUnaryHandler<Request, Response>(
      [pool, body = std::move(body)](const Request& request, Response* response,
                                     FinishCall finish) {
        if (pool == nullptr) {
          grpc::Status status;
          {
            const ScopedSharedThreadCall shared_thread;  // May take a reserved store connection.
            status = body(request, response);
          }
          std::move(finish)(status);
          return;
        }
        // `body` lives in the handler, which the service keeps past every call.
        pool->Run([&body, &request, response, deadline = CurrentCallDeadline(),
                   finish = std::move(finish)]() mutable {
          grpc::Status status;
          {
            const ScopedCallDeadline call_deadline(deadline);
            status = body(request, response);
          }
          std::move(finish)(status);
        });
      });
}

// ServeCallback with NewPointReadHandler of `service`'s member function `read`.
template <typename Service, typename Request, typename Response>
void ServePointRead(Service& service, const std::string& service_full_name,
                    const std::string& method, ThreadPool* pool,
                    grpc::Status (Service::*read)(const Request&, Response*),
                    std::vector<std::string>& callback_methods) {
  ServeCallback(service, service_full_name, method,
                NewPointReadHandler<Request, Response>(
                    pool,
                    [&service, read](const Request& request, Response* response) {
                      return (service.*read)(request, response);
                    }),
                callback_methods);
}

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_POINT_READ_HANDLER_H_
