// Chaos on a cluster: 3 cxhubd replicas on a 3-node Galera cluster (one node each), the four
// file connectors reading sources that keep growing, API writers and Watch streams, while for
// CXHUB_CHAOS_SECONDS (default 60) a random replica or a random database node is killed with
// SIGKILL and restarted, over and over. Afterwards, in the database and on the streams:
//   - every source record is stored exactly once, and each connector's records_in equals the
//     records written to its source (nothing read twice, nothing skipped, no dead letter);
//   - every API write that was acknowledged is stored;
//   - every Watch stream (reconnecting to another replica with start_after whenever its
//     replica dies or its 3 s session ends) saw every interaction once, in one order;
//   - several replica kills landed mid-ingestion (with some but not all records stored).
// It prints the kills, the seed (CXHUB_CHAOS_SEED replays the schedule) and each failover it
// saw: the time from the dead replica's lease expiry to the first record a surviving replica
// committed for a connector the dead one held.
//
//   CXHUB_TEST_GALERA=127.0.0.1:P0,P1,P2   the nodes' SQL ports (user cxhub/cxhub)
//   CXHUB_GALERA_CONTROL="SCRIPT DIR N BASEPORT"   how scripts/galera kills and restarts a node
//   CXHUB_CHAOS_PORT=P                     the replicas serve gRPC on P, P+1, P+2
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/galera/galera_nodes.h"
#include "tests/processes/cxhubd_process.h"
#include "tests/processes/store_probe.h"
#include "tests/required_skip.h"
#include "tests/sources/channel_records.h"
#include "tests/storage/mysql_test_server.h"

namespace cxhub::testing {
namespace {

namespace fs = std::filesystem;

constexpr int kReplicas = 3;
constexpr int kCustomers = 40;
constexpr char kPasswordEnv[] = "CXHUB_CHAOS_MYSQL_PASSWORD";
constexpr char kApiSource[] = "chaos-api";
// Short, so that a replica that stays dead past it is replaced within the run.
constexpr int kLeaseSeconds = 4;
// Replica kills that must land with some, but not all, written records stored.
constexpr int kMinKillsMidIngestion = 3;

int EnvInt(const char* name, int fallback) {
  const char* value = std::getenv(name);
  int parsed = 0;
  return value != nullptr && absl::SimpleAtoi(value, &parsed) && parsed > 0 ? parsed : fallback;
}

uint32_t Seed() {
  const char* value = std::getenv("CXHUB_CHAOS_SEED");
  if (value != nullptr && *value != '\0') return static_cast<uint32_t>(std::stoul(value));
  return std::random_device{}();
}

int64_t IdOf(const std::string& name) {
  int64_t id = 0;
  const size_t slash = name.find('/');
  if (slash == std::string::npos || !absl::SimpleAtoi(name.substr(slash + 1), &id)) return -1;
  return id;
}

// The cluster as the ctest fixture started it.
struct Cluster {
  std::string host;
  std::vector<int> ports;  // SQL port of each node.
  std::string control;     // "SCRIPT DIR N BASEPORT"
  int grpc_port = 0;       // Of replica 0; replica r serves on grpc_port + r.

  static std::optional<Cluster> FromEnvironment() {
    const std::vector<MysqlStoreOptions> nodes = GaleraNodes("CXHUB_TEST_GALERA");
    const char* control = std::getenv("CXHUB_GALERA_CONTROL");
    const int grpc_port = EnvInt("CXHUB_CHAOS_PORT", 0);
    if (nodes.empty() || control == nullptr || grpc_port == 0) return std::nullopt;
    Cluster cluster{nodes[0].host, {}, control, grpc_port};
    for (const MysqlStoreOptions& node : nodes) cluster.ports.push_back(node.port);
    if (cluster.ports.size() != kReplicas) return std::nullopt;
    return cluster;
  }

