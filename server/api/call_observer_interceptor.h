// A gRPC server interceptor that reports every finished call (service, method, status code,
// latency) to a CallObserver, so the metrics stay outside the API layer.
//
//   builder.experimental().SetInterceptorCreators(MakeCallObserverInterceptors(observer));
#ifndef CXHUB_SERVER_API_CALL_OBSERVER_INTERCEPTOR_H_
#define CXHUB_SERVER_API_CALL_OBSERVER_INTERCEPTOR_H_

#include <memory>
#include <vector>

#include "grpcpp/support/server_interceptor.h"
#include "server/core/call_observer.h"

namespace cxhub {

// `observer` must outlive the server the interceptors are installed in.
std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
MakeCallObserverInterceptors(CallObserver& observer);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_CALL_OBSERVER_INTERCEPTOR_H_
