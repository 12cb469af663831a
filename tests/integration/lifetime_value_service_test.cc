// Purchases and AnalyticsService.GetLifetimeValue over a real server: a purchase is recorded and
// read back with its amount, currency and order id, a bad one is refused naming the field, and
// the lifetime value per currency matches hand-computed values.
#include <string>

#include "cxhub/v1/analytics.grpc.pb.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/integration/grpc_assertions.h"
#include "tests/integration/server_fixture.h"

namespace cxhub {
namespace {

constexpr int64_t k2024Dec1 = 1733011200;  // 2024-12-01T00:00:00Z.
constexpr int64_t k2025Jan1 = 1735689600;
constexpr int64_t k2026Jan1 = 1767225600;
constexpr int64_t kDay = 86400;

class LifetimeValueServiceTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    interactions_ = v1::InteractionService::NewStub(channel());
    analytics_ = v1::AnalyticsService::NewStub(channel());
  }

  // An interaction of the customer known by `email`, a purchase when `currency` is set.
  static v1::RecordInteractionRequest Record(const std::string& email, int64_t seconds,
                                             int64_t amount = 0, const std::string& currency = "") {
    v1::RecordInteractionRequest request;
    v1::Identity* identity = request.add_customer_identities();
    identity->set_kind(v1::EMAIL);
    identity->set_value(email);
    v1::Interaction* interaction = request.mutable_interaction();
    interaction->set_channel(currency.empty() ? "email" : "web");
    interaction->set_kind(currency.empty() ? v1::MESSAGE : v1::PURCHASE);
    interaction->set_direction(v1::INBOUND);
    interaction->mutable_occur_time()->set_seconds(seconds);
    interaction->set_source("integration-test");
    interaction->set_external_id(std::to_string(next_key_++));
    if (!currency.empty()) {
      interaction->mutable_purchase()->set_amount_minor_units(amount);
      interaction->mutable_purchase()->set_currency(currency);
      interaction->mutable_purchase()->set_order_id("NW-" + interaction->external_id());
    }
    return request;
  }

  grpc::Status Send(const v1::RecordInteractionRequest& request,
                    v1::RecordInteractionResponse* response) {
    return interactions_->RecordInteraction(Context().get(), request, response);
  }

  void Send(const v1::RecordInteractionRequest& request) {
    v1::RecordInteractionResponse response;
    EXPECT_TRUE(IsOk(Send(request, &response)));
  }

  std::unique_ptr<v1::InteractionService::Stub> interactions_;
  std::unique_ptr<v1::AnalyticsService::Stub> analytics_;
  static inline int next_key_ = 0;
};

TEST_P(LifetimeValueServiceTest, RecordsAPurchaseAndRefusesABadOneNamingTheField) {
  v1::RecordInteractionResponse response;
  ASSERT_TRUE(IsOk(Send(Record("ana@example.com", k2025Jan1, 11990, "EUR"), &response)));
  EXPECT_EQ(response.interaction().purchase().amount_minor_units(), 11990);
  EXPECT_EQ(response.interaction().purchase().currency(), "EUR");

  v1::RecordInteractionRequest bad = Record("ana@example.com", k2025Jan1, 100, "eur");
  grpc::Status status = Send(bad, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("interaction.purchase.currency: ", 0), 0u)
      << status.error_message();
  bad = Record("ana@example.com", k2025Jan1, -5, "EUR");
  status = Send(bad, &response);
  EXPECT_EQ(status.error_message().rfind("interaction.purchase.amount_minor_units: ", 0), 0u)
      << status.error_message();
  bad = Record("ana@example.com", k2025Jan1);
  bad.mutable_interaction()->mutable_purchase()->set_currency("EUR");
  status = Send(bad, &response);
  EXPECT_EQ(status.error_message().rfind("interaction.purchase: ", 0), 0u)
      << status.error_message();
}