  // Runs scripts/galera `verb` on node `node`; true when it succeeded.
  bool Node(const std::string& verb, int node) const {
    std::vector<std::string> words = absl::StrSplit(control, ' ');
    words.insert(words.begin() + 1, verb);
    words.push_back(absl::StrCat(node));
    const std::string command = absl::StrCat(absl::StrJoin(words, " "), " >/dev/null");
    return std::system(command.c_str()) == 0;
  }

  std::string Address(int replica) const { return absl::StrCat("127.0.0.1:", grpc_port + replica); }
};

// The growing sources: four files, and how many records each has.
class Sources {
 public:
  explicit Sources(const fs::path& dir) : dir_(dir) {
    for (const ChannelSource& channel : ChannelSources()) {
      std::ofstream(Path(channel)).flush();  // Exists, empty: the connectors start at once.
    }
  }
  fs::path Path(const ChannelSource& channel) const { return dir_ / channel.file; }

  // Appends up to `most` records to each source. Each batch reaches the file in one write, so
  // a connector never reads half a record that looks whole.
  void Grow(std::mt19937& random, int most) {
    for (size_t c = 0; c < ChannelSources().size(); ++c) {
      const ChannelSource& channel = ChannelSources()[c];
      const int count = std::uniform_int_distribution<int>(0, most)(random);
      std::ostringstream batch;
      channel.write(batch, written_[c].load(), count, kCustomers);
      const std::string bytes = batch.str();
      std::ofstream out(Path(channel), std::ios::binary | std::ios::app);
      out.rdbuf()->pubsetbuf(nullptr, 0);  // Unbuffered: one write of the whole batch.
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      written_[c] += count;
    }
  }
  int written(size_t channel) const { return written_[channel].load(); }
  int total() const {
    int sum = 0;
    for (const std::atomic<int>& count : written_) sum += count.load();
    return sum;
  }

 private:
  const fs::path dir_;
  std::array<std::atomic<int>, 4> written_{};
};

// One logical Watch stream: it starts after a given interaction and reconnects, to the next
// replica, with start_after = the last interaction it received, whenever its stream ends (a dead
// replica or the end of its 3 s session).
class Watcher {
 public:
  Watcher(const Cluster& cluster, int first_replica, std::string start_after)
      : cluster_(cluster), replica_(first_replica), last_(std::move(start_after)) {}

  void Run(const std::atomic<bool>& stop) {
    while (!stop.load()) {
      auto stub = v1::InteractionService::NewStub(
          grpc::CreateChannel(cluster_.Address(replica_), grpc::InsecureChannelCredentials()));
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(3));
      v1::WatchInteractionsRequest request;
      request.set_start_after(last_);
      std::unique_ptr<grpc::ClientReader<v1::Interaction>> reader =
          stub->WatchInteractions(&context, request);
      bool received = false;
      for (v1::Interaction interaction; reader->Read(&interaction);) {
        absl::MutexLock lock(&mu_);
        ids_.push_back(IdOf(interaction.name()));
        last_ = interaction.name();
        received = true;
      }
      reader->Finish();
      ++sessions_;
      replica_ = (replica_ + 1) % kReplicas;
      if (!received) absl::SleepFor(absl::Milliseconds(100));  // A dead replica: no hot loop.
    }
  }
  std::vector<int64_t> ids() {
    absl::MutexLock lock(&mu_);
    return ids_;
  }
  int64_t last_id() {
    absl::MutexLock lock(&mu_);
    return ids_.empty() ? 0 : ids_.back();
  }
  int sessions() const { return sessions_.load(); }

 private:
  const Cluster& cluster_;
  int replica_;
  std::string last_;  // Where the next session starts.
  std::atomic<int> sessions_{0};
  absl::Mutex mu_;
  std::vector<int64_t> ids_ ABSL_GUARDED_BY(mu_);
};

// Records through the API, each request on a replica that answers (the next one on failure),
// and keeps the external ids of those acknowledged.
class ApiWriter {
 public:
  ApiWriter(const Cluster& cluster, int index) : cluster_(cluster), index_(index) {}

