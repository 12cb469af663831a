// Kills MariaDB (SIGKILL) under a cxhubd (started in-process on MySQL) while a client records
// interactions over gRPC, and starts it again: while the database is away the RPCs answer
// UNAVAILABLE (not INTERNAL, no crash); once it is back the same server recovers by itself; every
// interaction that was acknowledged is listed afterwards. Needs CXHUB_TEST_MYSQL and
// CXHUB_TEST_MYSQL_DIR (the directory given to scripts/mariadb); skipped otherwise. It kills the
// shared server, so ctest runs it alone (RUN_SERIAL).
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cxhub/v1/customer.grpc.pb.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/integration/grpc_assertions.h"
#include "tests/integration/health_check_client.h"
#include "tests/integration/server_fixture.h"
#include "tests/required_skip.h"
#include "tests/storage/mysql_test_server.h"

namespace cxhub {
namespace {

constexpr int64_t kBase = 1700000000;  // 2023-11-14, seconds since the epoch.
// Longer than the store's connect timeout (2 s, server_fixture.cc): an RPC that runs into it
// means the store hung instead of answering.
constexpr absl::Duration kRpcTimeout = absl::Seconds(10);

v1::RecordInteractionRequest MakeRecord(absl::string_view customer, absl::string_view external_id,
                                        int64_t seconds) {
  v1::RecordInteractionRequest request;
  v1::Interaction* interaction = request.mutable_interaction();
  interaction->set_customer(std::string(customer));
  interaction->set_channel("chat");
  interaction->set_kind(v1::MESSAGE);
  interaction->set_direction(v1::INBOUND);
  interaction->mutable_occur_time()->set_seconds(kBase + seconds);
  interaction->set_body("Is anyone there?");
  interaction->set_source("outage-test");
  interaction->set_external_id(std::string(external_id));
  return request;
}

// What the background client saw.
struct ClientLog {
  std::map<std::string, std::string> acknowledged;  // external_id -> interaction name
  std::map<grpc::StatusCode, int> failures;
  std::string unexpected;   // The first failure other than UNAVAILABLE.
  std::string unavailable;  // One UNAVAILABLE message, for the log.
};

// Records interactions for `customer` one after another until stopped (also when destroyed,
// so a failed assertion cannot leave the thread running).
class RecordingClient {
 public:
  RecordingClient(v1::InteractionService::Stub* stub, std::string customer)
      : stub_(stub), customer_(std::move(customer)), thread_([this] { Run(); }) {}
  ~RecordingClient() { Stop(); }

  void Stop() {
    stop_.store(true);
    if (thread_.joinable()) thread_.join();
  }

  ClientLog log() const {
    absl::MutexLock lock(&mu_);
    return log_;
  }
  size_t acknowledged() const {
    absl::MutexLock lock(&mu_);
    return log_.acknowledged.size();
  }

 private:
  void Run() {
    for (int n = 0; !stop_.load(); ++n) {
      const std::string external_id = absl::StrCat("w-", n);
      v1::RecordInteractionResponse response;
      grpc::Status status = stub_->RecordInteraction(
          WithDeadline().get(), MakeRecord(customer_, external_id, n), &response);
      {
        absl::MutexLock lock(&mu_);
        if (status.ok()) {
          log_.acknowledged[external_id] = response.interaction().name();
        } else {
          ++log_.failures[status.error_code()];
          if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
            if (log_.unavailable.empty()) log_.unavailable = status.error_message();
          } else if (log_.unexpected.empty()) {
            log_.unexpected = absl::StrCat(external_id, ": ", Describe(status));
          }
        }
      }
      absl::SleepFor(absl::Milliseconds(5));
    }
  }

  static std::unique_ptr<grpc::ClientContext> WithDeadline() {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(absl::ToChronoTime(absl::Now() + kRpcTimeout));
    return context;
  }

