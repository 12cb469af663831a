// The metrics endpoint and the health statuses of a real server on loopback: calls over gRPC,
// a connector run with the real test plugins, then a real HTTP scrape of /metrics (libcurl),
// on each store backend.

#include <optional>
#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cxhub/v1/connector.grpc.pb.h"
#include "cxhub/v1/customer.grpc.pb.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/integration/health_check_client.h"
#include "tests/integration/line_connectors.h"
#include "tests/integration/server_fixture.h"
#include "tests/monitoring/metric_samples.h"

namespace cxhub {
namespace {

// GET http://127.0.0.1:<port>/metrics; the body, or nullopt (the error is logged).
std::optional<std::string> Scrape(int port) {
  absl::StatusOr<std::string> scrape = monitoring::ScrapeMetrics(absl::StrCat("127.0.0.1:", port));
  if (!scrape.ok()) {
    ADD_FAILURE() << scrape.status();
    return std::nullopt;
  }
  return *std::move(scrape);
}

using monitoring::SampleValue;

class MetricsTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    config::v1::ServerConfig config = BaseConfig();
    AddLineConnectors(temp_dir(), {TEST_LINES_PATH, TEST_LINES_ABI_MAJOR_PATH},
                      {{"lines", "test_lines.so"}, {"old-abi", "test_lines_abi_major.so"}}, config);
    config.mutable_metrics()->set_listen_address("127.0.0.1:0");
    config.set_health_probe_interval_seconds(1);
    Restart(config);
    backend_ = GetParam().name == "Mysql" ? "mysql" : "sqlite";
  }

  // Scrapes until `series` has a value >= `at_least` (the connector reads in the background).
  std::string ScrapeOnceAtLeast(const std::string& series, double at_least) {
    const absl::Time deadline = absl::Now() + absl::Seconds(20);
    std::string last;
    while (absl::Now() < deadline) {
      std::optional<std::string> scrape = Scrape(metrics_port());
      if (!scrape.has_value()) return "";
      last = *std::move(scrape);
      std::optional<double> value = SampleValue(last, series);
      if (value.has_value() && *value >= at_least) return last;
      absl::SleepFor(absl::Milliseconds(50));
    }
    ADD_FAILURE() << series << " never reached " << at_least << " in:\n" << last;
    return last;
  }

  std::string backend_;
};

TEST_P(MetricsTest, CountsCallsByMethodAndCode) {
  ASSERT_GT(metrics_port(), 0);
  auto customers = v1::CustomerService::NewStub(channel());
  v1::CreateCustomerRequest create;
  create.mutable_customer()->set_display_name("Ana");
  v1::Customer customer;
  ASSERT_TRUE(customers->CreateCustomer(Context().get(), create, &customer).ok());
  for (int i = 0; i < 3; ++i) {
    v1::GetCustomerRequest get;
    get.set_name(customer.name());
    v1::Customer got;
    ASSERT_TRUE(customers->GetCustomer(Context().get(), get, &got).ok());
  }
  v1::GetCustomerRequest missing;
  missing.set_name("customers/999999");
  v1::Customer not_found;
  EXPECT_EQ(customers->GetCustomer(Context().get(), missing, &not_found).error_code(),
            grpc::StatusCode::NOT_FOUND);

  const std::string scrape = ScrapeOnceAtLeast(
      "cxhub_grpc_server_handled_total{grpc_code=\"NOT_FOUND\",grpc_method=\"GetCustomer\","
      "grpc_service=\"cxhub.v1.CustomerService\"}",
      1);
  EXPECT_EQ(SampleValue(scrape,
                        "cxhub_grpc_server_handled_total{grpc_code=\"OK\",grpc_method="
                        "\"GetCustomer\",grpc_service=\"cxhub.v1.CustomerService\"}"),
            3);
  EXPECT_EQ(SampleValue(scrape,
                        "cxhub_grpc_server_handled_total{grpc_code=\"OK\",grpc_method="
                        "\"CreateCustomer\",grpc_service=\"cxhub.v1.CustomerService\"}"),
            1);
  EXPECT_EQ(SampleValue(scrape,
                        "cxhub_grpc_server_handling_seconds_count{grpc_method=\"GetCustomer\","
                        "grpc_service=\"cxhub.v1.CustomerService\"}"),
            4);
  EXPECT_GE(SampleValue(scrape, absl::StrCat("cxhub_store_transaction_seconds_count{backend=\"",
                                             backend_, "\",kind=\"write\"}"))
                .value_or(0),
            1);
  EXPECT_GE(
      SampleValue(scrape, absl::StrCat("cxhub_store_connections_open{backend=\"", backend_, "\"}"))
          .value_or(0),
      1);
  EXPECT_TRUE(
      SampleValue(scrape, absl::StrCat("cxhub_store_retries_total{backend=\"", backend_, "\"}"))
          .has_value());
  EXPECT_EQ(SampleValue(scrape, absl::StrCat("cxhub_store_silent_aborts_total{backend=\"", backend_,
                                             "\"}")),
            0);
  // Process-wide, and nothing here merges customers.
  EXPECT_EQ(SampleValue(scrape, "cxhub_merge_guardrail_stops_total"), 0);
  EXPECT_GE(SampleValue(scrape, absl::StrCat("cxhub_store_pool_wait_seconds_count{backend=\"",
                                             backend_, "\"}"))
                .value_or(0),
            1);
  EXPECT_TRUE(absl::StrContains(
      scrape, absl::StrCat("store_backend=\"", backend_, "\",version=\"0.1.0\"} 1")))
      << scrape;
}