TEST_P(LifetimeValueServiceTest, PerCurrencyHistoricalAndPredictedWithInputs) {
  Send(Record("ana@example.com", k2024Dec1));             // Active on 1 January 2025.
  Send(Record("tom@example.com", k2024Dec1 + 9 * kDay));  // Active on 1 January 2025.
  Send(Record("ana@example.com", k2025Jan1 + 59 * kDay, 11990, "EUR"));
  Send(Record("ana@example.com", k2025Jan1 + 304 * kDay, 6450, "EUR"));  // Still active.
  Send(Record("tom@example.com", k2025Jan1 + 31 * kDay, 1000, "EUR"));   // Then gone.
  Send(Record("bea@example.com", k2025Jan1 + 151 * kDay, 500, "USD"));

  v1::GetLifetimeValueRequest request;
  request.mutable_start_time()->set_seconds(k2025Jan1);
  request.mutable_end_time()->set_seconds(k2026Jan1);
  v1::LifetimeValueReport report;
  ASSERT_TRUE(IsOk(analytics_->GetLifetimeValue(Context().get(), request, &report)));
  EXPECT_EQ(report.yearly_churn().active_at_start(), 2);
  EXPECT_EQ(report.yearly_churn().retained(), 1);
  EXPECT_DOUBLE_EQ(report.yearly_churn().churn(), 0.5);
  ASSERT_EQ(report.currencies_size(), 2);

  const v1::CurrencyLifetimeValue& eur = report.currencies(0);
  EXPECT_EQ(eur.currency(), "EUR");
  EXPECT_EQ(eur.minor_unit_exponent(), 2);
  EXPECT_EQ(eur.historical().customers(), 2);
  EXPECT_EQ(eur.historical().orders(), 3);
  EXPECT_EQ(eur.historical().total_minor_units(), 19440);
  EXPECT_DOUBLE_EQ(eur.historical().mean_minor_units(), 9720);
  EXPECT_DOUBLE_EQ(eur.historical().median_minor_units(), 9720);
  EXPECT_EQ(eur.historical().p90_minor_units(), 18440);
  EXPECT_DOUBLE_EQ(eur.predicted().average_order_value_minor_units(), 6480);
  EXPECT_DOUBLE_EQ(eur.predicted().observed_years(), 1);
  EXPECT_DOUBLE_EQ(eur.predicted().purchases_per_customer_year(), 1.5);
  EXPECT_DOUBLE_EQ(eur.predicted().yearly_churn(), 0.5);
  EXPECT_DOUBLE_EQ(eur.predicted().expected_lifetime_years(), 2);
  EXPECT_DOUBLE_EQ(eur.predicted().value_minor_units(), 19440);  // 6480 x 1.5 x 2.

  const v1::CurrencyLifetimeValue& usd = report.currencies(1);
  EXPECT_EQ(usd.currency(), "USD");
  EXPECT_EQ(usd.historical().total_minor_units(), 500);
  EXPECT_DOUBLE_EQ(usd.predicted().value_minor_units(), 1000);  // 500 x 1 x 2.

  request.set_currency("JPY");
  ASSERT_TRUE(IsOk(analytics_->GetLifetimeValue(Context().get(), request, &report)));
  EXPECT_EQ(report.currencies_size(), 0) << "no purchases: no figure, not 0";
  request.set_currency("euro");
  const grpc::Status status = analytics_->GetLifetimeValue(Context().get(), request, &report);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("currency: ", 0), 0u) << status.error_message();
}

TEST_P(LifetimeValueServiceTest, AMonthlySeriesInATimeZone) {
  Send(Record("ana@example.com", k2025Jan1 + 59 * kDay, 11990, "EUR"));  // 1 March, 00:00 UTC.
  Send(Record("tom@example.com", k2025Jan1 + 31 * kDay, 1000, "EUR"));   // 1 February.
  v1::GetLifetimeValueRequest request;
  // Lisbon keeps UTC in winter and UTC+1 from 30 March: April begins at 23:00 UTC on 31 March.
  const int64_t lisbon_april = k2025Jan1 + 90 * kDay - 3600;
  request.mutable_start_time()->set_seconds(k2025Jan1);
  request.mutable_end_time()->set_seconds(lisbon_april);
  request.mutable_series()->set_granularity(v1::GRANULARITY_MONTH);
  request.mutable_series()->set_time_zone("Europe/Lisbon");
  v1::LifetimeValueReport report;
  ASSERT_TRUE(IsOk(analytics_->GetLifetimeValue(Context().get(), request, &report)));
  ASSERT_EQ(report.series_size(), 3);
  EXPECT_EQ(report.series(0).currencies_size(), 0) << "no purchase in January: no figure";
  ASSERT_EQ(report.series(1).currencies_size(), 1);
  EXPECT_EQ(report.series(1).start_time().seconds(), k2025Jan1 + 31 * kDay);
  EXPECT_EQ(report.series(1).currencies(0).historical().total_minor_units(), 1000);
  EXPECT_FALSE(report.series(1).currencies(0).has_predicted());
  ASSERT_EQ(report.series(2).currencies_size(), 1);
  EXPECT_EQ(report.series(2).end_time().seconds(), lisbon_april);
  EXPECT_EQ(report.series(2).currencies(0).historical().total_minor_units(), 11990);

  request.mutable_series()->set_time_zone("Mars/Olympus");
  grpc::Status status = analytics_->GetLifetimeValue(Context().get(), request, &report);
  EXPECT_EQ(status.error_message().rfind("series.time_zone: ", 0), 0u) << status.error_message();
  request.mutable_series()->clear_time_zone();
  request.clear_end_time();
  status = analytics_->GetLifetimeValue(Context().get(), request, &report);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("series: ", 0), 0u) << status.error_message();
}

CXHUB_INSTANTIATE_FOR_EVERY_STORE(LifetimeValueServiceTest);

}  // namespace
}  // namespace cxhub
