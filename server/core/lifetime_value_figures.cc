#include "server/core/lifetime_value_figures.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/core/currency_codes.h"
#include "server/core/field_violation.h"
#include "server/core/figure_periods.h"
#include "server/core/figure_touchpoint.h"
#include "server/core/figures/customer_figures.h"
#include "server/core/figures/time_buckets.h"
#include "server/core/segment_members.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"

namespace cxhub {
namespace {

// The end of the range: end_time, or now rounded down to the store's quarter hour.
absl::Time RangeEnd(const LifetimeValueQuery& query, absl::Time now) {
  if (query.end_time != absl::InfiniteFuture()) return query.end_time;
  return absl::UnixEpoch() + absl::Floor(now - absl::UnixEpoch(), kScoreBucketWidth);
}

// The historical value of `purchases`: each paying customer's sum, summarized.
CurrencyLifetimeValue HistoricalValueOf(const CurrencyPurchases& purchases) {
  CurrencyLifetimeValue value;
  value.currency = purchases.currency;
  value.minor_unit_exponent = CurrencyMinorUnitExponent(purchases.currency).value_or(2);
  std::vector<int64_t> per_customer;
  for (const CustomerPurchases& customer : purchases.customers) {
    per_customer.push_back(customer.amount_minor_units);
    value.orders += customer.orders;
  }
  // The store reports currencies with purchases only, so there is always a paying customer.
  value.historical = SummarizeCustomerValues(std::move(per_customer)).value_or(HistoricalValue());
  return value;
}

CurrencyLifetimeValue ValueOf(const CurrencyPurchases& purchases, const LifetimeValueQuery& query,
                              absl::Time end, const std::optional<YearlyChurn>& churn) {
  CurrencyLifetimeValue value = HistoricalValueOf(purchases);
  value.observed_start_time =
      query.start_time != absl::InfinitePast() ? query.start_time : purchases.first_purchase_time;
  value.observed_end_time = end;
  if (churn.has_value()) {
    const double years =
        absl::FDivDuration(value.observed_end_time - value.observed_start_time, kLifetimeValueYear);
    value.predicted =
        PredictLifetimeValue(value.orders, value.historical.total, value.historical.customers,
                             years, churn->figure.churn_percent / 100.0);
  }
  return value;
}

}  // namespace

absl::StatusOr<LifetimeValueReport> LifetimeValueFigures::Get(const LifetimeValueQuery& query) {
  CXHUB_RETURN_IF_ERROR(CheckFigureRange(query.start_time, query.end_time));
  CXHUB_ASSIGN_OR_RETURN(const std::vector<TimeBucket> points,
                         FigureSeriesPoints(query.start_time, query.end_time, query.series,
                                            kMaxLifetimeValueSeriesPoints));
  const absl::Time end = RangeEnd(query, clock_.Now());
  PurchaseFilter filter;
  filter.currency = query.currency;
  filter.touchpoint_id = query.touchpoint_id;
  filter.channel = query.channel;
  filter.start_time = query.start_time;
  filter.end_time = query.end_time;
  CustomerActivityFilter activity;  // Customers leave the business, not a channel: no filter.
  activity.start_time = end - kLifetimeValueYear;
  activity.end_time = end;
  activity.activity_window = absl::Hours(24) * activity_window_days_;
  std::vector<CurrencyPurchases> purchases;
  std::vector<std::vector<CurrencyPurchases>> point_purchases;
  ActivityCounts counts;
  FigureSegment segment;
  // One read transaction, so the figure, its points and the members see the same store.
  CXHUB_RETURN_IF_ERROR(store_.Read([&](StoreReader& reader) -> absl::Status {
    CXHUB_RETURN_IF_ERROR(CheckFigureTouchpoint(reader, query.touchpoint_id));
    CXHUB_RETURN_IF_ERROR(segment.Load(reader, query.segment, clock_.Now()));
    filter.only_customers = segment.only_customers();
    activity.only_customers = segment.only_customers();
    CXHUB_ASSIGN_OR_RETURN(purchases, reader.SumPurchases(filter));
    if (purchases.empty()) return absl::OkStatus();
    for (const TimeBucket& point : points) {
      PurchaseFilter point_filter = filter;
      point_filter.start_time = point.start;
      point_filter.end_time = point.end;
      CXHUB_ASSIGN_OR_RETURN(point_purchases.emplace_back(), reader.SumPurchases(point_filter));
    }
    CXHUB_ASSIGN_OR_RETURN(counts, reader.CountCustomerActivity(activity));
    return absl::OkStatus();
  }));
  LifetimeValueReport report;
  if (std::optional<ChurnFigure> churn = ComputeChurn(counts)) {
    report.yearly_churn = YearlyChurn{activity.start_time, activity.end_time, *churn};
  }
  for (const CurrencyPurchases& currency : purchases) {
    report.currencies.push_back(ValueOf(currency, query, end, report.yearly_churn));
  }
  // With no purchase in the range, no point has one: the points are still listed, empty.
  for (size_t i = 0; i < points.size(); ++i) {
    LifetimeValuePoint& point = report.series.emplace_back(LifetimeValuePoint{points[i], {}});
    if (i >= point_purchases.size()) continue;
    for (const CurrencyPurchases& currency : point_purchases[i]) {
      point.currencies.push_back(HistoricalValueOf(currency));
    }
  }
  return report;
}

}  // namespace cxhub
