#include "server/storage/day_sum_plan.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <vector>

#include "absl/time/time.h"
#include "absl/types/span.h"
#include "server/storage/quarter_hours.h"

namespace cxhub {
namespace {

void AddQuarterRange(int64_t from, int64_t to, std::vector<MicrosRange>& ranges) {
  if (from >= to) return;
  if (!ranges.empty() && ranges.back().to == from) {
    ranges.back().to = to;  // Adjacent split days make one range, so one query.
  } else {
    ranges.push_back({from, to});
  }
}

// The point boundaries strictly inside each UTC day of [first_day, days_end), per day.
std::map<int64_t, std::vector<int64_t>> SplitsPerDay(absl::Span<const absl::Time> split_at,
                                                     int64_t first_day, int64_t days_end) {
  std::map<int64_t, std::vector<int64_t>> splits;
  for (absl::Time boundary : split_at) {
    const int64_t micros = absl::ToUnixMicros(boundary);
    if (micros > first_day && micros < days_end && micros % kUtcDayMicros != 0) {
      splits[UtcDayStartMicros(micros)].push_back(micros);
    }
  }
  return splits;
}

}  // namespace

bool IsOpenMicros(int64_t micros) {
  return micros == std::numeric_limits<int64_t>::min() ||
         micros == std::numeric_limits<int64_t>::max();
}

DaySumPlan PlanDaySum(int64_t start, int64_t end, absl::Span<const absl::Time> split_at) {
  const int64_t first_day = IsOpenMicros(start) ? start : -UtcDayStartMicros(-start);  // Ceiling.
  const int64_t days_end = IsOpenMicros(end) ? end : UtcDayStartMicros(end);
  DaySumPlan plan;
  if (first_day >= days_end) {
    AddQuarterRange(start, end, plan.quarter_ranges);
    return plan;
  }
  plan.days = MicrosRange{first_day, days_end};
  AddQuarterRange(start, first_day, plan.quarter_ranges);
  for (const auto& [day, splits] : SplitsPerDay(split_at, first_day, days_end)) {
    plan.split_days.insert(day);
    const int64_t cut = splits.front();
    if (std::count(splits.begin(), splits.end(), cut) != static_cast<int64_t>(splits.size())) {
      AddQuarterRange(day, day + kUtcDayMicros, plan.quarter_ranges);  // Cut more than once.
      continue;
    }
    const MicrosRange before{day, cut};
    const MicrosRange after{cut, day + kUtcDayMicros};
    const bool read_before = cut - day <= day + kUtcDayMicros - cut;
    plan.cut_days[day] = read_before ? CutDay{before, after} : CutDay{after, before};
    AddQuarterRange(plan.cut_days[day].read.from, plan.cut_days[day].read.to, plan.quarter_ranges);
  }
  AddQuarterRange(days_end, end, plan.quarter_ranges);
  return plan;
}

}  // namespace cxhub
