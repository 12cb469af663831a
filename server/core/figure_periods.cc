#include "server/core/figure_periods.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/core/field_violation.h"
#include "server/core/figures/time_buckets.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"

namespace cxhub {
namespace {

bool IsFinite(absl::Time time) {
  return time != absl::InfinitePast() && time != absl::InfiniteFuture();
}

absl::Status CheckOnQuarterHour(absl::Time time, absl::string_view field) {
  if (!IsFinite(time) || (time - absl::UnixEpoch()) % kScoreBucketWidth == absl::ZeroDuration()) {
    return absl::OkStatus();
  }
  return InvalidFieldError(field, "must be on a quarter hour (as every time zone's midnight is)");
}

}  // namespace

absl::Status CheckFigureRange(absl::Time start, absl::Time end) {
  CXHUB_RETURN_IF_ERROR(CheckOnQuarterHour(start, "start_time"));
  CXHUB_RETURN_IF_ERROR(CheckOnQuarterHour(end, "end_time"));
  if (end < start) return InvalidFieldError("end_time", "is before start_time");
  return absl::OkStatus();
}

absl::StatusOr<std::vector<TimeBucket>> FigureSeriesPoints(
    absl::Time start, absl::Time end, const std::optional<FigureSeriesSpec>& series,
    int max_points) {
  if (!series.has_value()) return std::vector<TimeBucket>();
  if (!IsFinite(start) || !IsFinite(end)) {
    return InvalidFieldError("series", "needs start_time and end_time");
  }
  std::vector<TimeBucket> buckets =
      BucketsBetween(start, end, series->granularity, series->zone, max_points + 1);
  if (buckets.size() > static_cast<size_t>(max_points)) {
    return InvalidFieldError("series", absl::StrCat("more than ", max_points,
                                                    " points between start_time and end_time"));
  }
  for (TimeBucket& bucket : buckets) {  // The first and last may stick out of the range.
    bucket.start = std::max(bucket.start, start);
    bucket.end = std::min(bucket.end, end);
  }
  return buckets;
}

}  // namespace cxhub
