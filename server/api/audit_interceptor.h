// A gRPC server interceptor that writes an audit entry (token name, method, resource, outcome)
// for every finished call of an audited method (AuditLog, the role table's `audited`), denied
// calls included. Entries are written after the status is known, before it is sent.
//
//   builder.experimental().SetInterceptorCreators(...MakeAuditInterceptors(access, audit)...);
#ifndef CXHUB_SERVER_API_AUDIT_INTERCEPTOR_H_
#define CXHUB_SERVER_API_AUDIT_INTERCEPTOR_H_

#include <memory>

#include "grpcpp/support/server_interceptor.h"
#include "server/api/access_control.h"
#include "server/core/audit_log.h"

namespace cxhub {

// Borrows both, which must outlive the server the factory is installed in.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> MakeAuditInterceptorFactory(
    const AccessControl& access, AuditLog& audit_log);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_AUDIT_INTERCEPTOR_H_
