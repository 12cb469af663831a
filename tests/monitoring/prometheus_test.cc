// cxhubd watched the way its operators watch it: the real cxhubd process with its metrics
// endpoint on, Debian's Prometheus scraping it every second, and the answers read back in PromQL
// over Prometheus's HTTP API. The shared samples must show in the connector counters exactly as
// their README says, promtool must accept a scrape, and (on MySQL) a store outage must show in
// the error counter and in grpc.health.v1.
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cxhub/config/v1/config.pb.h"
#include "cxhub/v1/customer.grpc.pb.h"
#include "google/protobuf/text_format.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/e2e/cxhub_client.h"
#include "tests/e2e/shipped_config.h"
#include "tests/integration/health_check_client.h"
#include "tests/monitoring/free_port.h"
#include "tests/monitoring/http_get.h"
#include "tests/monitoring/prometheus_server.h"
#include "tests/required_skip.h"
#include "tests/server/cxhubd_daemon.h"
#include "tests/storage/mysql_test_server.h"

namespace cxhub::monitoring {
namespace {

namespace fs = std::filesystem;

// What each shipped connector ingests from the shared samples (their README, "What a correct
// ingestion yields" and "Touchpoints and surveys"): records in counts interactions, corrections,
// identity links and survey answers; each channel source holds exactly one record that must
// become a dead letter, the survey export two.
struct ExpectedConnector {
  std::string name;
  int records_in;
  int dead_letters;
};
const std::vector<ExpectedConnector>& ExpectedConnectors() {
  static const auto* const expected = new std::vector<ExpectedConnector>{
      // 10 mails after Message-ID de-duplication; the bounce (message 6) is dead.
      {"support-mail", 10, 1},
      // 9 call records (row 3 is internal and skipped); row 8 (caller `anonymous`) is dead.
      {"pbx-calls", 9, 1},
      // 7 messages, 1 correction (message_updated of 90414), 4 identity links, 2 CSAT answers
      // (their 2 survey questions are skipped); chatwoot.jsonl line 10 is dead.
      {"web-chat", 14, 1},
      // 7 statuses that are not boosts; line 8 (truncated JSON) is dead.
      {"mastodon", 7, 1},
      // 5 visits and their 2 purchases; line 5 (truncated JSON) is dead.
      {"matomo-web", 7, 1},
      // 12 NPS answers (row 16 repeats row 10 and is skipped); row 14 (score 11) and row 15 (no
      // email) are dead.
      {"nps-survey", 12, 2},
  };
  return *expected;
}

// The single sample of `samples` equals `value`.
bool IsSingle(const std::vector<Sample>& samples, double value) {
  return samples.size() == 1 && samples[0].value == value;
}

class PrometheusMonitoringTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/cxhub_monitoring_XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    temp_dir_ = pattern;
  }

  void TearDown() override {
    prometheus_.reset();
    StopCxhubd();
    std::error_code ignored;
    fs::remove_all(temp_dir_, ignored);
  }

  // config/cxhub.textproto as shipped (its connectors reading the shared samples), on SQLite in
  // the temporary directory.
  config::v1::ServerConfig ShippedConfig() {
    absl::StatusOr<config::v1::ServerConfig> config = e2e::LoadShippedConfig(
        absl::StrCat(CXHUB_SOURCE_DIR, "/config/cxhub.textproto"), CXHUB_SOURCE_DIR,
        CXHUB_PLUGIN_DIR, (temp_dir_ / "cxhub.db").string());
    EXPECT_TRUE(config.ok()) << config.status();
    return config.ok() ? *config : config::v1::ServerConfig();
  }