  void Run(const std::atomic<bool>& stop) {
    int replica = index_ % kReplicas;
    for (int n = 0; !stop.load(); ++n) {
      const std::string external_id = absl::StrCat("w", index_, "-", n);
      const v1::RecordInteractionRequest request =
          ChatMessageFrom(absl::StrCat("customer", n % kCustomers, "@example.com"), kApiSource,
                          external_id, absl::ToUnixSeconds(absl::Now()));
      // A request the server may have committed before dying is sent again: (source,
      // external_id) makes the retry a no-op, answered already_recorded.
      for (int attempt = 0; attempt < 2 * kReplicas && !stop.load(); ++attempt) {
        auto stub = v1::InteractionService::NewStub(
            grpc::CreateChannel(cluster_.Address(replica), grpc::InsecureChannelCredentials()));
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
        v1::RecordInteractionResponse response;
        if (stub->RecordInteraction(&context, request, &response).ok()) {
          acknowledged_.push_back(external_id);
          break;
        }
        replica = (replica + 1) % kReplicas;
        absl::SleepFor(absl::Milliseconds(50));
      }
      absl::SleepFor(absl::Milliseconds(20));
    }
  }
  // Read once Run has returned.
  const std::vector<std::string>& acknowledged() const { return acknowledged_; }

 private:
  const Cluster& cluster_;
  const int index_;
  std::vector<std::string> acknowledged_;
};

class GaleraChaosTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::optional<Cluster> cluster = Cluster::FromEnvironment();
    if (!cluster.has_value()) {
      CXHUB_SKIP_UNLESS_REQUIRED(
          "set CXHUB_TEST_GALERA, CXHUB_GALERA_CONTROL and CXHUB_CHAOS_PORT "
          "(tests/galera/CMakeLists.txt does)");
    }
    cluster_ = *std::move(cluster);
    MysqlStoreOptions server;
    server.host = cluster_.host;
    server.port = cluster_.ports[0];
    server.user = "cxhub";
    server.password = "cxhub";
    server.database = "cxhub_test";
    database_ = std::make_unique<FreshMysqlDatabase>(server);
    ASSERT_TRUE(database_->status().ok()) << database_->status();
    std::vector<MysqlStoreOptions> nodes;
    for (const int port : cluster_.ports) {
      nodes.push_back(server);
      nodes.back().port = port;
    }
    const absl::Status everywhere = WaitForDatabaseOnEveryNode(nodes, *database_);
    ASSERT_TRUE(everywhere.ok()) << everywhere;
    setenv(kPasswordEnv, database_->options().password.c_str(), 1);
    std::string pattern = (fs::path(::testing::TempDir()) / "cxhub_chaos_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    sources_ = std::make_unique<Sources>(dir_);
    for (int r = 0; r < kReplicas; ++r) WriteConfig(r);
  }

  config::v1::StoreConfig StoreOn(int node) const {
    config::v1::StoreConfig store;
    config::v1::MysqlStore* mysql = store.mutable_mysql();
    mysql->set_host(cluster_.host);
    mysql->set_port(static_cast<uint32_t>(cluster_.ports[node]));
    mysql->set_user(database_->options().user);
    mysql->set_password_env(kPasswordEnv);
    mysql->set_database(database_->options().database);
    mysql->set_pool_size(4);
    mysql->set_connect_timeout_seconds(2);
    mysql->set_read_timeout_seconds(10);
    mysql->set_write_timeout_seconds(10);
    mysql->set_lock_wait_timeout_seconds(5);
    return store;
  }

