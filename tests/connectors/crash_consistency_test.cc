// Crash consistency: runs the real cxhubd with a connector reading a growing line file, kills it
// with SIGKILL at random moments while it ingests, restarts it, and repeats for a bounded time.
// Then lets it finish and checks, in the store itself (each backend), that every source record
// is there exactly once and that the committed counters agree (nothing was counted twice).
// While cxhubd runs, its progress is read over gRPC (the connector's records_in): an SQLite
// store belongs to the process that has it open, so the store is read only between runs.
// Every run must die of our SIGKILL (a sanitizer abort is a failure, not a kill), several kills
// must land mid-ingestion, and cxhubd's logs must hold no sanitizer report.
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cxhub/v1/connector.grpc.pb.h"
#include "google/protobuf/text_format.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/integration/server_fixture.h"
#include "tests/processes/connector_progress.h"
#include "tests/processes/cxhubd_process.h"
#include "tests/processes/store_probe.h"
#include "tests/required_skip.h"

namespace cxhub {
namespace {

using ::cxhub::testing::AwaitConnectorRecords;
using ::cxhub::testing::CxhubdProcess;
using ::cxhub::testing::SanitizerReports;
using ::cxhub::testing::StoreProbe;
using ::cxhub::testing::WaitForServingPort;

namespace fs = std::filesystem;

constexpr absl::Duration kKillLoop = absl::Seconds(20);
// Kills that must land with some, but not all, of the written records stored.
constexpr int kMinKillsMidIngestion = 3;

class ConnectorCrash : public ::testing::TestWithParam<StoreBackend> {};

TEST_P(ConnectorCrash, EverySourceRecordIsStoredExactlyOnceAcrossSigkills) {
  if (!GetParam().skip_reason.empty()) CXHUB_SKIP_UNLESS_REQUIRED(GetParam().skip_reason);
  std::string pattern = (fs::path(::testing::TempDir()) / "cxhub_crash_XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  const fs::path dir = pattern;
  fs::create_directory(dir / "plugins");
  fs::copy_file(TEST_LINES_PATH, dir / "plugins" / "test_lines.so");
  const fs::path lines = dir / "lines.txt";
  const fs::path config = dir / "cxhub.textproto";
  std::vector<std::string> logs;  // cxhubd's, one per run
  absl::StatusOr<TestStore> store = GetParam().configure(dir.string());
  ASSERT_TRUE(store.ok()) << store.status();
  {
    std::string store_text;
    ASSERT_TRUE(google::protobuf::TextFormat::PrintToString(store->config, &store_text));
    std::ofstream out(config);
    out << "listen_address: \"127.0.0.1:0\"\n"
        << "security { plaintext: true auth_disabled: true }\n"
        << "store { " << store_text << " }\n"
        << "default_phone_region: \"PT\"\n"
        << "plugin_dirs: \"" << (dir / "plugins").string() << "\"\n"
        << "connectors { name: \"lines\" plugin: \"test_lines.so\" options: \"path="
        << lines.string() << ";checkpoint_every=7\" poll_interval_seconds: 1 }\n";
  }

  const uint32_t seed = testing::CrashSeed();
  SCOPED_TRACE(absl::StrCat("seed ", seed));
  std::mt19937 random(seed);
  int written = 0;
  const auto append = [&](int count) {
    std::ofstream out(lines, std::ios::app);
    for (int i = 0; i < count; ++i, ++written) {
      // 97 customers, so records resolve to existing customers as well as new ones.
      out << "r" << written << "|c" << (written % 97) << "@example.com|2026-03-01T10:00:00Z|body "
          << written << "\n";
    }
  };

  // Between runs, from the store.
  const auto stored_now = [&store]() -> int64_t {
    StoreProbe database(store->config);
    return database.ok() ? database.Count("SELECT COUNT(*) FROM interactions") : -1;
  };
  // GetConnector on `log`'s cxhubd, once it serves (none when it never does by `deadline`).
  const auto connectors_of =
      [](const std::string& log,
         absl::Time deadline) -> std::unique_ptr<v1::ConnectorService::Stub> {
    const absl::StatusOr<int> port = WaitForServingPort(log, deadline - absl::Now());
    if (!port.ok()) return nullptr;
    return v1::ConnectorService::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", *port), grpc::InsecureChannelCredentials()));
  };

  append(1500);
  int kills = 0;
  int kills_mid_ingestion = 0;  // With 0 < stored < written.
  const absl::Time end = absl::Now() + kKillLoop;
  while (absl::Now() < end) {
    const int64_t stored_before = std::max<int64_t>(stored_now(), 0);  // -1: no store yet.
    if (stored_before >= written) append(std::uniform_int_distribution<int>(1, 300)(random));
    // A log per run, so that the port read from it is this run's.
    logs.push_back((dir / absl::StrCat("cxhubd-", logs.size(), ".log")).string());
    CxhubdProcess server(CXHUBD_PATH, config.string(), logs.back());
    ASSERT_TRUE(server.running());
    if (std::bernoulli_distribution(0.5)(random)) {
      // By the clock alone: lands anywhere, from opening the store to the middle of a batch.
      absl::SleepFor(absl::Milliseconds(std::uniform_int_distribution<int>(30, 600)(random)));
    } else {
      // Once ingestion is seen moving: on a loaded machine cxhubd may take longer to start than
      // any clock-timed kill allows, and then no kill would land mid-ingestion at all.
      // Its records_in commits with the records, so it counts what is stored.
      if (const auto connectors = connectors_of(logs.back(), end); connectors != nullptr) {
        AwaitConnectorRecords(*connectors, "lines", stored_before + 1, absl::Milliseconds(10), end)
            .IgnoreError();  // Killed either way, whatever the wait ended with.
      }
    }
    append(std::uniform_int_distribution<int>(0, 300)(random));  // The source keeps growing.
    absl::SleepFor(absl::Milliseconds(std::uniform_int_distribution<int>(0, 200)(random)));
    const int status = server.Stop(SIGKILL);
    // Any other end (an exit, a sanitizer's abort, a crash) is cxhubd's doing, not ours.
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "cxhubd ended by itself (wait status " << status << "); see " << logs.back();
    ++kills;
    const int64_t stored = stored_now();
    if (stored > 0 && stored < written) ++kills_mid_ingestion;
  }

  // A last, undisturbed run: wait until it serves (a SIGTERM before cxhubd blocks the signal
  // would kill it) and everything is in, then stop it cleanly.
  {
    logs.push_back((dir / "cxhubd-last.log").string());
    CxhubdProcess server(CXHUBD_PATH, config.string(), logs.back());
    const absl::Time deadline = absl::Now() + absl::Seconds(60);
    const auto connectors = connectors_of(logs.back(), deadline);
    ASSERT_NE(connectors, nullptr) << "see " << logs.back();
    // The checks below say what is missing if this ends short.
    AwaitConnectorRecords(*connectors, "lines", written, absl::Milliseconds(100), deadline)
        .IgnoreError();
    const int status = server.Stop(SIGTERM);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status;
  }

  StoreProbe database(store->config);
  ASSERT_TRUE(database.ok());
  EXPECT_EQ(database.Count("SELECT COUNT(*) FROM interactions"), written);
  EXPECT_EQ(database.Count("SELECT COUNT(DISTINCT external_id) FROM interactions"), written);
  std::vector<std::string> ids = database.Column("SELECT external_id FROM interactions");
  std::set<std::string> unique(ids.begin(), ids.end());
  for (int i = 0; i < written; ++i) {
    ASSERT_EQ(unique.count(absl::StrCat("r", i)), 1u) << "record r" << i << " is missing";
  }
  EXPECT_EQ(database.Count("SELECT COUNT(*) FROM customers"), 97);
  EXPECT_EQ(database.Count("SELECT COUNT(*) FROM dead_letters"), 0);
  // Records and cursor commit together, so nothing committed was ever read again: every record
  // was counted in once and none was skipped as a replay.
  EXPECT_EQ(database.Count("SELECT records_in FROM connector_states WHERE name = 'lines'"),
            written);
  EXPECT_EQ(database.Count("SELECT skipped FROM connector_states WHERE name = 'lines'"), 0);
  std::cerr << "killed cxhubd " << kills << " times while ingesting " << written << " records, "
            << kills_mid_ingestion << " of them with some but not all stored\n";
  EXPECT_GE(kills_mid_ingestion, kMinKillsMidIngestion)
      << "too few kills landed mid-ingestion to test anything (" << kills << " kills)";
  for (const std::string& run : logs) {
    EXPECT_EQ(SanitizerReports(run), std::vector<std::string>{}) << "see " << run;
  }
  if (!HasFailure()) fs::remove_all(dir);
}

CXHUB_INSTANTIATE_FOR_EVERY_STORE(ConnectorCrash);

}  // namespace
}  // namespace cxhub