  // Starts cxhubd on `config` with its metrics endpoint on a free loopback port and the store
  // probed every second; connects the clients.
  void StartCxhubd(config::v1::ServerConfig config) {
    metrics_port_ = FreeLoopbackPort();
    ASSERT_NE(metrics_port_, 0);
    config.mutable_metrics()->set_listen_address(absl::StrCat("127.0.0.1:", metrics_port_));
    config.set_health_probe_interval_seconds(1);
    std::string text;
    ASSERT_TRUE(google::protobuf::TextFormat::PrintToString(config, &text));
    const std::string config_path = (temp_dir_ / "cxhubd.textproto").string();
    std::ofstream(config_path) << text;
    daemon_ = std::make_unique<test::Daemon>(config_path);
    const int port = daemon_->WaitForPort();
    ASSERT_GT(port, 0) << "cxhubd did not start serving";
    // cxhubd's stderr is a pipe: read it to the end, so the daemon never blocks on it.
    log_reader_ = std::thread([this] {
      for (std::string line = daemon_->ReadLine(); !line.empty(); line = daemon_->ReadLine()) {
        absl::MutexLock lock(&log_mu_);
        log_ += line;
      }
    });
    client_ = std::make_unique<e2e::CxhubClient>(port);
    channel_ =
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials());
  }

  void StopCxhubd() {
    if (daemon_ == nullptr) return;
    daemon_->Signal(SIGTERM);
    if (daemon_->WaitForExit(absl::Seconds(30)) == -1) {
      daemon_->Signal(SIGKILL);
      daemon_->WaitForExit(absl::Seconds(10));
    }
    if (log_reader_.joinable()) log_reader_.join();
    daemon_.reset();
  }

  std::string CxhubdLog() {
    absl::MutexLock lock(&log_mu_);
    return log_;
  }

  std::string MetricsUrl() const {
    return absl::StrCat("http://127.0.0.1:", metrics_port_, "/metrics");
  }

  // A scrape of cxhubd's /metrics, waiting at most 10 s for the endpoint to answer.
  std::string Scrape() {
    const absl::Time deadline = absl::Now() + absl::Seconds(10);
    absl::StatusOr<std::string> scrape = HttpGet(MetricsUrl());
    while (!scrape.ok() && absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(100));
      scrape = HttpGet(MetricsUrl());
    }
    EXPECT_TRUE(scrape.ok()) << "no metrics endpoint at " << MetricsUrl()
                             << ": config.metrics unsupported? (" << scrape.status()
                             << ")\ncxhubd's log:\n"
                             << CxhubdLog();
    return scrape.ok() ? *scrape : "";
  }

  // Starts Prometheus scraping cxhubd, with the shipped alert rules loaded (a rule Prometheus
  // refuses stops it from starting), and waits until it has scraped cxhubd successfully.
  void StartPrometheus() {
    ASSERT_FALSE(Scrape().empty());
    const fs::path work_dir = temp_dir_ / "prometheus";
    fs::create_directories(work_dir);
    prometheus_ = std::make_unique<PrometheusServer>();
    absl::Status started =
        prometheus_->Start(work_dir.string(), absl::StrCat("127.0.0.1:", metrics_port_),
                           {absl::StrCat(CXHUB_SOURCE_DIR, "/config/prometheus/alerts.yml")});
    ASSERT_TRUE(started.ok()) << started;
    absl::StatusOr<std::vector<Sample>> up = prometheus_->QueryUntil(
        "up{job=\"cxhub\"}",
        [](const std::vector<Sample>& samples) { return IsSingle(samples, 1); });
    ASSERT_TRUE(up.ok()) << up.status();
    ASSERT_TRUE(IsSingle(*up, 1)) << "Prometheus cannot scrape cxhubd: " << Describe(*up)
                                  << "\nPrometheus's log:\n"
                                  << prometheus_->Log();
  }

  // Waits until `promql` is one series of value `expected`; fails showing what it was.
  void ExpectSingle(const std::string& promql, double expected) {
    absl::StatusOr<std::vector<Sample>> samples = prometheus_->QueryUntil(
        promql, [expected](const std::vector<Sample>& got) { return IsSingle(got, expected); });
    ASSERT_TRUE(samples.ok()) << promql << ": " << samples.status();
    EXPECT_TRUE(IsSingle(*samples, expected)) << promql << " is not " << expected << " but:\n"
                                              << Describe(*samples);
  }

  // Polls the health of `service` until it is `wanted` (kServing, kNotServing) or `timeout` has
  // passed.
  void ExpectHealthBecomes(const std::string& service, uint64_t wanted, absl::Duration timeout) {
    if (WaitForHealth(channel_, service, wanted, timeout)) return;
    absl::StatusOr<uint64_t> status = CheckHealth(channel_, service);
    ADD_FAILURE() << "health of \"" << service << "\" is not " << wanted << " after " << timeout
                  << " but " << (status.ok() ? absl::StrCat(*status) : status.status().ToString());
  }

  fs::path temp_dir_;
  int metrics_port_ = 0;
  std::unique_ptr<test::Daemon> daemon_;
  std::thread log_reader_;
  absl::Mutex log_mu_;
  std::string log_ ABSL_GUARDED_BY(log_mu_);
  std::unique_ptr<e2e::CxhubClient> client_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<PrometheusServer> prometheus_;
};

