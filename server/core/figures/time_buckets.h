// The points of a figure's series: calendar days, ISO weeks (from Monday) or months, in the
// time zone the caller names, so "Monday" and "September" mean what they mean where the
// business is, across daylight-saving changes.
#ifndef CXHUB_SERVER_CORE_FIGURES_TIME_BUCKETS_H_
#define CXHUB_SERVER_CORE_FIGURES_TIME_BUCKETS_H_

#include <vector>

#include "absl/time/time.h"

namespace cxhub {

enum class Granularity { kDay = 1, kWeek = 2, kMonth = 3 };

// [start, end) of one point.
struct TimeBucket {
  absl::Time start;
  absl::Time end;
};

// The bucket holding `time`.
TimeBucket BucketOf(absl::Time time, Granularity granularity, const absl::TimeZone& zone);

// The buckets that overlap [start, end), in order; at most `limit` (the caller's bound on the
// series length). Empty when end <= start.
std::vector<TimeBucket> BucketsBetween(absl::Time start, absl::Time end, Granularity granularity,
                                       const absl::TimeZone& zone, int limit);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_FIGURES_TIME_BUCKETS_H_
