// Server reflection follows the reader role: it describes every method and message, so a
// caller without a valid token gets UNAUTHENTICATED. gRPC registers the reflection service
// itself, out of reach of the access check that wraps cxhub's own services
// (access_checked_service.h), so it is gated here, before its handler reads a request.
#ifndef CXHUB_SERVER_API_REFLECTION_ACCESS_INTERCEPTOR_H_
#define CXHUB_SERVER_API_REFLECTION_ACCESS_INTERCEPTOR_H_

#include <memory>

#include "grpcpp/support/server_interceptor.h"
#include "server/api/access_control.h"

namespace cxhub {

// Borrows `access`, which must outlive the server the factory is installed in.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeReflectionAccessInterceptorFactory(const AccessControl& access);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_REFLECTION_ACCESS_INTERCEPTOR_H_
