// cxhub.v1.PrivacyService over CustomerErasure and CustomerExport: validates each request,
// calls core, packs the reply and maps the status.
#ifndef CXHUB_SERVER_API_PRIVACY_SERVICE_H_
#define CXHUB_SERVER_API_PRIVACY_SERVICE_H_

#include "cxhub/v1/privacy.grpc.pb.h"
#include "server/api/request_limits.h"
#include "server/core/customer_erasure.h"
#include "server/core/customer_export.h"

namespace cxhub {

// Thread-safe. Borrows the erasure and the export, which must outlive it; copies the limits.
// ExportCustomer holds a server thread while it streams, and stops when the client goes away.
class PrivacyServiceImpl final : public v1::PrivacyService::Service {
 public:
  PrivacyServiceImpl(CustomerErasure& erasure, const CustomerExport& exporter,
                     const RequestLimits& limits)
      : erasure_(erasure), exporter_(exporter), limits_(limits) {}

  grpc::Status EraseCustomer(grpc::ServerContext* context, const v1::EraseCustomerRequest* request,
                             v1::EraseCustomerResponse* response) override;
  grpc::Status EraseIdentity(grpc::ServerContext* context, const v1::EraseIdentityRequest* request,
                             v1::EraseIdentityResponse* response) override;
  grpc::Status ExportCustomer(grpc::ServerContext* context,
                              const v1::ExportCustomerRequest* request,
                              grpc::ServerWriter<v1::ExportCustomerResponse>* writer) override;

 private:
  CustomerErasure& erasure_;
  const CustomerExport& exporter_;
  const RequestLimits limits_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_PRIVACY_SERVICE_H_
