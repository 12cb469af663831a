#include "server/api/analytics_conversion.h"

#include <optional>
#include <string>
#include <variant>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cxhub/v1/analytics.pb.h"
#include "server/api/figure_filters.h"
#include "server/api/interaction_conversion.h"
#include "server/api/proto_conversion.h"
#include "server/api/resource_names.h"
#include "server/api/score_figure_conversion.h"
#include "server/core/figures/score_figures.h"
#include "server/core/figures/time_buckets.h"
#include "server/core/lifetime_value_figures.h"
#include "server/core/retention_figures.h"
#include "server/core/satisfaction_figures.h"

namespace cxhub {
namespace {

void FigureToProto(const NpsFigure& figure, v1::SatisfactionFigure* out) {
  ScoreFigureToProto(figure, out->mutable_nps());
}

void FigureToProto(const CsatFigure& figure, v1::SatisfactionFigure* out) {
  ScoreFigureToProto(figure, out->mutable_csat());
}

void FigureToProto(const CesFigure& figure, v1::SatisfactionFigure* out) {
  ScoreFigureToProto(figure, out->mutable_ces());
}

Granularity GranularityFromProto(v1::Granularity granularity) {
  switch (granularity) {
    case v1::GRANULARITY_WEEK:
      return Granularity::kWeek;
    case v1::GRANULARITY_MONTH:
      return Granularity::kMonth;
    default:
      return Granularity::kDay;
  }
}

// The counts always; the figure, into `figure`, only when there is one (the caller sets it).
void RetentionToProto(const RetentionFigure& retention, v1::ActivityCounts* counts,
                      v1::ChurnFigure* figure) {
  counts->set_active_at_start(retention.counts.active_at_start);
  counts->set_retained(retention.counts.retained);
  counts->set_active_at_end(retention.counts.active_at_end);
  counts->set_new_customers(retention.counts.new_during);
  if (!retention.figure.has_value()) return;
  figure->set_churn_percent(retention.figure->churn_percent);
  IntervalToProto(retention.figure->churn_interval, figure->mutable_churn_interval());
  figure->set_retention_percent(retention.figure->retention_percent);
}

void HistoricalToProto(const CurrencyLifetimeValue& value, v1::HistoricalLifetimeValue* out) {
  out->set_customers(value.historical.customers);
  out->set_orders(value.orders);
  out->set_total_minor_units(value.historical.total);
  out->set_mean_minor_units(value.historical.mean);
  out->set_median_minor_units(value.historical.median);
  out->set_p90_minor_units(value.historical.p90);
}

void PredictedToProto(const CurrencyLifetimeValue& value, v1::PredictedLifetimeValue* out) {
  const PredictedValue& predicted = *value.predicted;
  out->set_average_order_value_minor_units(predicted.average_order_value);
  out->set_purchases_per_customer_year(predicted.purchases_per_customer_year);
  out->set_observed_years(
      absl::FDivDuration(value.observed_end_time - value.observed_start_time, kLifetimeValueYear));
  TimeToProto(value.observed_start_time, out->mutable_observed_start_time());
  TimeToProto(value.observed_end_time, out->mutable_observed_end_time());
  out->set_yearly_churn(predicted.yearly_churn);
  out->set_expected_lifetime_years(predicted.expected_lifetime_years);
  out->set_value_minor_units(predicted.value);
}

void CurrencyValueToProto(const CurrencyLifetimeValue& value, v1::CurrencyLifetimeValue* out) {
  out->set_currency(value.currency);
  out->set_minor_unit_exponent(value.minor_unit_exponent);
  HistoricalToProto(value, out->mutable_historical());
  if (value.predicted) PredictedToProto(value, out->mutable_predicted());
}

}  // namespace

FigureSeriesSpec SeriesFromProto(const v1::SatisfactionSeriesSpec& proto) {
  FigureSeriesSpec series;
  series.granularity = GranularityFromProto(proto.granularity());
  if (!proto.time_zone().empty()) absl::LoadTimeZone(proto.time_zone(), &series.zone);
  return series;
}

SatisfactionQuery SatisfactionQueryFromProto(const v1::GetSatisfactionRequest& request) {
  SatisfactionQuery query;
  query.metric = SurveyMetricFromProto(request.metric()).value_or(SurveyMetric::kNps);
  FigureFiltersFromProto(request, query);
  query.segment = SegmentFilterFromProto(request);
  query.include_mentioned = request.include_mentioned();
  if (request.has_series()) query.series = SeriesFromProto(request.series());
  return query;
}

RetentionQuery RetentionQueryFromProto(const v1::GetRetentionRequest& request) {
  RetentionQuery query;
  FigureFiltersFromProto(request, query);
  query.segment = SegmentFilterFromProto(request);
  if (request.has_series()) query.series = SeriesFromProto(request.series());
  return query;
}

void RetentionReportToProto(const RetentionReport& report, v1::RetentionReport* out) {
  out->set_activity_window_days(static_cast<uint32_t>(report.activity_window_days));
  RetentionToProto(report.overall, out->mutable_counts(), out->mutable_figure());
  if (!report.overall.figure.has_value()) out->clear_figure();
  for (const RetentionPoint& point : report.series) {
    v1::RetentionPoint* out_point = out->add_series();
    TimeToProto(point.bucket.start, out_point->mutable_start_time());
    TimeToProto(point.bucket.end, out_point->mutable_end_time());
    RetentionToProto(point.retention, out_point->mutable_counts(), out_point->mutable_figure());
    if (!point.retention.figure.has_value()) out_point->clear_figure();
  }
}

void SatisfactionReportToProto(SurveyMetric metric, const SatisfactionReport& report,
                               v1::SatisfactionReport* out) {
  out->set_metric(SurveyMetricToProto(metric));
  if (report.surveyed) SatisfactionFigureToProto(*report.surveyed, out->mutable_surveyed());
  if (report.mentioned) SatisfactionFigureToProto(*report.mentioned, out->mutable_mentioned());
  for (const SatisfactionPoint& point : report.series) {
    v1::SatisfactionPoint* out_point = out->add_series();
    TimeToProto(point.bucket.start, out_point->mutable_start_time());
    TimeToProto(point.bucket.end, out_point->mutable_end_time());
    if (point.surveyed) SatisfactionFigureToProto(*point.surveyed, out_point->mutable_surveyed());
    if (point.mentioned)
      SatisfactionFigureToProto(*point.mentioned, out_point->mutable_mentioned());
  }
}

LifetimeValueQuery LifetimeValueQueryFromProto(const v1::GetLifetimeValueRequest& request) {
  LifetimeValueQuery query;
  query.currency = request.currency();
  FigureFiltersFromProto(request, query);
  query.segment = SegmentFilterFromProto(request);
  if (request.has_series()) query.series = SeriesFromProto(request.series());
  return query;
}

void LifetimeValueReportToProto(const LifetimeValueReport& report, v1::LifetimeValueReport* out) {
  for (const CurrencyLifetimeValue& value : report.currencies) {
    CurrencyValueToProto(value, out->add_currencies());
  }
  for (const LifetimeValuePoint& point : report.series) {
    v1::LifetimeValuePoint* out_point = out->add_series();
    TimeToProto(point.bucket.start, out_point->mutable_start_time());
    TimeToProto(point.bucket.end, out_point->mutable_end_time());
    for (const CurrencyLifetimeValue& value : point.currencies) {
      CurrencyValueToProto(value, out_point->add_currencies());
    }
  }
  if (!report.yearly_churn) return;
  const YearlyChurn& churn = *report.yearly_churn;
  v1::YearlyChurn* yearly = out->mutable_yearly_churn();
  TimeToProto(churn.start_time, yearly->mutable_start_time());
  TimeToProto(churn.end_time, yearly->mutable_end_time());
  yearly->set_active_at_start(churn.figure.counts.active_at_start);
  yearly->set_retained(churn.figure.counts.retained);
  yearly->set_churn(churn.figure.churn_percent / 100.0);
}

void SatisfactionFigureToProto(const SatisfactionFigure& figure, v1::SatisfactionFigure* out) {
  for (int64_t answers : figure.counts.answers) out->add_answers_by_score(answers);
  std::visit([out](const auto& computed) { FigureToProto(computed, out); }, figure.figure);
}

}  // namespace cxhub
