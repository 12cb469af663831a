// The one place every protected call is admitted: a gRPC service that serves the methods of
// another (the real implementation, which is not registered itself) and runs each one only
// after AccessControl::Admit, and, for unary calls, only while a slot of the server's cap on
// calls in flight (load_limits.max_concurrent_calls) is free. A denied call answers
// UNAUTHENTICATED or PERMISSION_DENIED, a call over the cap RESOURCE_EXHAUSTED naming the
// setting, and neither reaches the implementation. Health and reflection are not wrapped, so
// they answer whatever the load.
//
// Why not an interceptor or an AuthMetadataProcessor: gRPC's server interceptors cannot end a
// call before its handler runs, and AuthMetadataProcessor is ignored with insecure credentials
// (plain text on loopback). Wrapping the method handlers works with both and with every method
// type the sync API serves, and with server-streaming methods on the callback API.
#ifndef CXHUB_SERVER_API_ACCESS_CHECKED_SERVICE_H_
#define CXHUB_SERVER_API_ACCESS_CHECKED_SERVICE_H_

#include <memory>
#include <string>
#include <vector>

#include "grpcpp/impl/service_type.h"
#include "server/api/access_control.h"
#include "server/core/concurrency_limit.h"

namespace cxhub {

// What the cap on calls in flight is called in its refusals: names the setting.
inline constexpr char kCallsInFlightLimitName[] =
    "calls in flight (config load_limits.max_concurrent_calls)";

// A service some of whose methods are served on the callback API (marked by a generated
// WithCallbackMethod_ class, ServePointRead or ServeDeferred) says which, so that their
// access-checked twins are too. Server-streaming and unary methods are supported there; a unary
// one takes its slot of the calls in flight over and holds it until it answers
// (NewDeferredUnaryHandler, which NewPointReadHandler answers through).
class CallbackMethodsDeclaration {
 public:
  // Method names as in the proto, e.g. "WatchInteractions".
  virtual std::vector<std::string> CallbackMethodNames() const = 0;

 protected:
  ~CallbackMethodsDeclaration() = default;
};

// Serves every method of `service` (sync API unless it declares callback methods, generated for
// `service_full_name`, e.g. "cxhub.v1.CustomerService") behind `access`; its unary and
// client-streaming calls also hold a slot of `calls_in_flight` while they run (server-streaming
// calls, the Watch streams, have their own cap). Register the result instead of `service`.
// Borrows all three, which must outlive the result.
std::unique_ptr<grpc::Service> AccessChecked(grpc::Service& service,
                                             const std::string& service_full_name,
                                             const AccessControl& access,
                                             ConcurrencyLimit& calls_in_flight);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_ACCESS_CHECKED_SERVICE_H_
