// Two replicas (two connector hosts with their own stores and owner names) on one database, on
// every backend: only the lease owner reads; a replica cut off from the database loses the
// connector to the other after the lease expires, which resumes from the committed cursor; the
// cut-off replica's commits are refused; pause, resume and run work from either replica.
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/cleanup/cleanup.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cxhub/connector/v1/record.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/connectors/checkpoint_committer.h"
#include "server/connectors/connector_host.h"
#include "server/connectors/record_ingester.h"
#include "server/core/clock.h"
#include "server/core/identity_normalizer.h"
#include "server/core/interaction_feed.h"
#include "server/core/store.h"
#include "server/core/thread_name.h"
#include "tests/connectors/host_fixture.h"
#include "tests/storage/backend_test.h"

namespace cxhub::testing {
namespace {

using ::testing::HasSubstr;

constexpr char kConnector[] = "lines";

// One cxhubd replica's connector half: its own store on the shared database (which the test can
// cut it off from), its feed, its log, its host.
struct Replica {
  std::string name;
  std::unique_ptr<Store> own_store;
  std::unique_ptr<SwitchableStore> store;
  InteractionFeed feed;
  std::shared_ptr<CollectingLogSink> log = std::make_shared<CollectingLogSink>();
  std::unique_ptr<ConnectorHost> host;

  ConnectorView View() {
    absl::StatusOr<ConnectorView> view = host->Get(kConnector);
    EXPECT_TRUE(view.ok()) << view.status();
    return view.ok() ? *view : ConnectorView();
  }
  bool Logged(absl::string_view text) {
    for (const std::string& line : log->lines()) {
      if (absl::StrContains(line, text)) return true;
    }
    return false;
  }
};

class ConnectorLeaseTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    dir_ = NewDirWithPluginFolder("cxhub_leases");
    ASSERT_FALSE(dir_.empty()) << "cannot create a temporary directory with a plugins folder";
    plugin_dir_ = dir_ + "/plugins";
    const std::filesystem::path plugin(TestPlugins::kLines);
    std::filesystem::copy_file(plugin, std::filesystem::path(plugin_dir_) / plugin.filename());
    absl::StatusOr<IdentityNormalizer> normalizer = IdentityNormalizer::Create("PT");
    ASSERT_TRUE(normalizer.ok()) << normalizer.status();
    normalizer_.emplace(*std::move(normalizer));
  }

  void TearDown() override {
    for (std::unique_ptr<Replica>& replica : replicas_) {
      if (replica->host != nullptr) replica->host->Shutdown(absl::Seconds(5));
      replica->host.reset();
    }
    replicas_.clear();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    BackendTest::TearDown();
  }

  // Appends lines "<from>".."<to - 1>" to the source file.
  void AppendLines(int from, int to) {
    std::ofstream out(dir_ + "/source.txt", std::ios::app | std::ios::binary);
    for (int i = from; i < to; ++i) {
      out << Line(absl::StrCat("line-", i), absl::StrCat("person", i, "@example.com"));
    }
  }

  // Starts a replica named `name` on its own store over the test's database. Leases last 3 s,
  // renewed every `renew_interval`: 100 ms leaves a loaded machine a wide margin.
  // `prepare_store` sets the store's hooks before the host starts.
  Replica& StartReplica(const std::string& name,
                        absl::Duration renew_interval = absl::Milliseconds(100),
                        const std::function<void(SwitchableStore&)>& prepare_store = nullptr) {
    auto replica = std::make_unique<Replica>();
    replica->name = name;
    replica->own_store = OpenAnother();
    EXPECT_NE(replica->own_store, nullptr);
    replica->store = std::make_unique<SwitchableStore>(*replica->own_store);
    if (prepare_store) prepare_store(*replica->store);
    ConnectorHostOptions options;
    options.replica = name;
    options.lease_duration = absl::Seconds(3);
    options.lease_renew_interval = renew_interval;
    options.plugin_dirs = {plugin_dir_};
    ConnectorConfig config;
    config.name = kConnector;
    config.plugin = "test_lines.so";
    config.options = absl::StrCat("path=", dir_, "/source.txt;checkpoint_every=2");
    config.poll_interval = absl::Hours(1);  // Reads come from takeovers and RunNow.
    options.connectors = {config};
    options.initial_backoff = absl::Milliseconds(50);
    options.max_backoff = absl::Milliseconds(400);
    std::shared_ptr<CollectingLogSink> sink = replica->log;
    options.logger = std::shared_ptr<const Logger>(
        new Logger({LogFormat::kText, LogLevel::kDebug}, *sink, SystemClock()),
        [sink](const Logger* logger) { delete logger; });
    replica->host =
        std::make_unique<ConnectorHost>(*replica->store, *normalizer_, SystemClock(), replica->feed,
                                        ConflictPolicy::kMerge, std::move(options));
    EXPECT_TRUE(replica->host->Start().ok());
    replicas_.push_back(std::move(replica));
    return *replicas_.back();
  }

