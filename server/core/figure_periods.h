// The time ranges and series every figure shares: bounds on the quarter hours at which the store
// keeps its counts, and the days, weeks or months of a series in a time zone, clipped to the
// range.
#ifndef CXHUB_SERVER_CORE_FIGURE_PERIODS_H_
#define CXHUB_SERVER_CORE_FIGURE_PERIODS_H_

#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/core/figures/time_buckets.h"

namespace cxhub {

struct FigureSeriesSpec {
  Granularity granularity = Granularity::kDay;
  absl::TimeZone zone = absl::UTCTimeZone();
};

// INVALID_ARGUMENT naming "start_time" or "end_time" for a finite bound off the quarter hour,
// or an end before the start.
absl::Status CheckFigureRange(absl::Time start, absl::Time end);

// The points of `series` over [start, end), each clipped to it; empty without a series.
// INVALID_ARGUMENT naming "series" when a bound is infinite or there would be more than
// `max_points`.
absl::StatusOr<std::vector<TimeBucket>> FigureSeriesPoints(
    absl::Time start, absl::Time end, const std::optional<FigureSeriesSpec>& series,
    int max_points);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_FIGURE_PERIODS_H_