TEST_P(MetricsTest, ExposesConnectorCountersStateAndAge) {
  // The end of the read, not its records: the records count once their commit is in the
  // store, the commit and the success a moment later, in the host.
  const std::string scrape =
      ScrapeOnceAtLeast("cxhub_connector_last_success_timestamp_seconds{connector=\"lines\"}", 1);
  EXPECT_EQ(SampleValue(scrape, "cxhub_connector_records_in_total{connector=\"lines\"}"), 2);
  EXPECT_EQ(SampleValue(scrape, "cxhub_connector_dead_letters_total{connector=\"lines\"}"), 2);
  EXPECT_EQ(SampleValue(scrape, "cxhub_connector_skipped_total{connector=\"lines\"}"), 0);
  EXPECT_GE(SampleValue(scrape, "cxhub_connector_commits_total{connector=\"lines\"}").value_or(0),
            1);
  // The newest committed record happened at 2026-03-01T10:00:00Z.
  const double expected_age =
      absl::ToDoubleSeconds(absl::Now() - absl::FromUnixSeconds(1772359200));
  EXPECT_NEAR(
      SampleValue(scrape, "cxhub_connector_cursor_age_seconds{connector=\"lines\"}").value_or(-1),
      expected_age, 60);
  EXPECT_TRUE(
      SampleValue(scrape, "cxhub_connector_last_success_timestamp_seconds{connector=\"lines\"}")
          .has_value());
  EXPECT_FALSE(
      SampleValue(scrape, "cxhub_connector_cursor_age_seconds{connector=\"old-abi\"}").has_value());
  const std::string failed =
      ScrapeOnceAtLeast("cxhub_connector_state{connector=\"old-abi\",state=\"failed\"}", 1);
  EXPECT_EQ(SampleValue(failed, "cxhub_connector_state{connector=\"old-abi\",state=\"idle\"}"), 0);
  EXPECT_GE(
      SampleValue(failed, "cxhub_connector_read_errors_total{connector=\"old-abi\"}").value_or(0),
      1);
}

TEST_P(MetricsTest, CountsWatchStreamsDeliveriesAndGroupCommits) {
  auto interactions = v1::InteractionService::NewStub(channel());
  grpc::ClientContext watch_context;
  watch_context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  v1::WatchInteractionsRequest watch;
  auto reader = interactions->WatchInteractions(&watch_context, watch);
  reader->WaitForInitialMetadata();
  ScrapeOnceAtLeast("cxhub_watch_streams_open", 1);

  auto customers = v1::CustomerService::NewStub(channel());
  v1::CreateCustomerRequest create;
  create.mutable_customer()->set_display_name("Watched");
  v1::Customer customer;
  ASSERT_TRUE(customers->CreateCustomer(Context().get(), create, &customer).ok());
  v1::RecordInteractionRequest record;
  record.mutable_interaction()->set_customer(customer.name());
  record.mutable_interaction()->set_channel("chat");
  record.mutable_interaction()->set_kind(v1::MESSAGE);
  record.mutable_interaction()->set_direction(v1::INBOUND);
  record.mutable_interaction()->mutable_occur_time()->set_seconds(1772362800);
  record.mutable_interaction()->set_body("Hello");
  record.mutable_interaction()->set_source("metrics-test");
  record.mutable_interaction()->set_external_id("w1");
  v1::RecordInteractionResponse recorded;
  const grpc::Status status = interactions->RecordInteraction(Context().get(), record, &recorded);
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::Interaction delivered;
  ASSERT_TRUE(reader->Read(&delivered)) << reader->Finish().error_message();
  ScrapeOnceAtLeast("cxhub_watch_interactions_delivered_total", 1);
  watch_context.TryCancel();
  reader->Finish();  // CANCELLED, as asked.
  // The record went through the group commit, in a group of its own.
  const std::string scrape = ScrapeOnceAtLeast("cxhub_record_group_commits_total", 1);
  EXPECT_EQ(SampleValue(scrape, "cxhub_record_group_commits_total"), 1);
  EXPECT_EQ(SampleValue(scrape, "cxhub_record_group_records_total"), 1);
  EXPECT_EQ(SampleValue(scrape, "cxhub_record_group_queued"), 0);
}

TEST_P(MetricsTest, HealthNamesTheStoreEachServiceAndEachConnector) {
  for (const char* service :
       {"", "cxhub.store", "cxhub.v1.CustomerService", "cxhub.v1.InteractionService",
        "cxhub.v1.ConnectorService", "cxhub.v1.TouchpointService"}) {
    EXPECT_TRUE(WaitForHealth(channel(), service, kServing, absl::Seconds(5))) << service;
  }
  EXPECT_TRUE(WaitForHealth(channel(), "cxhub.connector.lines", kServing, absl::Seconds(10)));
  EXPECT_TRUE(WaitForHealth(channel(), "cxhub.connector.old-abi", kNotServing, absl::Seconds(10)));
  // A failed connector does not take the replica out.
  EXPECT_EQ(CheckHealth(channel(), "").value_or(0), kServing);
}

CXHUB_INSTANTIATE_FOR_EVERY_STORE(MetricsTest);

}  // namespace
}  // namespace cxhub
