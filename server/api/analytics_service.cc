#include "server/api/analytics_service.h"

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/api/analytics_conversion.h"
#include "server/api/analytics_validation.h"
#include "server/api/complaint_conversion.h"
#include "server/api/complaint_validation.h"
#include "server/api/journey_conversion.h"
#include "server/api/journey_validation.h"
#include "server/api/status_mapping.h"
#include "server/api/visit_intent_conversion.h"
#include "server/core/complaint_themes.h"
#include "server/core/journey_maps.h"
#include "server/core/lifetime_value_figures.h"
#include "server/core/retention_figures.h"
#include "server/core/satisfaction_figures.h"
#include "server/core/visit_intent_figures.h"

namespace cxhub {

grpc::Status AnalyticsServiceImpl::GetSatisfaction(grpc::ServerContext* context,
                                                   const v1::GetSatisfactionRequest* request,
                                                   v1::SatisfactionReport* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  const SatisfactionQuery query = SatisfactionQueryFromProto(*request);
  absl::StatusOr<SatisfactionReport> report = satisfaction_.Get(query);
  if (!report.ok()) return ToGrpcStatus(report.status());
  SatisfactionReportToProto(query.metric, *report, response);
  return grpc::Status::OK;
}

grpc::Status AnalyticsServiceImpl::GetRetention(grpc::ServerContext* context,
                                                const v1::GetRetentionRequest* request,
                                                v1::RetentionReport* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  absl::StatusOr<RetentionReport> report = retention_.Get(RetentionQueryFromProto(*request));
  if (!report.ok()) return ToGrpcStatus(report.status());
  RetentionReportToProto(*report, response);
  return grpc::Status::OK;
}

grpc::Status AnalyticsServiceImpl::GetLifetimeValue(grpc::ServerContext* context,
                                                    const v1::GetLifetimeValueRequest* request,
                                                    v1::LifetimeValueReport* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  absl::StatusOr<LifetimeValueReport> report =
      lifetime_value_.Get(LifetimeValueQueryFromProto(*request));
  if (!report.ok()) return ToGrpcStatus(report.status());
  LifetimeValueReportToProto(*report, response);
  return grpc::Status::OK;
}

grpc::Status AnalyticsServiceImpl::GetComplaintThemes(grpc::ServerContext* context,
                                                      const v1::GetComplaintThemesRequest* request,
                                                      v1::ComplaintThemes* response) {
  if (absl::Status status = ValidateRequest(*request); !status.ok()) return ToGrpcStatus(status);
  absl::StatusOr<ComplaintThemesReport> report =
      complaint_themes_.Get(ComplaintThemesQueryFromProto(*request));
  if (!report.ok()) return ToGrpcStatus(report.status());
  ComplaintThemesToProto(*report, response);
  return grpc::Status::OK;
}

grpc::Status AnalyticsServiceImpl::GetJourneyMap(grpc::ServerContext* context,
                                                 const v1::GetJourneyMapRequest* request,
                                                 v1::JourneyMap* response) {
  if (absl::Status status = ValidateRequest(*request); !status.ok()) return ToGrpcStatus(status);
  absl::StatusOr<JourneyMap> map = journey_maps_.Get(JourneyMapQueryFromProto(*request));
  if (!map.ok()) return ToGrpcStatus(map.status());
  JourneyMapToProto(*map, response);
  return grpc::Status::OK;
}

grpc::Status AnalyticsServiceImpl::GetVisitorIntent(grpc::ServerContext* context,
                                                    const v1::GetVisitorIntentRequest* request,
                                                    v1::VisitorIntentReport* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  absl::StatusOr<VisitIntentReport> report = visit_intent_.Get(VisitIntentQueryFromProto(*request));
  if (!report.ok()) return ToGrpcStatus(report.status());
  VisitIntentReportToProto(*report, response);
  return grpc::Status::OK;
}

}  // namespace cxhub
