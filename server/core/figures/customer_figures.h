// Churn, retention and lifetime value from the counts and sums the store keeps. Definitions
// (also in the AnalyticsService proto comments):
//   A customer is active at time t when they had an interaction in the activity window before t.
//   Churn of a period: customers active at its start and not at its end, over those active at
//   its start. Retention: (active at end - new during the period) / active at start.
//   Historical lifetime value (per currency): each customer's sum of purchases; the mean, median
//   and 90th percentile over customers with at least one purchase.
//   Predicted lifetime value: average order value x purchases per customer per year x expected
//   lifetime in years, the lifetime being 1 / yearly churn.
#ifndef CXHUB_SERVER_CORE_FIGURES_CUSTOMER_FIGURES_H_
#define CXHUB_SERVER_CORE_FIGURES_CUSTOMER_FIGURES_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "server/core/figures/score_figures.h"

namespace cxhub {

struct ActivityCounts {
  int64_t active_at_start = 0;
  int64_t retained = 0;  // Active at the start and at the end.
  int64_t active_at_end = 0;
  int64_t new_during = 0;  // First interaction inside the period.
};

struct ChurnFigure {
  ActivityCounts counts;
  double churn_percent = 0;
  Interval churn_interval;  // Wilson, in percent.
  double retention_percent = 0;
};

// nullopt when nobody was active at the start: churn of nobody is no figure.
std::optional<ChurnFigure> ComputeChurn(const ActivityCounts& counts);

// Amounts are in the currency's minor units (cents).
struct HistoricalValue {
  int64_t customers = 0;
  int64_t total = 0;
  double mean = 0;
  double median = 0;  // The mean of the two middle values for an even count.
  int64_t p90 = 0;    // Nearest rank: the value at rank ceil(0.9 n).
};

// From each paying customer's sum; nullopt when there is none.
std::optional<HistoricalValue> SummarizeCustomerValues(std::vector<int64_t> per_customer);

struct PredictedValue {
  double average_order_value = 0;  // Minor units.
  double purchases_per_customer_year = 0;
  double yearly_churn = 0;             // 0 to 1.
  double expected_lifetime_years = 0;  // 1 / yearly_churn.
  double value = 0;                    // Minor units.
};

// nullopt when an input is missing: no orders, no paying customers, or a yearly churn of 0
// (an unbounded lifetime is no prediction).
std::optional<PredictedValue> PredictLifetimeValue(int64_t orders, int64_t order_total,
                                                   int64_t paying_customers, double years,
                                                   double yearly_churn);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_FIGURES_CUSTOMER_FIGURES_H_
