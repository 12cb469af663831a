// Where a sum over [start, end) of counts kept at two resolutions (per UTC quarter hour and per
// whole UTC day) reads each part from, so that a long range reads one row per day and key, and a
// series' points (whose boundaries may cut UTC days, in a time zone other than UTC) stay exact:
// a day cut once is read from the quarter hours of its shorter side and derived for the other
// (the day less that side); a day cut more than once is read from its quarter hours. The score
// answer counts (migrations 0005, 0008) and the visit counts (0020, 0021) use it.
#ifndef CXHUB_SERVER_STORAGE_DAY_SUM_PLAN_H_
#define CXHUB_SERVER_STORAGE_DAY_SUM_PLAN_H_

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "absl/types/span.h"
#include "server/storage/quarter_hours.h"
#include "server/storage/sql_param.h"

namespace cxhub {

// [from, to) in microseconds; the extreme values stand for an open end.
struct MicrosRange {
  int64_t from = 0;
  int64_t to = 0;
};

// Whether `micros` stands for an open end (the microseconds of an infinite time).
bool IsOpenMicros(int64_t micros);

// A UTC day cut once by a point boundary: the side with fewer quarter hours is read from them,
// the other is the day's count less that side.
struct CutDay {
  MicrosRange read;     // From the quarter hours.
  MicrosRange derived;  // The day less `read`.
};

// The UTC days in `days` from the daily counts, except `split_days` (those holding point
// boundaries or a partial end of the range), of which `cut_days` (those cut once) are derived
// from their day; everything else, `quarter_ranges` (ascending, disjoint), from the quarter
// hours. A partial day at an end of the range whose part outside the range is the shorter is
// a cut day too: `days` then reaches past that end, and `quarter_ranges` holds the outside
// part, read only to be taken from the day.
struct DaySumPlan {
  std::optional<MicrosRange> days;
  std::set<int64_t> split_days;
  std::map<int64_t, CutDay> cut_days;
  std::vector<MicrosRange> quarter_ranges;
};

// The plan for [start, end) (microseconds, open ends allowed) with point boundaries `split_at`
// (on quarter hours; empty for one sum over the whole range).
DaySumPlan PlanDaySum(int64_t start, int64_t end, absl::Span<const absl::Time> split_at);

// Whole UTC days (a DaySumPlan's `days`, open ends allowed) as the whole UTC months in them
// and the days before and after those: for counts also kept per month (the visit value totals,
// migration 0026), so that a year reads twelve months' rows rather than 365 days'.
struct MonthSplit {
  std::optional<MicrosRange> months;
  std::vector<MicrosRange> days;  // Ascending, at most two.
};

MonthSplit SplitWholeUtcMonths(MicrosRange days);

// Which buckets a read of the counts takes: those starting in `range`, or, when `starts` is not
// empty, those starting at one of `starts`.
struct BucketChoice {
  MicrosRange range;
  std::vector<int64_t> starts;
};

// "bucket_start >= ? AND bucket_start < ?" or "bucket_start IN (...)" (statement_shapes.h) for
// `choice`, its values appended to `params`.
std::string BucketChoiceSql(const BucketChoice& choice, std::vector<Param>& params);

// Quarter hours per statement at most (QuarterHourChoices).
inline constexpr size_t kQuartersPerStatement = 2048;

// The quarter hours starting in `ranges` (finite), as lists of at most kQuartersPerStatement
// starts: so that a series in a time zone other than UTC, which cuts every day, reads the
// quarter hours of its cut days in one statement rather than one a day. (ORing the days' ranges
// instead made SQLite scan the whole table, and MariaDB's range optimizer slow down with their
// number; a list of points is looked up one by one in the primary key on both.)
std::vector<BucketChoice> QuarterHourChoices(absl::Span<const MicrosRange> ranges);

// Drops the buckets (with `start`, an absl::Time) that start outside [start, end): the quarter
// hours a plan read only to derive the inside of a partial end day.
template <typename Bucket>
void DropOutside(int64_t start, int64_t end, std::vector<Bucket>& buckets) {
  buckets.erase(std::remove_if(buckets.begin(), buckets.end(),
                               [&](const Bucket& bucket) {
                                 const int64_t micros = absl::ToUnixMicros(bucket.start);
                                 return micros < start || micros >= end;
                               }),
                buckets.end());
}

// The derived side of each of `plan`'s cut days that holds something: its day's counts from
// `days` less the quarter hours of its other side in `quarters` (both in time order). `Bucket`
// has `start`, `end` (absl::Time) and `counts`; `subtract(a, b)` takes b's counts from a's;
// `empty(counts)` says whether a side holds nothing.
template <typename Bucket, typename Subtract, typename IsEmpty>
std::vector<Bucket> DeriveCutSides(const DaySumPlan& plan, const std::vector<Bucket>& days,
                                   const std::vector<Bucket>& quarters, Subtract subtract,
                                   IsEmpty empty) {
  std::vector<Bucket> derived;
  auto quarter = quarters.begin();
  for (const Bucket& day : days) {
    auto cut = plan.cut_days.find(absl::ToUnixMicros(day.start));
    if (cut == plan.cut_days.end()) continue;
    Bucket side = day;
    side.start = absl::FromUnixMicros(cut->second.derived.from);
    side.end = absl::FromUnixMicros(cut->second.derived.to);
    while (quarter != quarters.end() &&
           absl::ToUnixMicros(quarter->start) < cut->second.read.from) {
      ++quarter;
    }
    for (; quarter != quarters.end() && absl::ToUnixMicros(quarter->start) < cut->second.read.to;
         ++quarter) {
      subtract(side.counts, quarter->counts);
    }
    if (!empty(side.counts)) derived.push_back(side);
  }
  return derived;
}

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_DAY_SUM_PLAN_H_
