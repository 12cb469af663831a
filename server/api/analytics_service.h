// cxhub.v1.AnalyticsService over core's figures: validates each request, asks core, packs the
// reply and maps the status.
#ifndef CXHUB_SERVER_API_ANALYTICS_SERVICE_H_
#define CXHUB_SERVER_API_ANALYTICS_SERVICE_H_

#include "cxhub/v1/analytics.grpc.pb.h"
#include "server/api/request_limits.h"
#include "server/core/complaint_themes.h"
#include "server/core/journey_maps.h"
#include "server/core/lifetime_value_figures.h"
#include "server/core/retention_figures.h"
#include "server/core/satisfaction_figures.h"
#include "server/core/visit_intent_figures.h"

namespace cxhub {

// Thread-safe. Borrows the figures, which must outlive it; copies the limits.
class AnalyticsServiceImpl final : public v1::AnalyticsService::Service {
 public:
  AnalyticsServiceImpl(SatisfactionFigures& satisfaction, RetentionFigures& retention,
                       LifetimeValueFigures& lifetime_value, ComplaintThemes& complaint_themes,
                       JourneyMaps& journey_maps, VisitIntentFigures& visit_intent,
                       const RequestLimits& limits)
      : satisfaction_(satisfaction),
        retention_(retention),
        lifetime_value_(lifetime_value),
        complaint_themes_(complaint_themes),
        journey_maps_(journey_maps),
        visit_intent_(visit_intent),
        limits_(limits) {}

  grpc::Status GetSatisfaction(grpc::ServerContext* context,
                               const v1::GetSatisfactionRequest* request,
                               v1::SatisfactionReport* response) override;
  grpc::Status GetRetention(grpc::ServerContext* context, const v1::GetRetentionRequest* request,
                            v1::RetentionReport* response) override;
  grpc::Status GetLifetimeValue(grpc::ServerContext* context,
                                const v1::GetLifetimeValueRequest* request,
                                v1::LifetimeValueReport* response) override;
  grpc::Status GetComplaintThemes(grpc::ServerContext* context,
                                  const v1::GetComplaintThemesRequest* request,
                                  v1::ComplaintThemes* response) override;
  grpc::Status GetJourneyMap(grpc::ServerContext* context, const v1::GetJourneyMapRequest* request,
                             v1::JourneyMap* response) override;
  grpc::Status GetVisitorIntent(grpc::ServerContext* context,
                                const v1::GetVisitorIntentRequest* request,
                                v1::VisitorIntentReport* response) override;

 private:
  SatisfactionFigures& satisfaction_;
  RetentionFigures& retention_;
  LifetimeValueFigures& lifetime_value_;
  ComplaintThemes& complaint_themes_;
  JourneyMaps& journey_maps_;
  VisitIntentFigures& visit_intent_;
  const RequestLimits limits_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_ANALYTICS_SERVICE_H_