  ConnectorState Stored() {
    ConnectorState state;
    EXPECT_TRUE(store()
                    .Read([&](StoreReader& reader) -> absl::Status {
                      absl::StatusOr<std::optional<ConnectorState>> read =
                          reader.GetConnectorState(kConnector);
                      if (!read.ok()) return read.status();
                      if (read->has_value()) state = **read;
                      return absl::OkStatus();
                    })
                    .ok());
    return state;
  }

  // Waits up to 30 s for `done` on the stored row; fails the test otherwise.
  ConnectorState WaitForStored(const std::function<bool(const ConnectorState&)>& done) {
    const absl::Time deadline = absl::Now() + absl::Seconds(30);
    ConnectorState state = Stored();
    while (!done(state) && absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(20));
      state = Stored();
    }
    EXPECT_TRUE(done(state)) << "stored: owner " << state.lease_owner << " token "
                             << state.lease_token << " records_in " << state.counters.records_in;
    return state;
  }

  static bool WaitUntil(const std::function<bool()>& done) {
    const absl::Time deadline = absl::Now() + absl::Seconds(30);
    while (!done() && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(20));
    return done();
  }

  // Every external id recorded from the source, with how many times.
  std::multiset<std::string> RecordedLines() {
    std::multiset<std::string> ids;
    EXPECT_TRUE(store()
                    .Read([&](StoreReader& reader) -> absl::Status {
                      absl::StatusOr<std::vector<Interaction>> all =
                          reader.ListInteractionsSince(0, 0, 100000);
                      if (!all.ok()) return all.status();
                      for (const Interaction& interaction : *all) {
                        ids.insert(interaction.external_id);
                      }
                      return absl::OkStatus();
                    })
                    .ok());
    return ids;
  }

  static void ExpectEachOnce(const std::multiset<std::string>& ids, int count) {
    EXPECT_EQ(ids.size(), static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) {
      EXPECT_EQ(ids.count(absl::StrCat("line-", i)), 1u) << "line-" << i;
    }
  }

  std::optional<IdentityNormalizer> normalizer_;
  std::string dir_;
  std::string plugin_dir_;
  std::vector<std::unique_ptr<Replica>> replicas_;
};

TEST_P(ConnectorLeaseTest, OnlyTheOwnerReadsAndACutOffOwnerIsReplacedFromTheCursor) {
  AppendLines(0, 10);
  Replica& a = StartReplica("replica-a");
  Replica& b = StartReplica("replica-b");
  ConnectorState state = WaitForStored([](const ConnectorState& s) {
    return s.counters.records_in == 10 && s.cursor_time != absl::InfinitePast();
  });
  EXPECT_EQ(state.lease_owner, "replica-a");
  EXPECT_EQ(state.lease_token, 1);
  EXPECT_GT(a.View().commits, 0);
  EXPECT_EQ(b.View().commits, 0);  // b never read.
  EXPECT_EQ(b.View().lease_owner, "replica-a");
  EXPECT_GT(b.View().lease_expire_time, absl::Now() - absl::Minutes(1));

  // a is cut off from the database: b takes over once the lease expires and reads only what
  // follows the committed cursor.
  a.store->SetDown(true);
  AppendLines(10, 20);
  state = WaitForStored([](const ConnectorState& s) { return s.counters.records_in == 20; });
  EXPECT_EQ(state.lease_owner, "replica-b");
  EXPECT_EQ(state.lease_token, 2);
  EXPECT_EQ(state.counters.skipped, 0);  // Resumed from the cursor, not from the start.
  EXPECT_GT(b.View().commits, 0);
  EXPECT_TRUE(b.Logged("connector_lease_taken"));

  // Back, a finds its lease gone and does not read again; a run asked on a goes to b.
  a.store->SetDown(false);
  EXPECT_TRUE(WaitUntil([&]() { return a.Logged("connector_lease_lost"); }));
  const int64_t a_commits = a.View().commits;
  AppendLines(20, 25);
  ASSERT_TRUE(a.host->RunNow(kConnector).ok());
  state = WaitForStored([](const ConnectorState& s) { return s.counters.records_in == 25; });
  EXPECT_EQ(state.lease_owner, "replica-b");
  EXPECT_EQ(a.View().commits, a_commits);
  ExpectEachOnce(RecordedLines(), 25);
}