  v1::InteractionService::Stub* const stub_;
  const std::string customer_;
  std::atomic<bool> stop_{false};
  mutable absl::Mutex mu_;
  ClientLog log_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;  // Last: starts once everything above is constructed.
};

class MysqlOutageTest : public ServerTest {
 protected:
  void SetUp() override {
    const char* dir = std::getenv(testing::kMysqlDirEnv);
    if (!GetParam().skip_reason.empty() || dir == nullptr || *dir == '\0') {
      CXHUB_SKIP_UNLESS_REQUIRED(testing::MysqlDirSkipReason());
    }
    dir_ = dir;
    port_ = testing::MysqlTestServer()->port;
    ServerTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    interactions_ = v1::InteractionService::NewStub(channel());
    customers_ = v1::CustomerService::NewStub(channel());
  }

  void TearDown() override {
    // Whatever happened, leave MariaDB running (also for dropping the test's database).
    if (!dir_.empty()) Mariadb("start");
    ServerTest::TearDown();
  }

  // Runs scripts/mariadb; the password never appears on its command line.
  int Mariadb(absl::string_view command) {
    std::string line = absl::StrCat(CXHUB_MARIADB_SCRIPT, " ", command, " '", dir_, "'");
    if (command == "start") absl::StrAppend(&line, " ", port_);
    return std::system(line.c_str());
  }

  // Every interaction of `customer`, by name.
  std::set<std::string> ListAll(absl::string_view customer) {
    v1::ListInteractionsRequest request;
    request.set_parent(std::string(customer));
    request.set_page_size(1000);
    std::vector<std::string> names = ListAllInteractions(*interactions_, request);
    return std::set<std::string>(names.begin(), names.end());
  }

