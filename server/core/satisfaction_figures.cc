#include "server/core/satisfaction_figures.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/core/figure_periods.h"
#include "server/core/figure_touchpoint.h"
#include "server/core/figures/score_figures.h"
#include "server/core/figures/time_buckets.h"
#include "server/core/model.h"
#include "server/core/segment_members.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"

namespace cxhub {
namespace {

// The counts of each point, from the store's buckets (both in time order; no bucket straddles
// two points).
std::vector<ScoreCounts> CountsPerPoint(const std::vector<TimeBucket>& points,
                                        const std::vector<ScoreBucket>& quarters) {
  std::vector<ScoreCounts> counts(points.size());
  size_t point = 0;
  for (const ScoreBucket& quarter : quarters) {
    while (point < points.size() && points[point].end <= quarter.start) ++point;
    if (point == points.size()) break;
    if (quarter.start >= points[point].start) counts[point] += quarter.counts;
  }
  return counts;
}

ScoreCounts Total(const std::vector<ScoreBucket>& quarters) {
  ScoreCounts total;
  for (const ScoreBucket& quarter : quarters) total += quarter.counts;
  return total;
}

template <typename Figure>
std::optional<SatisfactionFigure> Wrap(const ScoreCounts& counts,
                                       const std::optional<Figure>& figure) {
  if (!figure.has_value()) return std::nullopt;
  return SatisfactionFigure{counts, *figure};
}

}  // namespace

std::optional<SatisfactionFigure> FigureOf(SurveyMetric metric, const ScoreCounts& counts) {
  switch (metric) {
    case SurveyMetric::kNps:
      return Wrap(counts, ComputeNps(counts));
    case SurveyMetric::kCsat:
      return Wrap(counts, ComputeCsat(counts));
    case SurveyMetric::kCes:
      return Wrap(counts, ComputeCes(counts));
  }
  return std::nullopt;
}

absl::StatusOr<SatisfactionReport> SatisfactionFigures::Get(const SatisfactionQuery& query) {
  CXHUB_RETURN_IF_ERROR(CheckFigureRange(query.start_time, query.end_time));
  CXHUB_ASSIGN_OR_RETURN(const std::vector<TimeBucket> points,
                         FigureSeriesPoints(query.start_time, query.end_time, query.series,
                                            kMaxSatisfactionSeriesPoints));
  ScoreAnswerFilter filter;
  filter.metric = query.metric;
  filter.touchpoint_id = query.touchpoint_id;
  filter.channel = query.channel;
  filter.start_time = query.start_time;
  filter.end_time = query.end_time;
  filter.whole_days = true;  // No bucket straddles two points, so CountsPerPoint stays exact.
  for (const TimeBucket& point : points) filter.split_at.push_back(point.start);
  std::vector<ScoreBucket> surveyed;
  std::vector<ScoreBucket> mentioned;
  filter.segment_id = query.segment.value_or(0);
  CXHUB_RETURN_IF_ERROR(
      ReadCounts(store_, query.segment, clock_.Now(), [&](StoreReader& reader) -> absl::Status {
        CXHUB_RETURN_IF_ERROR(CheckFigureTouchpoint(reader, query.touchpoint_id));
        CXHUB_ASSIGN_OR_RETURN(surveyed, reader.SumScoreAnswers(filter));
        if (!query.include_mentioned) return absl::OkStatus();
        ScoreAnswerFilter mentioned_filter = filter;  // A copy: a write may run again.
        mentioned_filter.mentioned = true;
        CXHUB_ASSIGN_OR_RETURN(mentioned, reader.SumScoreAnswers(mentioned_filter));
        return absl::OkStatus();
      }));

  SatisfactionReport report;
  report.surveyed = FigureOf(query.metric, Total(surveyed));
  if (query.include_mentioned) report.mentioned = FigureOf(query.metric, Total(mentioned));
  const std::vector<ScoreCounts> surveyed_points = CountsPerPoint(points, surveyed);
  const std::vector<ScoreCounts> mentioned_points = CountsPerPoint(points, mentioned);
  for (size_t i = 0; i < points.size(); ++i) {
    SatisfactionPoint& point = report.series.emplace_back();
    point.bucket = points[i];
    point.surveyed = FigureOf(query.metric, surveyed_points[i]);
    if (query.include_mentioned) point.mentioned = FigureOf(query.metric, mentioned_points[i]);
  }
  return report;
}

}  // namespace cxhub
