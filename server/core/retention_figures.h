// Churn and retention (definitions in figures/customer_figures.h) of the customers whose
// interactions match a filter, over one period and optionally per day, week or month of it in a
// time zone: the counts of the period and of every point come from the store in one call
// (StoreReader::CountCustomerActivityPerPeriod), the arithmetic from figures/.
#ifndef CXHUB_SERVER_CORE_RETENTION_FIGURES_H_
#define CXHUB_SERVER_CORE_RETENTION_FIGURES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/core/clock.h"
#include "server/core/figure_periods.h"
#include "server/core/figures/customer_figures.h"
#include "server/core/figures/time_buckets.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

// Each point costs one query over the activity of its period and window.
inline constexpr int kMaxRetentionSeriesPoints = 100;

struct RetentionQuery {
  std::optional<TouchpointId> touchpoint_id;  // nullopt: any touchpoint or none.
  std::string channel;                        // Empty: any.
  // The period [start_time, end_time); both required, on a quarter hour.
  absl::Time start_time = absl::InfinitePast();
  absl::Time end_time = absl::InfiniteFuture();
  std::optional<FigureSeriesSpec> series;
  // Only the members of this segment at the time of the request; nullopt: every customer.
  std::optional<SegmentId> segment;
};

// The counts over one period, and the figure unless nobody was active at its start.
struct RetentionFigure {
  ActivityCounts counts;
  std::optional<ChurnFigure> figure;
};

struct RetentionPoint {
  TimeBucket bucket;  // Clipped to the query's period.
  RetentionFigure retention;
};

struct RetentionReport {
  int activity_window_days = kDefaultActivityWindowDays;
  RetentionFigure overall;
  std::vector<RetentionPoint> series;  // Only when the query asks for one.
};

// Thread-safe; borrows the store, which must outlive it.
class RetentionFigures {
 public:
  // `activity_window_days` > 0. `clock` says when "now" is for a segment's members.
  RetentionFigures(Store& store, int activity_window_days, Clock& clock = SystemClock())
      : store_(store), clock_(clock), activity_window_days_(activity_window_days) {}

  // INVALID_ARGUMENT naming the field ("start_time", "end_time", "series") for a missing bound
  // or one off the quarter hour, an end not after the start, a series longer than
  // kMaxRetentionSeriesPoints; NOT_FOUND for a touchpoint or segment that does not exist.
  absl::StatusOr<RetentionReport> Get(const RetentionQuery& query);

 private:
  Store& store_;
  Clock& clock_;
  const int activity_window_days_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_RETENTION_FIGURES_H_
