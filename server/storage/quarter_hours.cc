#include "server/storage/quarter_hours.h"

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "server/core/store.h"
#include "server/storage/sql_param.h"

namespace cxhub {
namespace {

int64_t QuarterHourMicros() { return absl::ToInt64Microseconds(kScoreBucketWidth); }

// The multiple of `width` at or before `micros`.
int64_t FloorToMultiple(int64_t micros, int64_t width) {
  int64_t into_bucket = micros % width;
  if (into_bucket < 0) into_bucket += width;
  return micros - into_bucket;
}

}  // namespace

int64_t QuarterHourStartMicros(absl::Time time) {
  return FloorToMultiple(Micros(time), QuarterHourMicros());
}

int64_t UtcDayStartMicros(int64_t micros) { return FloorToMultiple(micros, kUtcDayMicros); }

int64_t UtcMonthStartMicros(int64_t micros) {
  const absl::TimeZone utc = absl::UTCTimeZone();
  return Micros(
      absl::FromCivil(absl::CivilMonth(absl::ToCivilSecond(FromMicros(micros), utc)), utc));
}

int64_t NextUtcMonthStartMicros(int64_t micros) {
  const absl::TimeZone utc = absl::UTCTimeZone();
  const absl::CivilMonth month(absl::ToCivilSecond(FromMicros(micros), utc));
  return Micros(absl::FromCivil(month + 1, utc));
}

absl::Status CheckOnQuarterHour(absl::Time time, absl::string_view name) {
  if (time == absl::InfinitePast() || time == absl::InfiniteFuture()) return absl::OkStatus();
  if (Micros(time) % QuarterHourMicros() == 0) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(name, " ", absl::FormatTime(time), " is not on a quarter hour"));
}

}  // namespace cxhub
