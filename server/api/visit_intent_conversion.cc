#include "server/api/visit_intent_conversion.h"

#include "cxhub/v1/analytics.pb.h"
#include "server/api/analytics_conversion.h"
#include "server/api/figure_filters.h"
#include "server/api/proto_conversion.h"
#include "server/api/resource_names.h"
#include "server/api/score_figure_conversion.h"
#include "server/core/visit_intent.h"
#include "server/core/visit_intent_figures.h"

namespace cxhub {
namespace {

void ShareToProto(const IntentShare& share, v1::IntentShare* out) {
  out->set_visits(share.visits);
  out->set_percent(share.percent);
  IntervalToProto(share.interval, out->mutable_interval());
}

void SharesToProto(const IntentShares& shares, v1::IntentShares* out) {
  out->set_visits(shares.visits);
  ShareToProto(shares.Of(VisitIntent::kTransactional), out->mutable_transactional());
  ShareToProto(shares.Of(VisitIntent::kInformational), out->mutable_informational());
  ShareToProto(shares.Of(VisitIntent::kNone), out->mutable_none());
}

void BreakdownToProto(const IntentBreakdown& breakdown, bool touchpoints,
                      v1::IntentBreakdown* out) {
  out->set_values(breakdown.values);
  for (const IntentBreakdownEntry& entry : breakdown.entries) {
    v1::IntentBreakdownEntry* out_entry = out->add_entries();
    if (!touchpoints) {
      out_entry->set_value(entry.value);
    } else if (entry.touchpoint_id != 0) {
      out_entry->set_value(TouchpointName(entry.touchpoint_id));
    }
    SharesToProto(entry.shares, out_entry->mutable_shares());
  }
  if (breakdown.other.has_value()) SharesToProto(*breakdown.other, out->mutable_other());
}

}  // namespace

VisitIntentQuery VisitIntentQueryFromProto(const v1::GetVisitorIntentRequest& request) {
  VisitIntentQuery query;
  FigureFiltersFromProto(request, query);
  query.segment = SegmentFilterFromProto(request);
  if (request.has_series()) query.series = SeriesFromProto(request.series());
  if (request.breakdown_size() > 0) query.breakdown_size = request.breakdown_size();
  return query;
}

void VisitIntentReportToProto(const VisitIntentReport& report, v1::VisitorIntentReport* out) {
  if (report.overall.has_value()) SharesToProto(*report.overall, out->mutable_overall());
  const struct {
    VisitDimension dimension;
    v1::IntentBreakdown* out;
  } dimensions[] = {
      {VisitDimension::kReferrerType, out->mutable_by_referrer_type()},
      {VisitDimension::kReferrerName, out->mutable_by_referrer_name()},
      {VisitDimension::kSearchKeyword, out->mutable_by_search_keyword()},
      {VisitDimension::kEntryPage, out->mutable_by_entry_page()},
  };
  for (const auto& [dimension, out_breakdown] : dimensions) {
    auto found = report.by_dimension.find(dimension);
    if (found != report.by_dimension.end()) {
      BreakdownToProto(found->second, /*touchpoints=*/false, out_breakdown);
    }
  }
  BreakdownToProto(report.by_touchpoint, /*touchpoints=*/true, out->mutable_by_touchpoint());
  for (const VisitIntentPoint& point : report.series) {
    v1::VisitorIntentPoint* out_point = out->add_series();
    TimeToProto(point.bucket.start, out_point->mutable_start_time());
    TimeToProto(point.bucket.end, out_point->mutable_end_time());
    if (point.shares.has_value()) SharesToProto(*point.shares, out_point->mutable_shares());
  }
}

}  // namespace cxhub
