#include "benchmarks/analytics/customer_figure_timings.h"

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "benchmarks/analytics/interaction_generator.h"
#include "benchmarks/analytics/timed_calls.h"
#include "benchmarks/harness/result_table.h"
#include "server/core/clock.h"
#include "server/core/figure_periods.h"
#include "server/core/figures/time_buckets.h"
#include "server/core/lifetime_value_figures.h"
#include "server/core/manual_clock.h"
#include "server/core/retention_figures.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "server/storage/sql_driver.h"

namespace cxhub::bench {
namespace {

constexpr int kActivityWindowDays = 90;

// The generated span's last whole UTC day, and the 28 days before it.
absl::Time SpanEnd() {
  return absl::FromCivil(absl::ToCivilDay(GeneratedStart() + kGeneratedSpan, absl::UTCTimeZone()),
                         absl::UTCTimeZone());
}
absl::Time MonthStart() { return SpanEnd() - absl::Hours(24 * 28); }

// The first column of the first row of `sql` with int64 `params`, as text.
absl::StatusOr<std::string> ScanOne(Connection& raw, const std::string& sql,
                                    const std::vector<int64_t>& params) {
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Statement> statement, raw.Prepare(sql));
  for (size_t i = 0; i < params.size(); ++i) {
    statement->BindInt64(static_cast<int>(i + 1), params[i]);
  }
  CXHUB_ASSIGN_OR_RETURN(const bool has_row, statement->Step());
  if (!has_row) return std::string("no row");
  return statement->ColumnText(0);
}

// Customers active at the month's start and at its end, counted from the interactions.
absl::StatusOr<std::string> ScanChurn(Connection& raw) {
  const int64_t start = absl::ToUnixMicros(MonthStart());
  const int64_t end = absl::ToUnixMicros(SpanEnd());
  const int64_t window = absl::ToInt64Microseconds(absl::Hours(24 * kActivityWindowDays));
  CXHUB_ASSIGN_OR_RETURN(
      std::string counted,
      ScanOne(raw,
              "SELECT COUNT(*) FROM (SELECT customer_id, "
              "MAX(CASE WHEN occur_time < ? THEN 1 ELSE 0 END) AS at_start, "
              "MAX(CASE WHEN occur_time >= ? THEN 1 ELSE 0 END) AS at_end FROM interactions "
              "WHERE occur_time >= ? AND occur_time < ? GROUP BY customer_id) seen "
              "WHERE at_start = 1 AND at_end = 1",
              {start, end - window, start - window, end}));
  return absl::StrCat(counted, " retained");
}

absl::StatusOr<std::string> ScanLifetimeValue(Connection& raw) {
  CXHUB_ASSIGN_OR_RETURN(
      std::string customers,
      ScanOne(raw,
              "SELECT COUNT(*) FROM (SELECT customer_id, purchase_currency, "
              "SUM(purchase_amount_minor_units) FROM interactions WHERE kind = ? "
              "GROUP BY customer_id, purchase_currency) sums",
              {static_cast<int64_t>(InteractionKind::kPurchase)}));
  return absl::StrCat(customers, " customer sums");
}

absl::Status TimeRetention(Store& store, Connection& raw, TouchpointId touchpoint,
                           SegmentId segment, const std::string& backend) {
  ManualClock now(SpanEnd());  // The segment's members as of the span's end.
  RetentionFigures figures(store, kActivityWindowDays, now);
  RetentionQuery month;
  month.start_time = MonthStart();
  month.end_time = SpanEnd();
  RetentionQuery weekly = month;
  weekly.series = FigureSeriesSpec{Granularity::kWeek, absl::UTCTimeZone()};
  RetentionQuery at_touchpoint = month;
  at_touchpoint.touchpoint_id = touchpoint;
  RetentionQuery on_chat = month;
  on_chat.channel = "chat";
  RetentionQuery of_segment = month;
  of_segment.segment = segment;
  RetentionQuery sixteen_weeks = weekly;
  sixteen_weeks.start_time = SpanEnd() - absl::Hours(24 * 7 * 16);
  ResultTable table(absl::StrCat("Churn and retention (", backend, ")"), "calls");
  CXHUB_ASSIGN_OR_RETURN(Result scan,
                         TimeCalls("scan: retained over a month", [&] { return ScanChurn(raw); }));
  table.AddBaseline(scan);
  for (const auto& [name, query] :
       {std::pair{"churn, one month", month}, std::pair{"churn, one month + weekly points", weekly},
        std::pair{"churn, one month, one touchpoint", at_touchpoint},
        std::pair{"churn, one month, one channel", on_chat},
        std::pair{"churn, one month, one segment", of_segment},
        std::pair{"churn, 16 weeks + weekly points", sixteen_weeks}}) {
    CXHUB_ASSIGN_OR_RETURN(
        Result row, TimeCalls(name, [&, &query = query]() -> absl::StatusOr<std::string> {
          CXHUB_ASSIGN_OR_RETURN(const RetentionReport report, figures.Get(query));
          return absl::StrCat(report.overall.counts.retained, " retained, ", report.series.size(),
                              " points");
        }));
    table.Add(row);
  }
  table.Print();
  return absl::OkStatus();
}

absl::Status TimeLifetimeValue(Store& store, Connection& raw, const std::string& backend) {
  LifetimeValueFigures figures(store, SystemClock(), kActivityWindowDays);
  LifetimeValueQuery everything;
  LifetimeValueQuery last_90_days;
  last_90_days.currency = "EUR";
  last_90_days.end_time = SpanEnd();
  last_90_days.start_time = SpanEnd() - absl::Hours(24 * 90);
  LifetimeValueQuery monthly = last_90_days;
  monthly.series = FigureSeriesSpec{Granularity::kMonth, absl::UTCTimeZone()};
  ResultTable table(absl::StrCat("Lifetime value (", backend, ")"), "calls");
  CXHUB_ASSIGN_OR_RETURN(
      Result scan, TimeCalls("scan: each customer's sums", [&] { return ScanLifetimeValue(raw); }));
  table.AddBaseline(scan);
  for (const auto& [name, query] : {std::pair{"lifetime value, everything", everything},
                                    std::pair{"lifetime value, 90 days, EUR", last_90_days},
                                    std::pair{"lifetime value, 90 days, EUR, monthly", monthly}}) {
    CXHUB_ASSIGN_OR_RETURN(
        Result row, TimeCalls(name, [&, &query = query]() -> absl::StatusOr<std::string> {
          CXHUB_ASSIGN_OR_RETURN(const LifetimeValueReport report, figures.Get(query));
          int64_t customers = 0;
          for (const CurrencyLifetimeValue& value : report.currencies) {
            customers += value.historical.customers;
          }
          return absl::StrCat(customers, " paying customers, ", report.currencies.size(),
                              " currencies");
        }));
    table.Add(row);
  }
  table.Print();
  return absl::OkStatus();
}

}  // namespace

absl::Status TimeCustomerFigures(Store& store, Connection& raw, TouchpointId touchpoint,
                                 SegmentId segment, const std::string& backend) {
  CXHUB_RETURN_IF_ERROR(TimeRetention(store, raw, touchpoint, segment, backend));
  return TimeLifetimeValue(store, raw, backend);
}

}  // namespace cxhub::bench