TEST_F(PrometheusMonitoringTest, ConnectorCountersMatchTheSamplesReadme) {
  CXHUB_SKIP_UNLESS_SAMPLES();
  ASSERT_NO_FATAL_FAILURE(StartCxhubd(ShippedConfig()));
  // The first reads, then one more of each connector, so every source has been read to its end
  // and read again (which must add nothing but skipped records).
  ASSERT_TRUE(client_->WaitForFirstReads().ok());
  for (const ExpectedConnector& connector : ExpectedConnectors()) {
    absl::StatusOr<v1::Connector> after = client_->RunAndWait(connector.name);
    ASSERT_TRUE(after.ok()) << connector.name << ": " << after.status();
    // The API's view, so a wrong count says whether the server or its metrics disagree.
    EXPECT_EQ(after->records_in(), connector.records_in) << connector.name << " (API)";
    EXPECT_EQ(after->dead_lettered(), connector.dead_letters) << connector.name << " (API)";
  }
  ASSERT_NO_FATAL_FAILURE(StartPrometheus());

  for (const ExpectedConnector& connector : ExpectedConnectors()) {
    SCOPED_TRACE(connector.name);
    const std::string selector = absl::StrCat("{connector=\"", connector.name, "\"}");
    ExpectSingle(absl::StrCat("cxhub_connector_records_in_total", selector), connector.records_in);
    ExpectSingle(absl::StrCat("cxhub_connector_dead_letters_total", selector),
                 connector.dead_letters);
    // One state at a time, and it is idle once the reads are over.
    ExpectSingle(absl::StrCat("sum(cxhub_connector_state", selector, ")"), 1);
    ExpectSingle(
        absl::StrCat("cxhub_connector_state{connector=\"", connector.name, "\",state=\"idle\"}"),
        1);
  }
  ExpectSingle("sum(cxhub_connector_records_in_total)", 59);
  ExpectSingle("sum(cxhub_connector_dead_letters_total)", 7);

  absl::StatusOr<std::vector<Sample>> build_info = prometheus_->QueryUntil(
      "cxhub_build_info", [](const std::vector<Sample>& got) { return !got.empty(); });
  ASSERT_TRUE(build_info.ok()) << build_info.status();
  ASSERT_TRUE(IsSingle(*build_info, 1)) << Describe(*build_info);
  EXPECT_EQ((*build_info)[0].labels["store_backend"], "sqlite");
  EXPECT_FALSE((*build_info)[0].labels["version"].empty()) << Describe(*build_info);
  EXPECT_EQ((*build_info)[0].labels.count("commit"), 1u) << Describe(*build_info);
}

