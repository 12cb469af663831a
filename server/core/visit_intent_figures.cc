#include "server/core/visit_intent_figures.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "server/core/field_violation.h"
#include "server/core/figure_periods.h"
#include "server/core/figure_touchpoint.h"
#include "server/core/figures/score_figures.h"
#include "server/core/figures/time_buckets.h"
#include "server/core/model.h"
#include "server/core/segment_members.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "server/core/visit_intent.h"

namespace cxhub {
namespace {

IntentBreakdownEntry EntryOf(std::string value, TouchpointId touchpoint_id,
                             const VisitCounts& counts) {
  return IntentBreakdownEntry{std::move(value), touchpoint_id, *IntentSharesOf(counts)};
}

// The `size` entries with the most visits (ties: in `entries`' order, which is by value), of
// `entries`, which all have visits.
IntentBreakdown Largest(std::vector<IntentBreakdownEntry> entries, int size) {
  IntentBreakdown breakdown;
  breakdown.values = static_cast<int64_t>(entries.size());
  std::stable_sort(entries.begin(), entries.end(),
                   [](const IntentBreakdownEntry& a, const IntentBreakdownEntry& b) {
                     return a.shares.visits > b.shares.visits;
                   });
  if (entries.size() > static_cast<size_t>(size)) entries.resize(size);
  breakdown.entries = std::move(entries);
  return breakdown;
}

// The counts of each point, from the store's buckets (both in time order; no bucket straddles
// a point's boundary, VisitFilter::split_at).
std::vector<VisitCounts> CountsPerPoint(const std::vector<TimeBucket>& points,
                                        const std::vector<VisitBucket>& buckets) {
  std::vector<VisitCounts> counts(points.size());
  size_t point = 0;
  for (const VisitBucket& bucket : buckets) {
    while (point < points.size() && points[point].end <= bucket.start) ++point;
    if (point == points.size()) break;
    if (bucket.start >= points[point].start) counts[point] += bucket.counts;
  }
  return counts;
}

// The visits of `total` that `breakdown` does not list.
std::optional<IntentShares> Remainder(const VisitCounts& total, const IntentBreakdown& breakdown) {
  VisitCounts rest = total;
  for (const IntentBreakdownEntry& entry : breakdown.entries) {
    for (int intent = 0; intent < kVisitIntentCount; ++intent) {
      rest.visits[intent] -= entry.shares.by_intent[intent].visits;
    }
  }
  return IntentSharesOf(rest);
}

VisitIntentReport ReportOf(const VisitSums& sums, const std::vector<TimeBucket>& points,
                           int breakdown_size) {
  VisitIntentReport report;
  report.overall = IntentSharesOf(sums.total);
  for (VisitDimension dimension : kVisitDimensions) {
    std::vector<IntentBreakdownEntry> entries;
    auto found = sums.by_dimension.find(dimension);
    if (found != sums.by_dimension.end()) {
      for (const auto& [value, counts] : found->second) {
        if (counts.Total() > 0) entries.push_back(EntryOf(value, 0, counts));
      }
    }
    IntentBreakdown& breakdown = report.by_dimension[dimension];
    breakdown = Largest(std::move(entries), breakdown_size);
    breakdown.other = Remainder(sums.total, breakdown);
  }
  std::vector<IntentBreakdownEntry> touchpoints;
  for (const auto& [touchpoint_id, counts] : sums.by_touchpoint) {
    if (counts.Total() > 0) touchpoints.push_back(EntryOf("", touchpoint_id, counts));
  }
  report.by_touchpoint = Largest(std::move(touchpoints), breakdown_size);
  report.by_touchpoint.other = Remainder(sums.total, report.by_touchpoint);
  const std::vector<VisitCounts> per_point = CountsPerPoint(points, sums.buckets);
  for (size_t i = 0; i < points.size(); ++i) {
    report.series.push_back({points[i], IntentSharesOf(per_point[i])});
  }
  return report;
}

}  // namespace

std::optional<IntentShares> IntentSharesOf(const VisitCounts& counts) {
  const int64_t visits = counts.Total();
  if (visits <= 0) return std::nullopt;
  IntentShares shares;
  shares.visits = visits;
  for (int intent = 0; intent < kVisitIntentCount; ++intent) {
    IntentShare& share = shares.by_intent[intent];
    share.visits = counts.visits[intent];
    share.percent = 100.0 * static_cast<double>(share.visits) / static_cast<double>(visits);
    const Interval wilson = WilsonInterval(share.visits, visits);
    share.interval = Interval{100.0 * wilson.low, 100.0 * wilson.high};
  }
  return shares;
}

absl::StatusOr<VisitIntentReport> VisitIntentFigures::Get(const VisitIntentQuery& query) {
  if (query.breakdown_size < 1 || query.breakdown_size > kMaxVisitBreakdownSize) {
    return InvalidFieldError("breakdown_size", absl::StrCat("must be 1 to ", kMaxVisitBreakdownSize,
                                                            ", got ", query.breakdown_size));
  }
  CXHUB_RETURN_IF_ERROR(CheckFigureRange(query.start_time, query.end_time));
  CXHUB_ASSIGN_OR_RETURN(const std::vector<TimeBucket> points,
                         FigureSeriesPoints(query.start_time, query.end_time, query.series,
                                            kMaxVisitIntentSeriesPoints));
  VisitFilter filter;
  filter.touchpoint_id = query.touchpoint_id;
  filter.channel = query.channel;
  filter.start_time = query.start_time;
  filter.end_time = query.end_time;
  filter.per_bucket = !points.empty();
  for (const TimeBucket& point : points) filter.split_at.push_back(point.start);
  VisitSums sums;
  filter.segment_id = query.segment.value_or(0);
  CXHUB_RETURN_IF_ERROR(
      ReadCounts(store_, query.segment, clock_.Now(), [&](StoreReader& reader) -> absl::Status {
        CXHUB_RETURN_IF_ERROR(CheckFigureTouchpoint(reader, query.touchpoint_id));
        CXHUB_ASSIGN_OR_RETURN(sums, reader.SumVisits(filter));
        return absl::OkStatus();
      }));
  return ReportOf(sums, points, query.breakdown_size);
}

}  // namespace cxhub