TEST_P(ConnectorLeaseTest, PauseResumeAndRunAskedOnAnotherReplicaReachTheOwner) {
  AppendLines(0, 4);
  Replica& a = StartReplica("replica-a");
  Replica& b = StartReplica("replica-b");
  WaitForStored([](const ConnectorState& s) { return s.counters.records_in == 4; });

  ASSERT_TRUE(b.host->Pause(kConnector).ok());
  ASSERT_TRUE(WaitUntil([&]() { return a.View().status == ConnectorStatus::kPaused; }));
  EXPECT_EQ(b.View().status, ConnectorStatus::kPaused);
  EXPECT_EQ(a.host->RunNow(kConnector).status().code(), absl::StatusCode::kFailedPrecondition);
  AppendLines(4, 8);

  ASSERT_TRUE(b.host->Resume(kConnector).ok());  // The owner reads at once on a resume.
  WaitForStored([](const ConnectorState& s) { return s.counters.records_in == 8; });
  AppendLines(8, 10);
  ASSERT_TRUE(b.host->RunNow(kConnector).ok());
  const ConnectorState state =
      WaitForStored([](const ConnectorState& s) { return s.counters.records_in == 10; });
  EXPECT_EQ(state.lease_owner, "replica-a");
  EXPECT_EQ(b.View().commits, 0);
  ExpectEachOnce(RecordedLines(), 10);
}

TEST_P(ConnectorLeaseTest, AResumeAskedOnAReplicaThatHasNotSeenThePauseYetIsNotLost) {
  AppendLines(0, 4);
  Replica& a = StartReplica("replica-a");
  // b reads the operator's wishes only when it starts: it never hears of a's pause.
  Replica& b = StartReplica("replica-b", absl::Hours(1));
  WaitForStored([](const ConnectorState& s) { return s.counters.records_in == 4; });
  ASSERT_TRUE(a.host->Pause(kConnector).ok());
  EXPECT_EQ(b.View().status, ConnectorStatus::kPaused);  // From the store, a's view.
  AppendLines(4, 8);

  ASSERT_TRUE(b.host->Resume(kConnector).ok());
  const ConnectorState state =
      WaitForStored([](const ConnectorState& s) { return s.counters.records_in == 8; });
  EXPECT_FALSE(state.paused);
  EXPECT_EQ(state.lease_owner, "replica-a");
  ExpectEachOnce(RecordedLines(), 8);
}

// Holds a host's lease keeper (the thread connector_host.cc names "cx-leases") at one of its
// writes to the store, so that a test can act between the keeper's read of the store and its
// use of what it read. Its store's hooks call At(); they own it with the test.
class LeaseKeeperHold {
 public:
  enum Point { kBeforeWrite, kAfterWrite };

  // Holds the keeper at `point` of its next write; AwaitHeld() returns once it is held there.
  void HoldNextAt(Point point) {
    absl::MutexLock lock(&mu_);
    armed_ = point;
    held_ = false;
  }
  void AwaitHeld() {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(&held_));
  }
  void Release() {
    absl::MutexLock lock(&mu_);
    released_ = true;
  }
  // Never holds again, and lets a held keeper go: so that the host can stop when a test ends.
  void LetGo() {
    absl::MutexLock lock(&mu_);
    armed_.reset();
    done_ = true;
  }

  void At(Point point) {
    if (CurrentThreadName() != "cx-leases") return;
    absl::MutexLock lock(&mu_);
    if (armed_ != point) return;
    armed_.reset();
    held_ = true;
    mu_.Await(absl::Condition(this, &LeaseKeeperHold::ReleasedOrDone));
    released_ = false;
  }

 private:
  bool ReleasedOrDone() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return released_ || done_; }

  absl::Mutex mu_;
  std::optional<Point> armed_ ABSL_GUARDED_BY(mu_);
  bool held_ ABSL_GUARDED_BY(mu_) = false;
  bool released_ ABSL_GUARDED_BY(mu_) = false;
  bool done_ ABSL_GUARDED_BY(mu_) = false;
};