TEST_F(PrometheusMonitoringTest, PromtoolAcceptsAScrape) {
  config::v1::ServerConfig config = ShippedConfig();
  ASSERT_NO_FATAL_FAILURE(StartCxhubd(config));
  ASSERT_TRUE(client_->WaitForFirstReads().ok());
  // Some calls, so the gRPC counters and histograms have series, failed ones included.
  v1::GetCustomerRequest request;
  request.set_name("customers/does-not-exist");
  v1::Customer customer;
  for (int i = 0; i < 3; ++i) {
    client_->customers().GetCustomer(e2e::CxhubClient::Context().get(), request, &customer);
  }
  const std::string scrape = Scrape();
  ASSERT_FALSE(scrape.empty());
  const std::string output_path = (temp_dir_ / "promtool.out").string();
  const std::string command =
      absl::StrCat(CXHUB_PROMTOOL_PATH, " check metrics > '", output_path, "' 2>&1");
  FILE* promtool = popen(command.c_str(), "w");
  ASSERT_NE(promtool, nullptr) << command;
  fwrite(scrape.data(), 1, scrape.size(), promtool);
  const int status = pclose(promtool);
  std::ifstream in(output_path);
  const std::string output((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "promtool check metrics:\n"
                                                             << output << "\non the scrape:\n"
                                                             << scrape;
}

// Stops the shared MariaDB (scripts/mariadb) under a cxhubd on MySQL, so ctest runs it alone.
class MysqlOutageMonitoringTest : public PrometheusMonitoringTest {
 protected:
  void SetUp() override {
    const char* dir = std::getenv(testing::kMysqlDirEnv);
    if (!testing::MysqlTestServer().has_value() || dir == nullptr || *dir == '\0') {
      CXHUB_SKIP_UNLESS_REQUIRED(testing::MysqlDirSkipReason());
    }
    mariadb_dir_ = dir;
    PrometheusMonitoringTest::SetUp();
    database_ = std::make_unique<testing::FreshMysqlDatabase>(*testing::MysqlTestServer());
    ASSERT_TRUE(database_->status().ok()) << database_->status();
  }

  void TearDown() override {
    PrometheusMonitoringTest::TearDown();
    // Whatever happened, leave MariaDB running, also for dropping the test's database.
    if (!mariadb_dir_.empty()) Mariadb("start");
    database_.reset();
  }

  // Runs scripts/mariadb; the password never appears on its command line.
  int Mariadb(const std::string& command) {
    std::string line = absl::StrCat(CXHUB_MARIADB_SCRIPT, " ", command, " '", mariadb_dir_, "'");
    if (command == "start") absl::StrAppend(&line, " ", testing::MysqlTestServer()->port);
    return std::system(line.c_str());
  }

  // cxhubd on the fresh database, without connectors; the password through the environment.
  config::v1::ServerConfig MysqlConfig() {
    const MysqlStoreOptions& options = database_->options();
    setenv("CXHUB_MONITORING_TEST_MYSQL_PASSWORD", options.password.c_str(), 1);
    config::v1::ServerConfig config;
    config.set_listen_address("127.0.0.1:0");
    config.mutable_security()->set_plaintext(true);
    config.mutable_security()->set_auth_disabled(true);
    config.set_default_phone_region("PT");
    config::v1::MysqlStore* mysql = config.mutable_store()->mutable_mysql();
    mysql->set_host(options.host);
    mysql->set_port(options.port);
    mysql->set_user(options.user);
    mysql->set_password_env("CXHUB_MONITORING_TEST_MYSQL_PASSWORD");
    mysql->set_database(options.database);
    mysql->set_connect_timeout_seconds(2);
    return config;
  }

  // The number of GetCustomer calls answered UNAVAILABLE, as Prometheus has it now (0 when
  // there is no such series yet).
  double UnavailableGetCustomerCalls(double at_least) {
    absl::StatusOr<std::vector<Sample>> samples = prometheus_->QueryUntil(
        kUnavailableGetCustomer, [at_least](const std::vector<Sample>& got) {
          return (got.empty() ? 0 : got[0].value) >= at_least;
        });
    EXPECT_TRUE(samples.ok()) << samples.status();
    return samples.ok() && !samples->empty() ? (*samples)[0].value : 0;
  }

  static constexpr char kUnavailableGetCustomer[] =
      "sum(cxhub_grpc_server_handled_total{grpc_service=\"cxhub.v1.CustomerService\","
      "grpc_method=\"GetCustomer\",grpc_code=\"UNAVAILABLE\"})";

  std::string mariadb_dir_;
  std::unique_ptr<testing::FreshMysqlDatabase> database_;
};

TEST_F(MysqlOutageMonitoringTest, OutageShowsInHealthAndInTheErrorCounter) {
  ASSERT_NO_FATAL_FAILURE(StartCxhubd(MysqlConfig()));
  ASSERT_NO_FATAL_FAILURE(StartPrometheus());
  ExpectSingle("cxhub_build_info{store_backend=\"mysql\"}", 1);
  ASSERT_NO_FATAL_FAILURE(ExpectHealthBecomes("cxhub.store", kServing, absl::Seconds(10)));
  v1::CreateCustomerRequest create;
  create.mutable_customer()->set_display_name("Outage");
  v1::Customer customer;
  ASSERT_TRUE(client_->customers()
                  .CreateCustomer(e2e::CxhubClient::Context().get(), create, &customer)
                  .ok());
  const double unavailable_before = UnavailableGetCustomerCalls(0);

  ASSERT_EQ(Mariadb("stop"), 0);
  v1::GetCustomerRequest get;
  get.set_name(customer.name());
  constexpr int kCalls = 3;
  for (int i = 0; i < kCalls; ++i) {
    v1::Customer got;
    const grpc::Status status =
        client_->customers().GetCustomer(e2e::CxhubClient::Context().get(), get, &got);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
  }
  EXPECT_GE(UnavailableGetCustomerCalls(unavailable_before + kCalls), unavailable_before + kCalls)
      << "the UNAVAILABLE answers do not show in Prometheus";
  ExpectHealthBecomes("cxhub.store", kNotServing, absl::Seconds(15));
  ExpectHealthBecomes("", kNotServing, absl::Seconds(5));
  ExpectHealthBecomes("cxhub.v1.CustomerService", kNotServing, absl::Seconds(5));

  ASSERT_EQ(Mariadb("start"), 0);
  ExpectHealthBecomes("cxhub.store", kServing, absl::Seconds(30));
  ExpectHealthBecomes("", kServing, absl::Seconds(5));
  v1::Customer got;
  EXPECT_TRUE(client_->customers().GetCustomer(e2e::CxhubClient::Context().get(), get, &got).ok())
      << "cxhubd serves again once MariaDB is back";
}

}  // namespace
}  // namespace cxhub::monitoring
