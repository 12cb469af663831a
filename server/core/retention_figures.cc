#include "server/core/retention_figures.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/core/field_violation.h"
#include "server/core/figure_periods.h"
#include "server/core/figure_touchpoint.h"
#include "server/core/figures/customer_figures.h"
#include "server/core/figures/time_buckets.h"
#include "server/core/segment_members.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"

namespace cxhub {
namespace {

absl::Status CheckPeriod(const RetentionQuery& query) {
  if (query.start_time == absl::InfinitePast()) return InvalidFieldError("start_time", "required");
  if (query.end_time == absl::InfiniteFuture()) return InvalidFieldError("end_time", "required");
  CXHUB_RETURN_IF_ERROR(CheckFigureRange(query.start_time, query.end_time));
  if (query.end_time == query.start_time) {
    return InvalidFieldError("end_time", "must be after start_time");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<RetentionReport> RetentionFigures::Get(const RetentionQuery& query) {
  CXHUB_RETURN_IF_ERROR(CheckPeriod(query));
  CXHUB_ASSIGN_OR_RETURN(const std::vector<TimeBucket> points,
                         FigureSeriesPoints(query.start_time, query.end_time, query.series,
                                            kMaxRetentionSeriesPoints));
  CustomerActivityFilter filter;
  filter.activity_window = absl::Hours(24) * activity_window_days_;
  filter.touchpoint_id = query.touchpoint_id;
  filter.channel = query.channel;
  RetentionReport report;
  report.activity_window_days = activity_window_days_;
  // One read transaction, so the overall figure and the points see the same store.
  FigureSegment segment;
  CXHUB_RETURN_IF_ERROR(store_.Read([&](StoreReader& reader) -> absl::Status {
    CXHUB_RETURN_IF_ERROR(CheckFigureTouchpoint(reader, query.touchpoint_id));
    CXHUB_RETURN_IF_ERROR(segment.Load(reader, query.segment, clock_.Now()));
    filter.only_customers = segment.only_customers();
    std::vector<ActivityPeriod> periods = {{query.start_time, query.end_time}};
    for (const TimeBucket& point : points) periods.push_back({point.start, point.end});
    CXHUB_ASSIGN_OR_RETURN(const std::vector<ActivityCounts> counts,
                           reader.CountCustomerActivityPerPeriod(filter, periods));
    auto figure_of = [](const ActivityCounts& of) { return RetentionFigure{of, ComputeChurn(of)}; };
    report.overall = figure_of(counts[0]);
    for (size_t i = 0; i < points.size(); ++i) {
      report.series.push_back({points[i], figure_of(counts[i + 1])});
    }
    return absl::OkStatus();
  }));
  return report;
}

}  // namespace cxhub
