// Write throughput of cxhubd replicas on MariaDB Galera: RecordInteraction calls/s over gRPC,
// in three layouts measured in the same run, each on a fresh database:
//   1 replica, 1-node cluster    the baseline: no replication
//   1 replica, 3-node cluster    every commit certified and applied on two more nodes
//   3 replicas, one per node     the clients spread over them: what adding replicas buys (or
//                                costs: inserts of interactions on different nodes conflict on
//                                commit_sequence at certification, and the loser is rerun)
//   3 replicas, all on node 0    the same replicas writing through one node of the 3-node
//                                cluster (Galera's usual single-writer layout)
//
//   galera_write_benchmark [seconds] [threads]      defaults: 10 seconds, 12 client threads
//   CXHUB_BENCH_GALERA1=127.0.0.1:P                 a 1-node cluster (scripts/galera ... 1 P)
//   CXHUB_BENCH_GALERA3=127.0.0.1:P0,P1,P2          a 3-node cluster
//   CXHUB_BENCH_GRPC_PORT=P                         the replicas serve on P, P+1, P+2
// scripts/bench-galera starts both clusters, runs this, and stops them. Each call records one
// interaction for one of 1,000 customers (by email; the first calls create them) with a new
// external id. Replicas are real cxhubd processes (Release build) with their logs in /tmp.
#include <signal.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "benchmarks/harness/bench_server_config.h"
#include "benchmarks/harness/latency_percentiles.h"
#include "benchmarks/harness/result_table.h"
#include "benchmarks/harness/timed_run.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "tests/galera/galera_nodes.h"
#include "tests/processes/cxhubd_process.h"
#include "tests/storage/mysql_test_server.h"

