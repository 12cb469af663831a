#include "server/core/figures/customer_figures.h"

#include <algorithm>
#include <numeric>

#include "server/core/figures/median.h"

namespace cxhub {

std::optional<ChurnFigure> ComputeChurn(const ActivityCounts& counts) {
  if (counts.active_at_start <= 0) return std::nullopt;
  ChurnFigure figure;
  figure.counts = counts;
  const int64_t churned = counts.active_at_start - counts.retained;
  const double start = static_cast<double>(counts.active_at_start);
  figure.churn_percent = 100.0 * static_cast<double>(churned) / start;
  const Interval share = WilsonInterval(churned, counts.active_at_start);
  figure.churn_interval = {share.low * 100, share.high * 100};
  figure.retention_percent =
      100.0 * static_cast<double>(counts.active_at_end - counts.new_during) / start;
  return figure;
}

std::optional<HistoricalValue> SummarizeCustomerValues(std::vector<int64_t> per_customer) {
  if (per_customer.empty()) return std::nullopt;
  std::sort(per_customer.begin(), per_customer.end());
  HistoricalValue value;
  const size_t n = per_customer.size();
  value.customers = static_cast<int64_t>(n);
  value.total = std::accumulate(per_customer.begin(), per_customer.end(), int64_t{0});
  value.mean = static_cast<double>(value.total) / static_cast<double>(n);
  value.median = MedianOfSorted(per_customer);
  const size_t rank = (9 * n + 9) / 10;  // ceil(0.9 n), at least 1.
  value.p90 = per_customer[rank - 1];
  return value;
}

std::optional<PredictedValue> PredictLifetimeValue(int64_t orders, int64_t order_total,
                                                   int64_t paying_customers, double years,
                                                   double yearly_churn) {
  if (orders <= 0 || paying_customers <= 0 || years <= 0 || yearly_churn <= 0) {
    return std::nullopt;
  }
  PredictedValue value;
  value.average_order_value = static_cast<double>(order_total) / static_cast<double>(orders);
  value.purchases_per_customer_year =
      static_cast<double>(orders) / static_cast<double>(paying_customers) / years;
  value.yearly_churn = std::min(yearly_churn, 1.0);
  value.expected_lifetime_years = 1.0 / value.yearly_churn;
  value.value =
      value.average_order_value * value.purchases_per_customer_year * value.expected_lifetime_years;
  return value;
}

}  // namespace cxhub
