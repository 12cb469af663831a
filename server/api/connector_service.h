// cxhub.v1.ConnectorService over the connector host: validates each request, calls the host or
// its dead-letter queue, packs the reply and maps the status.
#ifndef CXHUB_SERVER_API_CONNECTOR_SERVICE_H_
#define CXHUB_SERVER_API_CONNECTOR_SERVICE_H_

#include "cxhub/v1/connector.grpc.pb.h"
#include "server/api/request_limits.h"
#include "server/connectors/connector_host.h"

namespace cxhub {

// Thread-safe. Borrows the host, which must outlive it; copies the limits.
class ConnectorServiceImpl final : public v1::ConnectorService::Service {
 public:
  ConnectorServiceImpl(ConnectorHost& host, const RequestLimits& limits)
      : host_(host), limits_(limits) {}

  grpc::Status ListConnectors(grpc::ServerContext* context,
                              const v1::ListConnectorsRequest* request,
                              v1::ListConnectorsResponse* response) override;
  grpc::Status GetConnector(grpc::ServerContext* context, const v1::GetConnectorRequest* request,
                            v1::Connector* response) override;
  grpc::Status RunConnector(grpc::ServerContext* context, const v1::RunConnectorRequest* request,
                            v1::Connector* response) override;
  grpc::Status PauseConnector(grpc::ServerContext* context,
                              const v1::PauseConnectorRequest* request,
                              v1::Connector* response) override;
  grpc::Status ResumeConnector(grpc::ServerContext* context,
                               const v1::ResumeConnectorRequest* request,
                               v1::Connector* response) override;
  grpc::Status ListDeadLetters(grpc::ServerContext* context,
                               const v1::ListDeadLettersRequest* request,
                               v1::ListDeadLettersResponse* response) override;
  grpc::Status RetryDeadLetter(grpc::ServerContext* context,
                               const v1::RetryDeadLetterRequest* request,
                               v1::RetryDeadLetterResponse* response) override;
  grpc::Status DeleteDeadLetter(grpc::ServerContext* context,
                                const v1::DeleteDeadLetterRequest* request,
                                google::protobuf::Empty* response) override;

 private:
  ConnectorHost& host_;
  const RequestLimits limits_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_CONNECTOR_SERVICE_H_
