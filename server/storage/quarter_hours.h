// The time resolution of the counts the store keeps (kScoreBucketWidth, a quarter hour of UTC):
// every time zone's offset is a whole number of quarter hours, so bounds on quarter hours give
// exact figures for any zone's days, weeks and months. Score counts are also kept per whole UTC
// day, so that a long range reads one row per day, and some visit counts per UTC month.
#ifndef CXHUB_SERVER_STORAGE_QUARTER_HOURS_H_
#define CXHUB_SERVER_STORAGE_QUARTER_HOURS_H_

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace cxhub {

// The start, in microseconds since the Unix epoch, of the quarter hour holding `time`, rounding
// down before 1970 as after.
int64_t QuarterHourStartMicros(absl::Time time);

inline constexpr int64_t kUtcDayMicros = int64_t{86400} * 1000 * 1000;

// The UTC midnight at or before `micros` (microseconds since the Unix epoch), rounding down
// before 1970 as after.
int64_t UtcDayStartMicros(int64_t micros);

// The first midnight of the UTC month holding `micros`, and of the month after it.
int64_t UtcMonthStartMicros(int64_t micros);
int64_t NextUtcMonthStartMicros(int64_t micros);

// INVALID_ARGUMENT naming `name` unless `time` is on a quarter hour; the infinite times pass.
absl::Status CheckOnQuarterHour(absl::Time time, absl::string_view name);

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_QUARTER_HOURS_H_
