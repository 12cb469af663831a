// Lifetime value per currency (definitions in figures/customer_figures.h and the AnalyticsService
// proto comments): each paying customer's sum of purchases from the store's sums
// (StoreReader::SumPurchases), historical and predicted, the prediction's yearly churn from the
// store's activity counts (StoreReader::CountCustomerActivity) over the 365 days before the end
// of the range. Currencies are never summed together.
#ifndef CXHUB_SERVER_CORE_LIFETIME_VALUE_FIGURES_H_
#define CXHUB_SERVER_CORE_LIFETIME_VALUE_FIGURES_H_

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
#include "server/core/retention_figures.h"
#include "server/core/store.h"

namespace cxhub {

// The period of the yearly churn, and the length of a year in the prediction.
inline constexpr absl::Duration kLifetimeValueYear = absl::Hours(365 * 24);

struct LifetimeValueQuery {
  std::string currency;                       // Empty: every currency, each apart.
  std::optional<TouchpointId> touchpoint_id;  // nullopt: any touchpoint or none.
  std::string channel;                        // Empty: any.
  // [start_time, end_time), each infinite or on a quarter hour.
  absl::Time start_time = absl::InfinitePast();
  absl::Time end_time = absl::InfiniteFuture();
  // Also the historical value of the purchases in each point, over a finite range.
  std::optional<FigureSeriesSpec> series;
  // Only the purchases of the members of this segment at the time of the request, and their
  // yearly churn; nullopt: every customer.
  std::optional<SegmentId> segment;
};

// A series has at most this many points.
inline constexpr int kMaxLifetimeValueSeriesPoints = 100;

struct YearlyChurn {
  absl::Time start_time;
  absl::Time end_time;
  ChurnFigure figure;
};

struct CurrencyLifetimeValue {
  std::string currency;
  int minor_unit_exponent = 2;
  HistoricalValue historical;
  int64_t orders = 0;
  // The observed period of the prediction.
  absl::Time observed_start_time;
  absl::Time observed_end_time;
  std::optional<PredictedValue> predicted;
};

// The purchases of one point of a series; each currency without a prediction.
struct LifetimeValuePoint {
  TimeBucket bucket;
  std::vector<CurrencyLifetimeValue> currencies;  // By currency code; none without purchases.
};

struct LifetimeValueReport {
  std::vector<CurrencyLifetimeValue> currencies;  // By currency code; none without purchases.
  std::optional<YearlyChurn> yearly_churn;        // nullopt when nobody was active at its start.
  std::vector<LifetimeValuePoint> series;         // Empty without a series.
};

// Thread-safe; borrows the store and the clock, which must outlive it.
class LifetimeValueFigures {
 public:
  // `activity_window_days` > 0: the window of the yearly churn behind the prediction.
  LifetimeValueFigures(Store& store, Clock& clock,
                       int activity_window_days = kDefaultActivityWindowDays)
      : store_(store), clock_(clock), activity_window_days_(activity_window_days) {}

  // INVALID_ARGUMENT for a range off the quarter hour or ending before it starts, or a series
  // over an unbounded range or of more than kMaxLifetimeValueSeriesPoints points; NOT_FOUND for
  // a touchpoint or segment that does not exist.
  absl::StatusOr<LifetimeValueReport> Get(const LifetimeValueQuery& query);

 private:
  Store& store_;
  Clock& clock_;
  const int activity_window_days_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_LIFETIME_VALUE_FIGURES_H_