  std::string dir_;
  int port_ = 0;
  std::unique_ptr<v1::InteractionService::Stub> interactions_;
  std::unique_ptr<v1::CustomerService::Stub> customers_;
};

TEST_P(MysqlOutageTest, UnavailableWhileMariadbIsDownThenRecoversWithNothingLost) {
  v1::CreateCustomerRequest create;
  create.mutable_customer()->set_display_name("Outage");
  v1::Customer customer;
  ASSERT_TRUE(IsOk(customers_->CreateCustomer(Context().get(), create, &customer)));

  RecordingClient client(interactions_.get(), customer.name());
  const absl::Time warm_up_end = absl::Now() + absl::Seconds(5);
  while (client.acknowledged() < 20 && absl::Now() < warm_up_end) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  ASSERT_GE(client.acknowledged(), 20u) << "the client cannot record before the outage";
  const size_t acknowledged_before_stop = client.acknowledged();

  // A crash, not a clean shutdown: commits acknowledged before it must survive InnoDB recovery.
  ASSERT_EQ(Mariadb("kill"), 0);
  const size_t acknowledged_at_stop = client.acknowledged();
  // Down: recording, listing and reading answer UNAVAILABLE, within the deadline.
  absl::Duration slowest_down_rpc;
  for (int i = 0; i < 3; ++i) {
    absl::Time start = absl::Now();
    v1::RecordInteractionResponse recorded;
    grpc::Status record = interactions_->RecordInteraction(
        Context(kRpcTimeout).get(), MakeRecord(customer.name(), absl::StrCat("down-", i), 0),
        &recorded);
    EXPECT_TRUE(HasCode(record, grpc::StatusCode::UNAVAILABLE)) << "RecordInteraction";
    slowest_down_rpc = std::max(slowest_down_rpc, absl::Now() - start);

    start = absl::Now();
    v1::ListInteractionsRequest list;
    list.set_parent(customer.name());
    v1::ListInteractionsResponse listed;
    EXPECT_TRUE(HasCode(interactions_->ListInteractions(Context(kRpcTimeout).get(), list, &listed),
                        grpc::StatusCode::UNAVAILABLE))
        << "ListInteractions";
    slowest_down_rpc = std::max(slowest_down_rpc, absl::Now() - start);

    start = absl::Now();
    v1::GetCustomerRequest get;
    get.set_name(customer.name());
    v1::Customer got;
    EXPECT_TRUE(HasCode(customers_->GetCustomer(Context(kRpcTimeout).get(), get, &got),
                        grpc::StatusCode::UNAVAILABLE))
        << "GetCustomer";
    slowest_down_rpc = std::max(slowest_down_rpc, absl::Now() - start);
  }
  EXPECT_LT(slowest_down_rpc, absl::Seconds(5));
  // Only replies to writes committed before the stop can arrive now.
  const size_t acknowledged_while_down = client.acknowledged() - acknowledged_at_stop;

  ASSERT_EQ(Mariadb("start"), 0);
  const absl::Time restarted = absl::Now();
  const size_t acknowledged_at_start = client.acknowledged();

  // Back: the same server records again by itself, within a bounded time.
  const absl::Time deadline = restarted + absl::Seconds(30);
  grpc::Status recovered;
  int attempts = 0;
  do {
    if (attempts > 0) absl::SleepFor(absl::Milliseconds(100));
    ++attempts;
    v1::RecordInteractionResponse response;
    recovered = interactions_->RecordInteraction(
        Context(kRpcTimeout).get(), MakeRecord(customer.name(), "after-restart", 0), &response);
  } while (!recovered.ok() && absl::Now() < deadline);
  ASSERT_TRUE(IsOk(recovered)) << "the server did not recover within 30 s of the restart";
  const absl::Duration recovery = absl::Now() - restarted;

  const absl::Time resumed_end = absl::Now() + absl::Seconds(5);
  while (client.acknowledged() < acknowledged_at_start + 20 && absl::Now() < resumed_end) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  client.Stop();
  const ClientLog log = client.log();

  EXPECT_EQ(log.unexpected, "") << "a failure other than UNAVAILABLE";
  const int unavailable = log.failures.count(grpc::StatusCode::UNAVAILABLE) > 0
                              ? log.failures.at(grpc::StatusCode::UNAVAILABLE)
                              : 0;
  EXPECT_GT(unavailable, 0) << "the client never saw the outage";
  EXPECT_GE(log.acknowledged.size(), acknowledged_at_start + 20) << "recording did not resume";

  // Nothing acknowledged is lost.
  const std::set<std::string> listed = ListAll(customer.name());
  int lost = 0;
  for (const auto& [external_id, name] : log.acknowledged) {
    if (listed.count(name) == 0) {
      ++lost;
      ADD_FAILURE() << "acknowledged interaction lost: " << external_id << " (" << name << ")";
    }
  }
  EXPECT_EQ(lost, 0);

  std::cout << "outage: " << acknowledged_before_stop << " acknowledged before the stop, "
            << log.acknowledged.size() << " in all (" << acknowledged_while_down << " while down), "
            << unavailable << " UNAVAILABLE from the client, slowest RPC while"
            << " down " << slowest_down_rpc << ", recovered " << recovery << " after the restart ("
            << attempts << " attempts), " << listed.size() << " listed, " << lost << " lost\n"
            << "outage: an UNAVAILABLE message: " << log.unavailable << "\n";
}

// grpc.health.v1 follows the store: the probe (every second here) finds MariaDB gone and takes
// the store, the whole server and the cxhub.v1 services out; they come back with MariaDB.
TEST_P(MysqlOutageTest, HealthIsNotServingWhileMariadbIsDown) {
  config::v1::ServerConfig config = BaseConfig();
  config.set_health_probe_interval_seconds(1);
  Restart(config);
  ASSERT_TRUE(WaitForHealth(channel(), "cxhub.store", kServing, absl::Seconds(5)));

  ASSERT_EQ(Mariadb("kill"), 0);
  EXPECT_TRUE(WaitForHealth(channel(), "cxhub.store", kNotServing, absl::Seconds(30)));
  for (const char* service : {"", "cxhub.v1.CustomerService", "cxhub.v1.InteractionService"}) {
    EXPECT_EQ(CheckHealth(channel(), service).value_or(0), kNotServing) << service;
  }

  ASSERT_EQ(Mariadb("start"), 0);
  EXPECT_TRUE(WaitForHealth(channel(), "cxhub.store", kServing, absl::Seconds(60)));
  EXPECT_TRUE(WaitForHealth(channel(), "", kServing, absl::Seconds(5)));
}

INSTANTIATE_TEST_SUITE_P(Stores, MysqlOutageTest, ::testing::Values(MysqlStoreBackend()),
                         BackendName);

}  // namespace
}  // namespace cxhub
