#include "server/storage/day_sum_plan.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "server/core/store.h"
#include "server/storage/quarter_hours.h"
#include "server/storage/sql_param.h"
#include "server/storage/statement_shapes.h"

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

// Whether a split point lies strictly inside (from, to).
bool SplitInside(absl::Span<const absl::Time> split_at, int64_t from, int64_t to) {
  return std::any_of(split_at.begin(), split_at.end(), [&](absl::Time boundary) {
    const int64_t micros = absl::ToUnixMicros(boundary);
    return micros > from && micros < to;
  });
}

// Plans the partial UTC day `day` at an end of a range, of which `inside` is in the range. When
// its part outside the range is the shorter and no point cuts `inside`, it is a cut day: the
// whole day less the outside part, read from the quarter hours (true); else `inside` is read from
// them (false).
bool PlanEndDay(int64_t day, MicrosRange inside, absl::Span<const absl::Time> split_at,
                DaySumPlan& plan) {
  const int64_t length = inside.to - inside.from;
  if (length == 0 || kUtcDayMicros - length >= length ||
      SplitInside(split_at, inside.from, inside.to)) {
    AddQuarterRange(inside.from, inside.to, plan.quarter_ranges);
    return false;
  }
  const MicrosRange outside = inside.from == day ? MicrosRange{inside.to, day + kUtcDayMicros}
                                                 : MicrosRange{day, inside.from};
  plan.split_days.insert(day);
  plan.cut_days[day] = CutDay{outside, inside};
  AddQuarterRange(outside.from, outside.to, plan.quarter_ranges);
  return true;
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
  if (!IsOpenMicros(start) &&
      PlanEndDay(first_day - kUtcDayMicros, {start, first_day}, split_at, plan)) {
    plan.days->from -= kUtcDayMicros;
  }
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
  if (!IsOpenMicros(end) && PlanEndDay(days_end, {days_end, end}, split_at, plan)) {
    plan.days->to += kUtcDayMicros;
  }
  return plan;
}

MonthSplit SplitWholeUtcMonths(MicrosRange days) {
  int64_t first = days.from;
  if (!IsOpenMicros(first) && UtcMonthStartMicros(first) != first) {
    first = NextUtcMonthStartMicros(first);
  }
  const int64_t last = IsOpenMicros(days.to) ? days.to : UtcMonthStartMicros(days.to);
  MonthSplit split;
  if (first >= last) {
    if (days.from < days.to) split.days.push_back(days);
    return split;
  }
  split.months = MicrosRange{first, last};
  if (days.from < first) split.days.push_back({days.from, first});
  if (last < days.to) split.days.push_back({last, days.to});
  return split;
}

std::string BucketChoiceSql(const BucketChoice& choice, std::vector<Param>& params) {
  if (!choice.starts.empty())
    return absl::StrCat("bucket_start IN ", IdList(choice.starts, params));
  params.insert(params.end(), {choice.range.from, choice.range.to});
  return "bucket_start >= ? AND bucket_start < ?";
}

std::vector<BucketChoice> QuarterHourChoices(absl::Span<const MicrosRange> ranges) {
  const int64_t width = absl::ToInt64Microseconds(kScoreBucketWidth);
  std::vector<BucketChoice> choices;
  for (const MicrosRange& range : ranges) {
    for (int64_t start = range.from; start < range.to; start += width) {
      if (choices.empty() || choices.back().starts.size() == kQuartersPerStatement) {
        choices.emplace_back();
      }
      choices.back().starts.push_back(start);
    }
  }
  return choices;
}

}  // namespace cxhub