TEST_P(ConnectorLeaseTest, ARenewalThatReadTheStoreBeforeAPauseDoesNotUndoIt) {
  AppendLines(0, 2);
  const auto keeper = std::make_shared<LeaseKeeperHold>();
  const absl::Cleanup let_go = [keeper] { keeper->LetGo(); };
  Replica& a = StartReplica("replica-a", absl::Milliseconds(100), [keeper](SwitchableStore& store) {
    store.BeforeEachWrite([keeper](int) { keeper->At(LeaseKeeperHold::kBeforeWrite); });
    store.AfterEachWrite([keeper](int) { keeper->At(LeaseKeeperHold::kAfterWrite); });
  });
  WaitForStored([](const ConnectorState& s) { return s.counters.records_in == 2; });

  keeper->HoldNextAt(LeaseKeeperHold::kAfterWrite);
  keeper->AwaitHeld();  // A renewal has read paused = 0, and not applied it yet.
  ASSERT_TRUE(a.host->Pause(kConnector).ok());
  keeper->HoldNextAt(LeaseKeeperHold::kBeforeWrite);
  keeper->Release();    // It applies what it read before the pause...
  keeper->AwaitHeld();  // ...and waits before the next renewal reads again.
  EXPECT_EQ(a.View().status, ConnectorStatus::kPaused);
  EXPECT_EQ(a.host->RunNow(kConnector).status().code(), absl::StatusCode::kFailedPrecondition);
  keeper->Release();
}

TEST_P(ConnectorLeaseTest, APauseOrResumeTheStoreCannotTakeIsRefusedAndChangesNothing) {
  AppendLines(0, 2);
  Replica& a = StartReplica("replica-a");
  WaitForStored([](const ConnectorState& s) { return s.counters.records_in == 2; });

  a.store->SetDown(true);
  const absl::Status refused = a.host->Pause(kConnector).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kUnavailable) << refused;
  EXPECT_THAT(refused.message(), HasSubstr("storing the pause of connector \"lines\""));
  a.store->SetDown(false);
  EXPECT_NE(a.View().status, ConnectorStatus::kPaused);
  AppendLines(2, 4);
  ASSERT_TRUE(a.host->RunNow(kConnector).ok());
  WaitForStored([](const ConnectorState& s) { return s.counters.records_in == 4; });

  ASSERT_TRUE(a.host->Pause(kConnector).ok());
  a.store->SetDown(true);
  EXPECT_EQ(a.host->Resume(kConnector).status().code(), absl::StatusCode::kUnavailable);
  a.store->SetDown(false);
  EXPECT_EQ(a.View().status, ConnectorStatus::kPaused);
  EXPECT_TRUE(Stored().paused);
}

TEST_P(ConnectorLeaseTest, AShutDownReplicaHandsItsConnectorOverAtOnce) {
  AppendLines(0, 4);
  Replica& a = StartReplica("replica-a");
  Replica& b = StartReplica("replica-b");
  WaitForStored([](const ConnectorState& s) { return s.counters.records_in == 4; });
  a.host->Shutdown(absl::Seconds(5));
  // Released, not left to expire: b holds it within a few renewals, well before 3 s would
  // matter, but the test only waits for the outcome.
  const ConnectorState state =
      WaitForStored([](const ConnectorState& s) { return s.lease_owner == "replica-b"; });
  EXPECT_EQ(state.lease_token, 2);
  EXPECT_TRUE(a.Logged("connector_lease_released"));
  EXPECT_FALSE(a.Logged("connector_lease_lost")) << "a lease handed back is not a lease lost";
  AppendLines(4, 6);
  ASSERT_TRUE(b.host->RunNow(kConnector).ok());
  WaitForStored([](const ConnectorState& s) { return s.counters.records_in == 6; });
  ExpectEachOnce(RecordedLines(), 6);
}

TEST_P(ConnectorLeaseTest, ACheckpointFencedByAStaleTokenCommitsNothing) {
  AppendLines(0, 2);
  StartReplica("replica-a");
  WaitForStored([](const ConnectorState& s) { return s.counters.records_in == 2; });
  const ConnectorState before = Stored();
  RecordIngester ingester(*normalizer_, SystemClock(), MergePolicy(ConflictPolicy::kMerge),
                          RecordLimits(), nullptr);
  InteractionFeed feed;
  CheckpointCommitter stale(store(), ingester, feed, kConnector, LeaseFence{"replica-z", 1});
  connector::v1::Record record;
  record.mutable_interaction()->set_external_id("late-record");
  record.mutable_interaction()->set_channel("email");
  stale.AddRecord(record.SerializeAsString());
  absl::StatusOr<ConnectorCounters> committed = stale.Commit("stale-cursor");
  EXPECT_EQ(committed.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(committed.status().message(), HasSubstr("lease token 1 of replica \"replica-z\""));
  EXPECT_EQ(Stored().cursor, before.cursor);
  EXPECT_EQ(Stored().counters.records_in, 2);
  EXPECT_EQ(RecordedLines().count("late-record"), 0u);
}

CXHUB_INSTANTIATE_BACKEND_TEST(ConnectorLeaseTest);

}  // namespace
}  // namespace cxhub::testing
