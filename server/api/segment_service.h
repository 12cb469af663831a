// cxhub.v1.SegmentService over SegmentCatalog and PersonaFigures: validates each request, calls
// core, packs the reply and maps the status.
#ifndef CXHUB_SERVER_API_SEGMENT_SERVICE_H_
#define CXHUB_SERVER_API_SEGMENT_SERVICE_H_

#include "cxhub/v1/segment.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "server/api/request_limits.h"
#include "server/core/persona_figures.h"
#include "server/core/segment_catalog.h"

namespace cxhub {

// Thread-safe. Borrows the catalog and the personas, which must outlive it; copies the limits.
class SegmentServiceImpl final : public v1::SegmentService::Service {
 public:
  SegmentServiceImpl(SegmentCatalog& catalog, PersonaFigures& personas, const RequestLimits& limits)
      : catalog_(catalog), personas_(personas), limits_(limits) {}

  grpc::Status CreateSegment(grpc::ServerContext* context, const v1::CreateSegmentRequest* request,
                             v1::Segment* response) override;
  grpc::Status GetSegment(grpc::ServerContext* context, const v1::GetSegmentRequest* request,
                          v1::Segment* response) override;
  grpc::Status ListSegments(grpc::ServerContext* context, const v1::ListSegmentsRequest* request,
                            v1::ListSegmentsResponse* response) override;
  grpc::Status UpdateSegment(grpc::ServerContext* context, const v1::UpdateSegmentRequest* request,
                             v1::Segment* response) override;
  grpc::Status DeleteSegment(grpc::ServerContext* context, const v1::DeleteSegmentRequest* request,
                             google::protobuf::Empty* response) override;
  grpc::Status ListSegmentMembers(grpc::ServerContext* context,
                                  const v1::ListSegmentMembersRequest* request,
                                  v1::ListSegmentMembersResponse* response) override;
  grpc::Status CountSegmentMembers(grpc::ServerContext* context,
                                   const v1::CountSegmentMembersRequest* request,
                                   v1::CountSegmentMembersResponse* response) override;
  grpc::Status GetPersona(grpc::ServerContext* context, const v1::GetPersonaRequest* request,
                          v1::Persona* response) override;

 private:
  SegmentCatalog& catalog_;
  PersonaFigures& personas_;
  const RequestLimits limits_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_SEGMENT_SERVICE_H_
