// cxhub.v1.TouchpointService over TouchpointCatalog and TouchpointRuleCatalog: validates each
// request, calls the catalog, packs the reply and maps the status. ReassignTouchpoints starts an
// operation on the OperationRunner, which google.longrunning.Operations (operations_service.h)
// then serves.
#ifndef CXHUB_SERVER_API_TOUCHPOINT_SERVICE_H_
#define CXHUB_SERVER_API_TOUCHPOINT_SERVICE_H_

#include "cxhub/v1/touchpoint.grpc.pb.h"
#include "server/api/request_limits.h"
#include "server/core/operation_runner.h"
#include "server/core/touchpoint_catalog.h"
#include "server/core/touchpoint_rule_catalog.h"

namespace cxhub {

// Thread-safe. Borrows the catalogs and the runner, which must outlive it; copies the limits.
class TouchpointServiceImpl final : public v1::TouchpointService::Service {
 public:
  TouchpointServiceImpl(TouchpointCatalog& catalog, TouchpointRuleCatalog& rules,
                        OperationRunner& operations, const RequestLimits& limits)
      : catalog_(catalog), rules_(rules), operations_(operations), limits_(limits) {}

  grpc::Status CreateTouchpoint(grpc::ServerContext* context,
                                const v1::CreateTouchpointRequest* request,
                                v1::Touchpoint* response) override;
  grpc::Status GetTouchpoint(grpc::ServerContext* context, const v1::GetTouchpointRequest* request,
                             v1::Touchpoint* response) override;
  grpc::Status ListTouchpoints(grpc::ServerContext* context,
                               const v1::ListTouchpointsRequest* request,
                               v1::ListTouchpointsResponse* response) override;
  grpc::Status UpdateTouchpoint(grpc::ServerContext* context,
                                const v1::UpdateTouchpointRequest* request,
                                v1::Touchpoint* response) override;
  grpc::Status DeleteTouchpoint(grpc::ServerContext* context,
                                const v1::DeleteTouchpointRequest* request,
                                google::protobuf::Empty* response) override;

  grpc::Status CreateTouchpointRule(grpc::ServerContext* context,
                                    const v1::CreateTouchpointRuleRequest* request,
                                    v1::TouchpointRule* response) override;
  grpc::Status GetTouchpointRule(grpc::ServerContext* context,
                                 const v1::GetTouchpointRuleRequest* request,
                                 v1::TouchpointRule* response) override;
  grpc::Status ListTouchpointRules(grpc::ServerContext* context,
                                   const v1::ListTouchpointRulesRequest* request,
                                   v1::ListTouchpointRulesResponse* response) override;
  grpc::Status UpdateTouchpointRule(grpc::ServerContext* context,
                                    const v1::UpdateTouchpointRuleRequest* request,
                                    v1::TouchpointRule* response) override;
  grpc::Status DeleteTouchpointRule(grpc::ServerContext* context,
                                    const v1::DeleteTouchpointRuleRequest* request,
                                    google::protobuf::Empty* response) override;
  grpc::Status ReassignTouchpoints(grpc::ServerContext* context,
                                   const v1::ReassignTouchpointsRequest* request,
                                   google::longrunning::Operation* response) override;

 private:
  TouchpointCatalog& catalog_;
  TouchpointRuleCatalog& rules_;
  OperationRunner& operations_;
  const RequestLimits limits_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_TOUCHPOINT_SERVICE_H_
