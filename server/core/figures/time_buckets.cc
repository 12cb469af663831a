#include "server/core/figures/time_buckets.h"

#include "absl/time/civil_time.h"

namespace cxhub {
namespace {

// The civil day that starts the bucket holding `day`.
absl::CivilDay FirstDay(absl::CivilDay day, Granularity granularity) {
  switch (granularity) {
    case Granularity::kDay:
      return day;
    case Granularity::kWeek:
      // PrevWeekday is strictly before, so step from the next day to land on this Monday.
      return absl::PrevWeekday(day + 1, absl::Weekday::monday);
    case Granularity::kMonth:
      return absl::CivilDay(absl::CivilMonth(day));
  }
  return day;
}

absl::CivilDay NextFirstDay(absl::CivilDay first, Granularity granularity) {
  switch (granularity) {
    case Granularity::kDay:
      return first + 1;
    case Granularity::kWeek:
      return first + 7;
    case Granularity::kMonth:
      return absl::CivilDay(absl::CivilMonth(first) + 1);
  }
  return first + 1;
}

// Midnight of `day` in `zone`; where a DST change skips midnight, the first instant of the day.
// Where midnight happens twice, the first one.
absl::Time StartOfDay(absl::CivilDay day, const absl::TimeZone& zone) {
  const absl::TimeZone::TimeInfo info = zone.At(absl::CivilSecond(day));
  return info.kind == absl::TimeZone::TimeInfo::SKIPPED ? info.trans : info.pre;
}

}  // namespace

TimeBucket BucketOf(absl::Time time, Granularity granularity, const absl::TimeZone& zone) {
  const absl::CivilDay first = FirstDay(absl::ToCivilDay(time, zone), granularity);
  return {StartOfDay(first, zone), StartOfDay(NextFirstDay(first, granularity), zone)};
}

std::vector<TimeBucket> BucketsBetween(absl::Time start, absl::Time end, Granularity granularity,
                                       const absl::TimeZone& zone, int limit) {
  std::vector<TimeBucket> buckets;
  if (end <= start) return buckets;
  TimeBucket bucket = BucketOf(start, granularity, zone);
  while (bucket.start < end && static_cast<int>(buckets.size()) < limit) {
    buckets.push_back(bucket);
    bucket = BucketOf(bucket.end, granularity, zone);
  }
  return buckets;
}

}  // namespace cxhub
