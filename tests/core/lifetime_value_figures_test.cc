// Lifetime value against hand-computed values on the real SQLite store: per currency, never
// mixed; historical and predicted with their inputs, the yearly churn from activity; merged
// customers counted once; a replaced purchase counted as it is now; no purchases, no figure.
// Also the rules a purchase follows when it is recorded.
#include "server/core/lifetime_value_figures.h"

#include <map>
#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/core/field_violation.h"
#include "server/core/manual_clock.h"
#include "server/core/model.h"
#include "server/core/record_validation.h"
#include "server/core/store.h"
#include "tests/core/history_builder.h"
#include "tests/core/test_env.h"

namespace cxhub {
namespace {

absl::Time Utc(int year, int month, int day) {
  return absl::FromCivil(absl::CivilDay(year, month, day), absl::UTCTimeZone());
}

// The field a violation names, or "" for any other status.
std::string FieldOf(const absl::Status& status) {
  std::optional<FieldViolation> violation = FieldViolationOf(status);
  return violation.has_value() ? violation->field : "";
}

class LifetimeValueFiguresTest : public ::testing::Test {
 protected:
  // Customers a, b and c buy; d only writes. Over 2026 (the year before the clock's now), with a
  // 90-day activity window: a, b and d were active on 1 January, only a still on 31 December.
  void SetUp() override {
    for (const char* name : {"a", "b", "c", "d"}) customers_[name] = NewCustomer(name);
    Record(Message("a", Utc(2025, 12, 1)));
    Record(Message("b", Utc(2025, 12, 15)));
    Record(Message("d", Utc(2025, 11, 1)));
    Record(Order("a", Utc(2026, 11, 1), 10000, "EUR"));
    Record(Order("a", Utc(2026, 12, 1), 5000, "EUR"));
    Record(Order("b", Utc(2026, 3, 1), 3000, "EUR"));
    Record(Order("c", Utc(2026, 6, 1), 2000, "USD"));
    Record(Order("c", Utc(2026, 12, 20), 4000, "USD"));
  }

  CustomerId NewCustomer(const std::string& name) { return history_.NewCustomer(name); }
  Interaction Message(const std::string& customer, absl::Time time) {
    return history_.Message(customer, time);
  }
  Interaction Order(const std::string& customer, absl::Time time, int64_t amount,
                    const std::string& currency) {
    return history_.Order(customer, time, amount, currency);
  }
  void Record(const Interaction& interaction) { history_.Record(interaction); }

  // Over 2026 exactly: one observed year.
  LifetimeValueReport Get2026(const std::string& currency = "") {
    LifetimeValueQuery query;
    query.currency = currency;
    query.start_time = Utc(2026, 1, 1);
    query.end_time = Utc(2027, 1, 1);
    return Get(query);
  }

  LifetimeValueReport Get(const LifetimeValueQuery& query) {
    absl::StatusOr<LifetimeValueReport> report = figures_.Get(query);
    EXPECT_TRUE(report.ok()) << report.status();
    return report.value_or(LifetimeValueReport());
  }

  Store& store() { return temp_.store(); }

