// grpc::Service keeps a method's handler and the switch of a method to the callback API behind
// protected members; naming them through a subclass's using-declarations yields member pointers
// usable on any Service. The one place cxhub reaches them (the access-checked wrapper reads
// handlers, ServeCallback replaces them).
#ifndef CXHUB_SERVER_API_SERVICE_MEMBERS_H_
#define CXHUB_SERVER_API_SERVICE_MEMBERS_H_

#include "grpcpp/impl/rpc_service_method.h"
#include "grpcpp/impl/service_type.h"

namespace cxhub {

class ServiceMembers : public grpc::Service {
 public:
  using grpc::Service::GetHandler;
  using grpc::Service::MarkMethodCallback;
};

// The handler of `service`'s method `index` (its index in the proto's service).
inline grpc::internal::MethodHandler* HandlerOf(grpc::Service& service, int index) {
  return (service.*(&ServiceMembers::GetHandler))(index);
}

// Serves `service`'s method `index` with `handler` on the callback API; the service owns it.
inline void MarkCallback(grpc::Service& service, int index,
                         grpc::internal::MethodHandler* handler) {
  (service.*(&ServiceMembers::MarkMethodCallback))(index, handler);
}

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_SERVICE_MEMBERS_H_
