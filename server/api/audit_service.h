// cxhub.v1.AuditService over AuditLog: lists the audit log, newest first. There is no method
// that writes it: entries come from the audit interceptor only.
#ifndef CXHUB_SERVER_API_AUDIT_SERVICE_H_
#define CXHUB_SERVER_API_AUDIT_SERVICE_H_

#include "cxhub/v1/audit.grpc.pb.h"
#include "server/api/request_limits.h"
#include "server/core/audit_log.h"

namespace cxhub {

// Thread-safe. Borrows the audit log, which must outlive it; copies the limits.
class AuditServiceImpl final : public v1::AuditService::Service {
 public:
  AuditServiceImpl(AuditLog& audit_log, const RequestLimits& limits)
      : audit_log_(audit_log), limits_(limits) {}

  grpc::Status ListAuditEntries(grpc::ServerContext* context,
                                const v1::ListAuditEntriesRequest* request,
                                v1::ListAuditEntriesResponse* response) override;

 private:
  AuditLog& audit_log_;
  const RequestLimits limits_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_AUDIT_SERVICE_H_