  // Replica r serves on its own port and uses node r of the cluster.
  void WriteConfig(int replica) {
    config::v1::ServerConfig config;
    config.set_listen_address(cluster_.Address(replica));
    config.mutable_security()->set_plaintext(true);
    config.mutable_security()->set_auth_disabled(true);
    *config.mutable_store() = StoreOn(replica);
    config.set_default_phone_region("PT");
    config.set_identity_conflict_policy(config::v1::MERGE);
    config.add_plugin_dirs(CXHUB_PLUGIN_DIR);
    config.mutable_cluster()->set_replica(absl::StrCat("replica-", replica));
    config.mutable_cluster()->set_lease_seconds(kLeaseSeconds);
    config.mutable_cluster()->set_lease_renew_seconds(1);
    for (const ChannelSource& channel : ChannelSources()) {
      config::v1::ConnectorInstance* instance = config.add_connectors();
      instance->set_name(channel.name);
      instance->set_plugin(channel.plugin);
      instance->set_options(channel.OptionsFor(sources_->Path(channel), "checkpoint_every=7\n"));
      instance->set_poll_interval_seconds(1);
    }
    ASSERT_TRUE(WriteConfigFile(config, Config(replica)));
  }
  std::string Config(int replica) const {
    return (dir_ / absl::StrCat("replica", replica, ".textproto")).string();
  }
  std::string Log(int replica) const {
    return (dir_ / absl::StrCat("replica", replica, ".log")).string();
  }

  void StartReplica(int replica) {
    served_before_[replica] = ServingLines(Log(replica));
    replicas_[replica] =
        std::make_unique<CxhubdProcess>(CXHUBD_PATH, Config(replica), Log(replica));
    ASSERT_TRUE(replicas_[replica]->running());
  }
  // Waits until the replica's latest start serves.
  bool WaitServing(int replica) {
    const absl::Time deadline = absl::Now() + absl::Seconds(90);
    while (absl::Now() < deadline) {
      if (ServingLines(Log(replica)) > served_before_[replica]) return true;
      absl::SleepFor(absl::Milliseconds(50));
    }
    return false;
  }

  // Does what a supervisor (systemd's Restart=) does for a replica that ended by itself: one
  // that starts while its database node is down exits at once (start_failed), by design.
  void RestartEnded(int& restarts) {
    for (int r = 0; r < kReplicas; ++r) {
      if (const std::optional<int> status = replicas_[r]->Poll(); status.has_value()) {
        ASSERT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 1)
            << "replica " << r << " ended by itself with wait status " << *status << "; see "
            << Log(r);
        StartReplica(r);
        ++restarts;
      }
    }
  }

  // Records one interaction through replica 0; its name, or empty on failure.
  std::string RecordMarker() {
    auto stub = v1::InteractionService::NewStub(
        grpc::CreateChannel(cluster_.Address(0), grpc::InsecureChannelCredentials()));
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    v1::RecordInteractionResponse response;
    const grpc::Status status = stub->RecordInteraction(
        &context, ChatMessageFrom("marker@example.com", "chaos-marker", "marker", 1790935200),
        &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.interaction().name();
  }

  // A look into the database through the first node that answers.
  std::unique_ptr<StoreProbe> Probe() {
    for (int node = 0; node < kReplicas; ++node) {
      auto probe = std::make_unique<StoreProbe>(StoreOn(node));
      if (probe->ok() && probe->Count("SELECT 1") == 1) return probe;
    }
    return nullptr;
  }

  Cluster cluster_;
  std::unique_ptr<FreshMysqlDatabase> database_;
  fs::path dir_;
  std::unique_ptr<Sources> sources_;
  std::unique_ptr<CxhubdProcess> replicas_[kReplicas];
  // "serving" lines in each replica's log before its latest start, which logs one more.
  int served_before_[kReplicas] = {};
};

// A connector's lease and progress, as connector_states holds them.
struct ConnectorLease {
  std::string connector;
  std::string owner;
  absl::Time expire_time;
  int64_t records_in = 0;
};

std::vector<ConnectorLease> ConnectorLeases(StoreProbe& probe) {
  std::vector<ConnectorLease> leases;
  for (const std::string& row :
       probe.Column("SELECT CONCAT_WS(' ', name, lease_owner, lease_expire_time, records_in) "
                    "FROM connector_states WHERE lease_owner IS NOT NULL")) {
    const std::vector<std::string> parts = absl::StrSplit(row, ' ');
    ConnectorLease lease;
    int64_t expire_micros = 0;
    if (parts.size() != 4 || !absl::SimpleAtoi(parts[2], &expire_micros) ||
        !absl::SimpleAtoi(parts[3], &lease.records_in)) {
      continue;
    }
    lease.connector = parts[0];
    lease.owner = parts[1];
    lease.expire_time = absl::FromUnixMicros(expire_micros);
    leases.push_back(lease);
  }
  return leases;
}

