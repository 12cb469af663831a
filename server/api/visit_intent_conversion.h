// cxhub.v1.AnalyticsService's visitor intent messages <-> core's figures
// (server/core/visit_intent_figures.h).
#ifndef CXHUB_SERVER_API_VISIT_INTENT_CONVERSION_H_
#define CXHUB_SERVER_API_VISIT_INTENT_CONVERSION_H_

#include "cxhub/v1/analytics.pb.h"
#include "server/core/visit_intent_figures.h"

namespace cxhub {

// `request` must have passed ValidateRequest (analytics_validation.h).
VisitIntentQuery VisitIntentQueryFromProto(const v1::GetVisitorIntentRequest& request);

void VisitIntentReportToProto(const VisitIntentReport& report, v1::VisitorIntentReport* out);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_VISIT_INTENT_CONVERSION_H_
