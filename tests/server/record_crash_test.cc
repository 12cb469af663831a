// Crash consistency of RecordInteraction's group commit: runs the real cxhubd, keeps records in
// flight from several client threads (so that they share transactions), kills cxhubd with
// SIGKILL at a random moment, restarts it, and repeats for a bounded time. Every record a client
// was answered OK for must be stored, exactly once; a record whose call failed may or may not be.
// Every run must die of our SIGKILL (a sanitizer abort is a failure, not a kill), several kills
// must land while records were being answered, and cxhubd's logs must hold no sanitizer report.
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/integration/server_fixture.h"
#include "tests/processes/cxhubd_process.h"
#include "tests/processes/store_probe.h"
#include "tests/required_skip.h"

namespace cxhub {
namespace {

using ::cxhub::testing::CxhubdProcess;
using ::cxhub::testing::SanitizerReports;
using ::cxhub::testing::StoreProbe;
using ::cxhub::testing::WaitForServingPort;

namespace fs = std::filesystem;

constexpr absl::Duration kKillLoop = absl::Seconds(12);
constexpr int kClients = 8;
// Kills that must land after some records of their run were answered.
constexpr int kMinKillsWhileAnswering = 3;

v1::RecordInteractionRequest Email(const std::string& external_id, int customer) {
  v1::RecordInteractionRequest request;
  v1::Interaction& interaction = *request.mutable_interaction();
  interaction.set_channel("email");
  interaction.set_kind(v1::MESSAGE);
  interaction.set_direction(v1::INBOUND);
  interaction.mutable_occur_time()->set_seconds(1772362800);
  interaction.set_body(absl::StrCat("body of ", external_id));
  interaction.set_source("record-crash-test");
  interaction.set_external_id(external_id);
  v1::Identity& identity = *request.add_customer_identities();
  identity.set_kind(v1::EMAIL);
  identity.set_value(absl::StrCat("c", customer, "@example.com"));
  return request;
}

// The external ids the clients were answered OK for.
class Acknowledged {
 public:
  void Add(const std::string& external_id) {
    absl::MutexLock lock(&mu_);
    ids_.insert(external_id);
  }
  std::set<std::string> ids() {
    absl::MutexLock lock(&mu_);
    return ids_;
  }

 private:
  absl::Mutex mu_;
  std::set<std::string> ids_ ABSL_GUARDED_BY(mu_);
};

// Records from kClients threads, each on its own channel, one call after another, until
// stopped; counts the answers of this run.
class Clients {
 public:
  Clients(int port, int run, Acknowledged& acknowledged) {
    for (int client = 0; client < kClients; ++client) {
      threads_.emplace_back([this, port, run, client, &acknowledged] {
        grpc::ChannelArguments arguments;
        arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // A connection each.
        auto stub = v1::InteractionService::NewStub(grpc::CreateCustomChannel(
            absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials(), arguments));
        for (int n = 0; !stop_.load(); ++n) {
          const std::string external_id = absl::StrCat("run", run, "-client", client, "-", n);
          grpc::ClientContext context;
          context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
          v1::RecordInteractionResponse response;
          if (stub->RecordInteraction(&context, Email(external_id, n % 13), &response).ok()) {
            acknowledged.Add(external_id);
            answered_.fetch_add(1);
          } else {
            absl::SleepFor(absl::Milliseconds(5));
          }
        }
      });
    }
  }
  ~Clients() { Stop(); }

  void Stop() {
    stop_.store(true);
    for (std::thread& thread : threads_) {
      if (thread.joinable()) thread.join();
    }
  }
  int answered() const { return answered_.load(); }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<int> answered_{0};
  std::vector<std::thread> threads_;
};

class RecordCrash : public ::testing::TestWithParam<StoreBackend> {};

TEST_P(RecordCrash, EveryAcknowledgedRecordIsStoredExactlyOnceAcrossSigkills) {
  if (!GetParam().skip_reason.empty()) CXHUB_SKIP_UNLESS_REQUIRED(GetParam().skip_reason);
  std::string pattern = (fs::path(::testing::TempDir()) / "cxhub_record_crash_XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  const fs::path dir = pattern;
  const fs::path config = dir / "cxhub.textproto";
  absl::StatusOr<TestStore> store = GetParam().configure(dir.string());
  ASSERT_TRUE(store.ok()) << store.status();
  config::v1::ServerConfig server_config;
  server_config.set_listen_address("127.0.0.1:0");
  server_config.mutable_security()->set_plaintext(true);
  server_config.mutable_security()->set_auth_disabled(true);
  *server_config.mutable_store() = store->config;
  server_config.set_default_phone_region("PT");
  ASSERT_TRUE(testing::WriteConfigFile(server_config, config.string()));

  const uint32_t seed = testing::CrashSeed();
  SCOPED_TRACE(absl::StrCat("seed ", seed));
  std::mt19937 random(seed);
  Acknowledged acknowledged;
  std::vector<std::string> logs;
  int kills = 0;
  int kills_while_answering = 0;
  const absl::Time end = absl::Now() + kKillLoop;
  for (int run = 0; absl::Now() < end; ++run) {
    // A log per run, so that the port read from it is this run's.
    const std::string log = (dir / absl::StrCat("cxhubd-", run, ".log")).string();
    logs.push_back(log);
    CxhubdProcess server(CXHUBD_PATH, config.string(), log);
    ASSERT_TRUE(server.running());
    absl::StatusOr<int> port = WaitForServingPort(log, absl::Seconds(60));
    ASSERT_TRUE(port.ok()) << port.status() << "; see " << log;
    Clients clients(*port, run, acknowledged);
    absl::SleepFor(absl::Milliseconds(std::uniform_int_distribution<int>(50, 500)(random)));
    const int status = server.Stop(SIGKILL);
    // Any other end (an exit, a sanitizer's abort, a crash) is cxhubd's doing, not ours.
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "cxhubd ended by itself (wait status " << status << "); see " << log;
    ++kills;
    if (clients.answered() > 0) ++kills_while_answering;
    clients.Stop();
  }

  StoreProbe database(store->config);
  ASSERT_TRUE(database.ok());
  const std::vector<std::string> stored_ids =
      database.Column("SELECT external_id FROM interactions WHERE source = 'record-crash-test'");
  const std::multiset<std::string> stored(stored_ids.begin(), stored_ids.end());
  const std::set<std::string> answered = acknowledged.ids();
  for (const std::string& external_id : answered) {
    ASSERT_EQ(stored.count(external_id), 1u) << external_id << " was acknowledged";
  }
  const std::set<std::string> distinct(stored_ids.begin(), stored_ids.end());
  EXPECT_EQ(distinct.size(), stored_ids.size()) << "a record is stored twice";
  std::cerr << "killed cxhubd " << kills << " times; " << answered.size()
            << " records acknowledged, " << stored_ids.size() << " stored\n";
  EXPECT_GE(kills_while_answering, kMinKillsWhileAnswering)
      << "too few kills landed while records were answered to test anything (" << kills
      << " kills)";
  for (const std::string& log : logs) {
    EXPECT_EQ(SanitizerReports(log), std::vector<std::string>{}) << "see " << log;
  }
  if (!HasFailure()) fs::remove_all(dir);
}

CXHUB_INSTANTIATE_FOR_EVERY_STORE(RecordCrash);

}  // namespace
}  // namespace cxhub
