// The visitor intent figures: the share of visits that were transactional, informational or
// neither (visit_intent.h) over a period, with the counts and a 95% Wilson interval for each
// share, broken down by referrer type, referrer name, search keyword, entry page and touchpoint
// (the largest values, the rest as one remainder), and as a series of days, weeks or months in
// a time zone. The counts
// come from the store (StoreReader::SumVisits, one call however long the series), the
// arithmetic from here.
#ifndef CXHUB_SERVER_CORE_VISIT_INTENT_FIGURES_H_
#define CXHUB_SERVER_CORE_VISIT_INTENT_FIGURES_H_

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/core/clock.h"
#include "server/core/figure_periods.h"
#include "server/core/figures/score_figures.h"
#include "server/core/figures/time_buckets.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/core/visit_intent.h"

namespace cxhub {

// The longest series a caller may ask for.
inline constexpr int kMaxVisitIntentSeriesPoints = 400;
// How many values each breakdown lists when the query says nothing, and at most.
inline constexpr int kDefaultVisitBreakdownSize = 10;
inline constexpr int kMaxVisitBreakdownSize = 100;

struct VisitIntentQuery {
  std::optional<TouchpointId> touchpoint_id;  // nullopt: any touchpoint or none.
  std::string channel;                        // Empty: any.
  // [start_time, end_time), each on a quarter hour unless infinite; finite with a series.
  absl::Time start_time = absl::InfinitePast();
  absl::Time end_time = absl::InfiniteFuture();
  std::optional<FigureSeriesSpec> series;
  // Only the visits of the members of this segment at the time of the request.
  std::optional<SegmentId> segment;
  // The values each breakdown lists, the most visited first: 1 to kMaxVisitBreakdownSize.
  int breakdown_size = kDefaultVisitBreakdownSize;
};

// One intent's share of some visits.
struct IntentShare {
  int64_t visits = 0;
  double percent = 0;  // 0 to 100.
  Interval interval;   // Wilson's 95%, in percent.
};

// The shares of each intent of some visits (at least one).
struct IntentShares {
  int64_t visits = 0;
  std::array<IntentShare, kVisitIntentCount> by_intent;  // Indexed by VisitIntent.

  const IntentShare& Of(VisitIntent intent) const { return by_intent[static_cast<int>(intent)]; }
};

// One value of a breakdown: the visits that came with it.
struct IntentBreakdownEntry {
  std::string value;               // Empty: visits without one. Unused by touchpoint.
  TouchpointId touchpoint_id = 0;  // The touchpoint breakdown's (0: none).
  IntentShares shares;
};

struct IntentBreakdown {
  std::vector<IntentBreakdownEntry> entries;  // Most visits first; ties by value.
  // Distinct values in all, listed or not (of the values the store lists per day,
  // kVisitValuesListedPerDay).
  int64_t values = 0;
  // The visits `entries` leave out: values past the breakdown's size, and visits the store
  // counted under no value (past the values it lists on their day). With `entries`, every
  // visit. nullopt when there are none.
  std::optional<IntentShares> other;
};

struct VisitIntentPoint {
  TimeBucket bucket;                   // Clipped to the query's range.
  std::optional<IntentShares> shares;  // nullopt when no visit falls in it.
};

struct VisitIntentReport {
  std::optional<IntentShares> overall;  // nullopt when there is no visit: no figure, not a 0.
  std::map<VisitDimension, IntentBreakdown> by_dimension;  // Every dimension, empty or not.
  IntentBreakdown by_touchpoint;
  std::vector<VisitIntentPoint> series;  // Only when the query asks for one.
};

// The shares of `counts`; nullopt when they hold no visit.
std::optional<IntentShares> IntentSharesOf(const VisitCounts& counts);

// Thread-safe; borrows the store, which must outlive it.
class VisitIntentFigures {
 public:
  // `clock` says when "now" is for a segment's members.
  explicit VisitIntentFigures(Store& store, Clock& clock = SystemClock())
      : store_(store), clock_(clock) {}

  // INVALID_ARGUMENT naming the field ("start_time", "end_time", "series", "breakdown_size")
  // for a range off the quarter hour, an end before the start, a series without both ends or
  // longer than kMaxVisitIntentSeriesPoints, a breakdown size out of range; NOT_FOUND for a
  // touchpoint or segment that does not exist.
  absl::StatusOr<VisitIntentReport> Get(const VisitIntentQuery& query);

 private:
  Store& store_;
  Clock& clock_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_VISIT_INTENT_FIGURES_H_