  TempStore temp_;
  ManualClock clock_{Utc(2027, 1, 1) + absl::Minutes(7)};
  LifetimeValueFigures figures_{temp_.store(), clock_};
  HistoryBuilder history_{temp_.store()};
  std::map<std::string, CustomerId> customers_;
};

TEST_F(LifetimeValueFiguresTest, EachCurrencyApartWithThePredictionsInputs) {
  const LifetimeValueReport report = Get2026();
  ASSERT_TRUE(report.yearly_churn.has_value());
  EXPECT_EQ(report.yearly_churn->start_time, Utc(2026, 1, 1));
  EXPECT_EQ(report.yearly_churn->end_time, Utc(2027, 1, 1));
  EXPECT_EQ(report.yearly_churn->figure.counts.active_at_start, 3);  // a, b, d.
  EXPECT_EQ(report.yearly_churn->figure.counts.retained, 1);         // a.
  ASSERT_EQ(report.currencies.size(), 2u);

  const CurrencyLifetimeValue& eur = report.currencies[0];
  EXPECT_EQ(eur.currency, "EUR");
  EXPECT_EQ(eur.minor_unit_exponent, 2);
  EXPECT_EQ(eur.historical.customers, 2);  // a 15000, b 3000.
  EXPECT_EQ(eur.orders, 3);
  EXPECT_EQ(eur.historical.total, 18000);
  EXPECT_DOUBLE_EQ(eur.historical.mean, 9000);
  EXPECT_DOUBLE_EQ(eur.historical.median, 9000);
  EXPECT_EQ(eur.historical.p90, 15000);  // Rank ceil(0.9 x 2) = 2.
  ASSERT_TRUE(eur.predicted.has_value());
  EXPECT_DOUBLE_EQ(eur.predicted->average_order_value, 6000);         // 18000 / 3.
  EXPECT_DOUBLE_EQ(eur.predicted->purchases_per_customer_year, 1.5);  // 3 / 2 / 1 year.
  EXPECT_DOUBLE_EQ(eur.predicted->yearly_churn, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(eur.predicted->expected_lifetime_years, 1.5);
  EXPECT_DOUBLE_EQ(eur.predicted->value, 13500);  // 6000 x 1.5 x 1.5.

  const CurrencyLifetimeValue& usd = report.currencies[1];
  EXPECT_EQ(usd.currency, "USD");
  EXPECT_EQ(usd.historical.customers, 1);
  EXPECT_EQ(usd.historical.total, 6000);
  EXPECT_EQ(usd.historical.p90, 6000);
  ASSERT_TRUE(usd.predicted.has_value());
  EXPECT_DOUBLE_EQ(usd.predicted->average_order_value, 3000);
  EXPECT_DOUBLE_EQ(usd.predicted->purchases_per_customer_year, 2);
  EXPECT_DOUBLE_EQ(usd.predicted->value, 9000);  // 3000 x 2 x 1.5.
}

TEST_F(LifetimeValueFiguresTest, WithoutARangeObservesFromTheFirstPurchaseToNow) {
  LifetimeValueQuery query;
  query.currency = "EUR";
  const LifetimeValueReport report = Get(query);
  ASSERT_EQ(report.currencies.size(), 1u);
  const CurrencyLifetimeValue& eur = report.currencies[0];
  EXPECT_EQ(eur.observed_start_time, Utc(2026, 3, 1));
  EXPECT_EQ(eur.observed_end_time, Utc(2027, 1, 1));  // Now, to its quarter hour.
  ASSERT_TRUE(eur.predicted.has_value());
  EXPECT_DOUBLE_EQ(eur.predicted->purchases_per_customer_year, 1.5 * 365 / 306);
}

TEST_F(LifetimeValueFiguresTest, AMergedCustomerCountsOnce) {
  ASSERT_TRUE(store()
                  .Write([&](StoreWriter& w) {
                    return w.MergeCustomerInto(customers_["b"], customers_["a"]);
                  })
                  .ok());
  const LifetimeValueReport report = Get2026("EUR");
  ASSERT_EQ(report.currencies.size(), 1u);
  EXPECT_EQ(report.currencies[0].historical.customers, 1);
  EXPECT_EQ(report.currencies[0].historical.total, 18000);
  EXPECT_DOUBLE_EQ(report.currencies[0].historical.median, 18000);
  ASSERT_TRUE(report.yearly_churn.has_value());
  EXPECT_EQ(report.yearly_churn->figure.counts.active_at_start, 2);  // a (with b), d.
  EXPECT_DOUBLE_EQ(report.currencies[0].predicted->yearly_churn, 0.5);
  EXPECT_DOUBLE_EQ(report.currencies[0].predicted->purchases_per_customer_year, 3);
}

TEST_F(LifetimeValueFiguresTest, AReplacedPurchaseCountsAsItIsNow) {
  Interaction replaced = Order("a", Utc(2026, 12, 1), 7000, "GBP");
  replaced.external_id = "4";  // a's 5000 EUR order.
  ASSERT_TRUE(
      store()
          .Write([&](StoreWriter& w) { return w.ReplaceInteractionContent(replaced).status(); })
          .ok());
  const LifetimeValueReport report = Get2026();
  ASSERT_EQ(report.currencies.size(), 3u);
  EXPECT_EQ(report.currencies[0].currency, "EUR");
  EXPECT_EQ(report.currencies[0].historical.total, 13000);
  EXPECT_EQ(report.currencies[0].orders, 2);
  EXPECT_EQ(report.currencies[1].currency, "GBP");
  EXPECT_EQ(report.currencies[1].historical.total, 7000);
}

TEST_F(LifetimeValueFiguresTest, NoPurchasesNoFigure) {
  LifetimeValueQuery query;
  query.currency = "JPY";
  EXPECT_TRUE(Get(query).currencies.empty());
  query = LifetimeValueQuery();
  query.channel = "phone";
  EXPECT_TRUE(Get(query).currencies.empty());
}

TEST_F(LifetimeValueFiguresTest, RefusesARangeEndingBeforeItStarts) {
  LifetimeValueQuery query;
  query.start_time = Utc(2026, 2, 1);
  query.end_time = Utc(2026, 1, 1);
  absl::StatusOr<LifetimeValueReport> report = figures_.Get(query);
  EXPECT_EQ(report.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(LifetimeValueFiguresTest, ASeriesSummarizesThePurchasesOfEachPoint) {
  LifetimeValueQuery query;
  query.currency = "EUR";
  query.start_time = Utc(2026, 10, 1);
  query.end_time = Utc(2027, 1, 1);
  query.series = FigureSeriesSpec{Granularity::kMonth, absl::UTCTimeZone()};
  const LifetimeValueReport report = Get(query);
  ASSERT_EQ(report.currencies.size(), 1u);
  EXPECT_EQ(report.currencies[0].historical.total, 15000);  // a's two orders.
  ASSERT_EQ(report.series.size(), 3u);
  EXPECT_EQ(report.series[0].bucket.start, Utc(2026, 10, 1));
  EXPECT_TRUE(report.series[0].currencies.empty());  // No order in October: no figure.
  ASSERT_EQ(report.series[1].currencies.size(), 1u);
  EXPECT_EQ(report.series[1].currencies[0].historical.total, 10000);
  EXPECT_EQ(report.series[1].currencies[0].orders, 1);
  EXPECT_FALSE(report.series[1].currencies[0].predicted.has_value());
  ASSERT_EQ(report.series[2].currencies.size(), 1u);
  EXPECT_EQ(report.series[2].bucket.end, Utc(2027, 1, 1));
  EXPECT_EQ(report.series[2].currencies[0].historical.total, 5000);
}

TEST_F(LifetimeValueFiguresTest, ASeriesNeedsABoundedRangeOnQuarterHours) {
  LifetimeValueQuery query;
  query.series = FigureSeriesSpec{Granularity::kDay, absl::UTCTimeZone()};
  EXPECT_EQ(figures_.Get(query).status().code(), absl::StatusCode::kInvalidArgument);
  query = LifetimeValueQuery();
  query.start_time = Utc(2026, 1, 1) + absl::Minutes(5);
  EXPECT_EQ(FieldOf(figures_.Get(query).status()), "start_time");
}

RecordRequest PurchaseRequest(int64_t amount, const std::string& currency) {
  RecordRequest request = RecordFor("p", {Email("ana@example.com")});
  request.interaction.kind = InteractionKind::kPurchase;
  request.interaction.purchase = Purchase{amount, currency, "NW-10511"};
  return request;
}

TEST(PurchaseValidation, APurchaseHasAnActiveCurrencyAndNoNegativeAmount) {
  const RecordLimits limits;
  EXPECT_TRUE(ValidateRecordRequest(PurchaseRequest(11990, "EUR"), limits).ok());
  EXPECT_TRUE(ValidateRecordRequest(PurchaseRequest(0, "JPY"), limits).ok());
  EXPECT_EQ(FieldOf(ValidateRecordRequest(PurchaseRequest(-1, "EUR"), limits)),
            "interaction.purchase.amount_minor_units");
  for (const char* currency : {"", "eur", "EURO", "XXX", "ZZZ"}) {
    EXPECT_EQ(FieldOf(ValidateRecordRequest(PurchaseRequest(100, currency), limits)),
              "interaction.purchase.currency")
        << currency;
  }
}

TEST(PurchaseValidation, OnlyPurchasesCarryOneAndEveryPurchaseDoes) {
  const RecordLimits limits;
  RecordRequest message = PurchaseRequest(100, "EUR");
  message.interaction.kind = InteractionKind::kMessage;
  EXPECT_EQ(FieldOf(ValidateRecordRequest(message, limits)), "interaction.purchase");
  RecordRequest bare = PurchaseRequest(100, "EUR");
  bare.interaction.purchase.reset();
  EXPECT_EQ(FieldOf(ValidateRecordRequest(bare, limits)), "interaction.purchase");
}

}  // namespace
}  // namespace cxhub
