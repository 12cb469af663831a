// cxhub.v1.AnalyticsService messages <-> core's figures (server/core/satisfaction_figures.h,
// server/core/retention_figures.h).
#ifndef CXHUB_SERVER_API_ANALYTICS_CONVERSION_H_
#define CXHUB_SERVER_API_ANALYTICS_CONVERSION_H_

#include "cxhub/v1/analytics.pb.h"
#include "server/core/lifetime_value_figures.h"
#include "server/core/retention_figures.h"
#include "server/core/satisfaction_figures.h"

namespace cxhub {

// A series spec that passed validation (a known time zone), for every figure with a series.
FigureSeriesSpec SeriesFromProto(const v1::SatisfactionSeriesSpec& proto);

// `request` must have passed ValidateRequest (analytics_validation.h).
SatisfactionQuery SatisfactionQueryFromProto(const v1::GetSatisfactionRequest& request);

void SatisfactionReportToProto(SurveyMetric metric, const SatisfactionReport& report,
                               v1::SatisfactionReport* out);

// `request` must have passed ValidateRequest (analytics_validation.h).
RetentionQuery RetentionQueryFromProto(const v1::GetRetentionRequest& request);

void RetentionReportToProto(const RetentionReport& report, v1::RetentionReport* out);

// `request` must have passed ValidateRequest (analytics_validation.h).
// The counts per score and the figure of its metric.
void SatisfactionFigureToProto(const SatisfactionFigure& figure, v1::SatisfactionFigure* out);

LifetimeValueQuery LifetimeValueQueryFromProto(const v1::GetLifetimeValueRequest& request);

void LifetimeValueReportToProto(const LifetimeValueReport& report, v1::LifetimeValueReport* out);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_ANALYTICS_CONVERSION_H_