// Moves out of `held` (a dead replica's leases at its death) each connector that `now` shows
// committed by another replica, and notes the failover: from the dead owner's lease expiry to
// this first commit seen by the new owner (to within the 100 ms the caller polls at).
void NoteFailovers(const std::vector<ConnectorLease>& now, std::vector<ConnectorLease>& held,
                   std::vector<std::string>& failovers) {
  for (const ConnectorLease& lease : now) {
    auto dead = std::find_if(held.begin(), held.end(), [&](const ConnectorLease& h) {
      return h.connector == lease.connector;
    });
    if (dead == held.end() || lease.owner == dead->owner || lease.records_in <= dead->records_in) {
      continue;
    }
    failovers.push_back(absl::StrCat(lease.connector, " from ", dead->owner, " to ", lease.owner,
                                     ": ", absl::FormatDuration(absl::Now() - dead->expire_time),
                                     " after the lease expired"));
    held.erase(dead);
  }
}

TEST_F(GaleraChaosTest, NothingIsLostOrDoubledWhileReplicasAndNodesDie) {
  const absl::Duration chaos = absl::Seconds(EnvInt("CXHUB_CHAOS_SECONDS", 60));
  const uint32_t seed = Seed();
  std::cerr << "chaos seed " << seed << " (CXHUB_CHAOS_SEED=" << seed << " replays it)\n";
  SCOPED_TRACE(absl::StrCat("seed ", seed, "; logs in ", dir_.string()));
  std::mt19937 random(seed);

  for (int r = 0; r < kReplicas; ++r) StartReplica(r);
  for (int r = 0; r < kReplicas; ++r) ASSERT_TRUE(WaitServing(r)) << "see " << Log(r);

  // What the threads use is declared before the cleanup that joins them, so it outlives them.
  std::vector<std::unique_ptr<Watcher>> watchers;
  std::vector<std::unique_ptr<ApiWriter>> writers;
  std::atomic<bool> stop_watching{false};
  std::atomic<bool> stop_writing{false};
  std::vector<std::thread> watch_threads;
  std::vector<std::thread> write_threads;
  std::thread grower;
  std::thread node_restart;
  // However the test ends (a failed ASSERT included), every thread is stopped and joined.
  const absl::Cleanup join_all = [&] {
    stop_writing = true;
    stop_watching = true;
    for (std::thread* thread : {&grower, &node_restart}) {
      if (thread->joinable()) thread->join();
    }
    for (std::vector<std::thread>* threads : {&watch_threads, &write_threads}) {
      for (std::thread& thread : *threads) {
        if (thread.joinable()) thread.join();
      }
    }
  };

  // A first interaction, recorded before the rest: every stream starts after it, wherever and
  // whenever its first session begins, so each must see every interaction that follows.
  const std::string marker = RecordMarker();
  ASSERT_FALSE(marker.empty());
  for (int r = 0; r < kReplicas; ++r) {
    watchers.push_back(std::make_unique<Watcher>(cluster_, r, marker));
    watch_threads.emplace_back([&, r] { watchers[r]->Run(stop_watching); });
  }

  for (int w = 0; w < 2; ++w) {
    writers.push_back(std::make_unique<ApiWriter>(cluster_, w));
    write_threads.emplace_back([&, w] { writers[w]->Run(stop_writing); });
  }
  grower = std::thread([&] {
    std::mt19937 grow_random(seed + 1);
    while (!stop_writing.load()) {
      sources_->Grow(grow_random, 12);
      absl::SleepFor(absl::Milliseconds(150));
    }
  });

  int replica_kills = 0;
  int node_kills = 0;
  int supervisor_restarts = 0;
  int kills_mid_ingestion = 0;
  std::vector<std::string> failovers;
  // A killed node rejoins in the background (that takes 10-20 s) while replicas go on dying;
  // one node at a time, so that two of three always keep the quorum.
  std::atomic<bool> node_up{true};
  std::atomic<bool> nodes_came_back{true};
  const absl::Time end = absl::Now() + chaos;
  while (absl::Now() < end) {
    absl::SleepFor(absl::Milliseconds(std::uniform_int_distribution<int>(1000, 2500)(random)));
    RestartEnded(supervisor_restarts);
    if (node_up.load() && node_restart.joinable()) node_restart.join();
    if (node_up.load() && std::uniform_int_distribution<int>(0, 3)(random) == 0) {
      const int node = std::uniform_int_distribution<int>(0, kReplicas - 1)(random);
      const absl::Duration down =
          absl::Milliseconds(std::uniform_int_distribution<int>(300, 3000)(random));
      ASSERT_TRUE(cluster_.Node("kill", node));
      ++node_kills;
      node_up = false;
      node_restart = std::thread([&, node, down] {
        absl::SleepFor(down);
        if (!cluster_.Node("start", node)) nodes_came_back = false;
        node_up = true;
      });
      continue;
    }
    // A replica dies, and stays dead long enough, some of the time, for its leases to expire.
    const int replica = std::uniform_int_distribution<int>(0, kReplicas - 1)(random);
    std::unique_ptr<StoreProbe> probe = Probe();
    const std::string dying = absl::StrCat("replica-", replica);
    std::vector<ConnectorLease> held;
    if (probe != nullptr) {
      for (ConnectorLease& lease : ConnectorLeases(*probe)) {
        if (lease.owner == dying) held.push_back(std::move(lease));
      }
    }
    const int status = replicas_[replica]->Stop(SIGKILL);
    const absl::Time killed_at = absl::Now();
    if (WIFEXITED(status) && WEXITSTATUS(status) == 1) {
      // It had ended by itself just before: a start while its node was down (RestartEnded).
      StartReplica(replica);
      ++supervisor_restarts;
      continue;
    }
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "replica " << replica << " ended by itself (wait status " << status << "); see "
        << Log(replica);
    ++replica_kills;
    const int64_t stored =
        probe != nullptr
            ? probe->Count(absl::StrCat("SELECT COUNT(*) FROM interactions WHERE source <> '",
                                        kApiSource, "'"))
            : -1;
    if (stored > 0 && stored < sources_->total()) ++kills_mid_ingestion;
    const absl::Duration down =
        absl::Milliseconds(std::uniform_int_distribution<int>(300, 6000)(random));
    // While it is down, watch for its connectors resumed by another replica.
    while (absl::Now() < killed_at + down && !held.empty()) {
      absl::SleepFor(absl::Milliseconds(100));
      if (std::unique_ptr<StoreProbe> look = Probe(); look != nullptr) {
        NoteFailovers(ConnectorLeases(*look), held, failovers);
      }
    }
    absl::SleepFor(killed_at + down - absl::Now());
    StartReplica(replica);
  }
  if (node_restart.joinable()) node_restart.join();
  ASSERT_TRUE(nodes_came_back.load()) << "a killed database node did not come back";
  RestartEnded(supervisor_restarts);
  stop_writing = true;
  grower.join();
  for (std::thread& thread : write_threads) thread.join();

  // Everything written is in within a while once the dying stops.
  int64_t api_acknowledged = 0;
  for (const auto& writer : writers) api_acknowledged += writer->acknowledged().size();
  std::unique_ptr<StoreProbe> probe;
  const absl::Time settle_deadline = absl::Now() + absl::Seconds(120);
  bool settled = false;
  while (!settled && absl::Now() < settle_deadline) {
    absl::SleepFor(absl::Milliseconds(250));
    RestartEnded(supervisor_restarts);
    probe = Probe();
    if (probe == nullptr) continue;
    settled = true;
    for (size_t c = 0; c < ChannelSources().size(); ++c) {
      settled = settled &&
                probe->Count(absl::StrCat("SELECT records_in FROM connector_states WHERE name = '",
                                          ChannelSources()[c].name, "'")) >= sources_->written(c);
    }
  }
  ASSERT_NE(probe, nullptr);
  EXPECT_TRUE(settled) << "the connectors did not catch up within 120 s";

  // Every source record exactly once; the counters agree.
  for (size_t c = 0; c < ChannelSources().size(); ++c) {
    const std::string name = ChannelSources()[c].name;
    const std::string where = absl::StrCat(" FROM interactions WHERE source = '", name, "'");
    EXPECT_EQ(probe->Count(absl::StrCat("SELECT COUNT(*)", where)), sources_->written(c)) << name;
    EXPECT_EQ(probe->Count(absl::StrCat("SELECT COUNT(DISTINCT external_id)", where)),
              sources_->written(c))
        << name;
    EXPECT_EQ(probe->Count(absl::StrCat("SELECT records_in FROM connector_states WHERE name = '",
                                        name, "'")),
              sources_->written(c))
        << name;
  }
  EXPECT_EQ(probe->Count("SELECT COUNT(*) FROM dead_letters"), 0);
  // Every acknowledged API write is there, once.
  const std::vector<std::string> api_rows = probe->Column(
      absl::StrCat("SELECT external_id FROM interactions WHERE source = '", kApiSource, "'"));
  const std::multiset<std::string> api_stored(api_rows.begin(), api_rows.end());
  for (const auto& writer : writers) {
    for (const std::string& external_id : writer->acknowledged()) {
      EXPECT_EQ(api_stored.count(external_id), 1u) << "acknowledged " << external_id;
    }
  }

  // Every stream saw every interaction, once, in one order.
  std::vector<int64_t> all;
  for (const std::string& id : probe->Column(
           absl::StrCat("SELECT id FROM interactions WHERE id > ", IdOf(marker), " ORDER BY id"))) {
    all.push_back(std::stoll(id));
  }
  const absl::Time watch_end = absl::Now() + absl::Seconds(30);
  for (auto& watcher : watchers) {
    while (watcher->last_id() < all.back() && absl::Now() < watch_end) {
      absl::SleepFor(absl::Milliseconds(50));
    }
  }
  stop_watching = true;
  for (std::thread& thread : watch_threads) thread.join();
  for (size_t w = 0; w < watchers.size(); ++w) {
    EXPECT_EQ(watchers[w]->ids(), all)
        << "stream " << w << " (over " << watchers[w]->sessions() << " sessions)";
  }

  for (int r = 0; r < kReplicas; ++r) {
    // SIGTERM before cxhubd handles it would kill it rather than stop it.
    ASSERT_TRUE(WaitServing(r)) << "see " << Log(r);
    const int status = replicas_[r]->Stop(SIGTERM);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
        << "replica " << r << " status " << status;
    EXPECT_EQ(SanitizerReports(Log(r)), std::vector<std::string>{}) << "see " << Log(r);
  }
  std::cerr << "chaos: " << replica_kills << " replica kills (" << kills_mid_ingestion
            << " mid-ingestion), " << node_kills << " database node kills in "
            << absl::FormatDuration(chaos) << ", " << supervisor_restarts
            << " replica restarts after a failed start; " << sources_->total()
            << " source records, " << api_acknowledged << " API writes acknowledged, " << all.size()
            << " interactions; watch sessions " << watchers[0]->sessions() << "/"
            << watchers[1]->sessions() << "/" << watchers[2]->sessions() << "\n";
  for (const std::string& failover : failovers) std::cerr << "failover: " << failover << "\n";
  EXPECT_GE(kills_mid_ingestion, kMinKillsMidIngestion)
      << "too few kills landed mid-ingestion to test anything (" << replica_kills << " kills)";
  if (!HasFailure()) fs::remove_all(dir_);
}

}  // namespace
}  // namespace cxhub::testing