namespace cxhub {
namespace {

namespace fs = std::filesystem;

constexpr int kCustomers = 1000;
constexpr char kPasswordEnv[] = "CXHUB_BENCH_GALERA_PASSWORD";

int Arg(int argc, char** argv, int index, int fallback) {
  int value = 0;
  return index < argc && absl::SimpleAtoi(argv[index], &value) && value > 0 ? value : fallback;
}

config::v1::ServerConfig ReplicaConfig(const MysqlStoreOptions& database, int node_port,
                                       int grpc_port, int replica) {
  config::v1::ServerConfig config = bench::LoopbackMysqlServerConfig(database, kPasswordEnv);
  config.set_listen_address(absl::StrCat("127.0.0.1:", grpc_port));
  config.mutable_store()->mutable_mysql()->set_port(static_cast<uint32_t>(node_port));
  config.mutable_cluster()->set_replica(absl::StrCat("bench-", replica));
  return config;
}

// `replicas` cxhubd processes on a fresh database of the cluster `nodes`, replica r on node
// r % nodes; RecordInteraction from `threads` clients for `duration`, client t on replica
// t % replicas.
absl::StatusOr<bench::Result> Measure(const std::string& name,
                                      const std::vector<MysqlStoreOptions>& nodes, int replicas,
                                      int threads, absl::Duration duration, int grpc_port,
                                      const fs::path& dir) {
  testing::FreshMysqlDatabase database(nodes[0]);
  if (!database.status().ok()) return database.status();
  std::vector<std::unique_ptr<testing::CxhubdProcess>> processes;
  std::vector<std::string> logs;
  for (int r = 0; r < replicas; ++r) {
    const std::string stem = absl::StrCat(nodes.size(), "-nodes-", replicas, "-replicas-", r);
    const std::string config = (dir / (stem + ".textproto")).string();
    logs.push_back((dir / (stem + ".log")).string());
    if (!testing::WriteConfigFile(
            ReplicaConfig(database.options(), nodes[r % nodes.size()].port, grpc_port + r, r),
            config)) {
      return absl::InternalError("cannot write " + config);
    }
    processes.push_back(std::make_unique<testing::CxhubdProcess>(CXHUBD_PATH, config, logs[r]));
  }
  for (int r = 0; r < replicas; ++r) {
    const absl::Time deadline = absl::Now() + absl::Seconds(60);
    while (testing::ServingLines(logs[r]) == 0) {
      if (absl::Now() > deadline) {
        return absl::UnavailableError("replica did not start: " + logs[r]);
      }
      absl::SleepFor(absl::Milliseconds(50));
    }
  }
  std::vector<std::unique_ptr<v1::InteractionService::Stub>> stubs;
  for (int t = 0; t < threads; ++t) {
    grpc::ChannelArguments arguments;
    arguments.SetInt("grpc.use_local_subchannel_pool", 1);  // A connection per client.
    stubs.push_back(v1::InteractionService::NewStub(
        grpc::CreateCustomChannel(absl::StrCat("127.0.0.1:", grpc_port + t % replicas),
                                  grpc::InsecureChannelCredentials(), arguments)));
  }
  std::atomic<int64_t> seq{0};
  absl::StatusOr<bench::TimedCalls> calls =
      bench::RunCallsFor(threads, duration, [&](int thread) -> absl::Status {
        const int64_t n = seq.fetch_add(1);
        const v1::RecordInteractionRequest request =
            testing::ChatMessageFrom(absl::StrCat("customer", n % kCustomers, "@example.com"),
                                     "galera-bench", absl::StrCat("e", n), 1790935200 + n);
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
        v1::RecordInteractionResponse response;
        const grpc::Status status = stubs[thread]->RecordInteraction(&context, request, &response);
        if (status.ok()) return absl::OkStatus();
        return absl::InternalError(absl::StrCat("RecordInteraction: ", status.error_message()));
      });
  for (auto& process : processes) process->Stop(SIGTERM);
  if (!calls.ok()) return calls.status();
  bench::Result result(name, calls->calls, calls->elapsed);
  result.latency = bench::ComputeLatencyPercentiles(calls->latencies);
  return result;
}

int Main(int argc, char** argv) {
  const absl::Duration duration = absl::Seconds(Arg(argc, argv, 1, 10));
  const int threads = Arg(argc, argv, 2, 12);
  const std::vector<MysqlStoreOptions> one = testing::GaleraNodes("CXHUB_BENCH_GALERA1");
  const std::vector<MysqlStoreOptions> three = testing::GaleraNodes("CXHUB_BENCH_GALERA3");
  int grpc_port = 0;
  const char* port_text = std::getenv("CXHUB_BENCH_GRPC_PORT");
  if (one.size() != 1 || three.size() != 3 || port_text == nullptr ||
      !absl::SimpleAtoi(port_text, &grpc_port)) {
    std::fprintf(stderr,
                 "set CXHUB_BENCH_GALERA1=host:P, CXHUB_BENCH_GALERA3=host:P0,P1,P2 and "
                 "CXHUB_BENCH_GRPC_PORT (scripts/bench-galera does)\n");
    return 2;
  }
  std::string pattern = (fs::temp_directory_path() / "cxhub_galera_bench_XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return 1;
  const fs::path dir = pattern;
  bench::ResultTable table(
      absl::StrCat("RecordInteraction by email, ", threads,
                   " client threads, MariaDB Galera (logs in ", dir.string(), ")"),
      "calls");
  struct Layout {
    std::string name;
    const std::vector<MysqlStoreOptions>* nodes;
    int replicas;
  };
  const std::vector<MysqlStoreOptions> first_of_three = {three[0]};
  const Layout layouts[] = {{"1 replica, 1-node cluster", &one, 1},
                            {"1 replica, 3-node cluster", &three, 1},
                            {"3 replicas, one per node", &three, 3},
                            {"3 replicas, all on node 0", &first_of_three, 3}};
  bool baseline = true;
  for (const Layout& layout : layouts) {
    absl::StatusOr<bench::Result> result =
        Measure(layout.name, *layout.nodes, layout.replicas, threads, duration, grpc_port, dir);
    if (!result.ok()) {
      std::fprintf(stderr, "%s: %s\n", layout.name.c_str(),
                   std::string(result.status().message()).c_str());
      return 1;
    }
    if (baseline) {
      table.AddBaseline(*std::move(result));
      baseline = false;
    } else {
      table.Add(*std::move(result));
    }
  }
  table.Print();
  return 0;
}

}  // namespace
}  // namespace cxhub

int main(int argc, char** argv) { return cxhub::Main(argc, argv); }
