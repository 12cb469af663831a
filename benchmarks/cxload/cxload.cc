// cxload: an asynchronous gRPC load generator for cxhubd. Keeps a fixed number of calls in
// flight for a fixed time, a weighted mix of RPCs, and prints requests/s and latency
// percentiles beside the same load on an empty handler of the same server and gRPC stack,
// measured in the same run.
//
//   cxload [--concurrency=16] [--duration=10] [--channels=4] [--mix=get:6,list:3,record:1]
//          [--customers=1000] [--history=50] [--warmup=0.5] [--rounds=1]
//          [--target=host:port [--token=T] [--metrics=host:port]]
//
// Without --target, starts cxhubd in-process (cxhub::Server::Start) on a fresh SQLite store in
// a temporary directory, plain text without auth, its metrics endpoint on a free loopback port,
// as rpc_benchmark does; the client and the server then share the machine's cores. With
// --target, loads a running cxhubd over plain text (loopback, or behind something that adds
// TLS), with "authorization: Bearer <token>" when --token is set; the token needs the writer
// role, and the run leaves its customers and interactions in that server's store.
//
// Either way it first creates --customers customers through the API (an email each, unique to
// the run) and records --history emails for each (BatchRecordInteractions), then runs three
// phases, each for --warmup seconds unmeasured and then --duration seconds measured:
//   1. health Check: /grpc.health.v1.Health/Check, served by gRPC itself with no store work:
//      the baseline, the empty handler on the same server, channels and gRPC stack;
//   2. the mix, by weight (--mix, names get, list, record; a weight of 0 leaves one out):
//        GetCustomer         a random seeded customer (api -> core -> store read)
//        ListInteractions    one page of a random customer's 50 newest interactions
//        RecordInteraction   an email of a random customer, by customer id, with a new
//                            (source, external_id) each call: one write, never an idempotent hit
//   3. the health check again: its ratio to the first is how far the baseline moved meanwhile
//      (the host's other load, or work the mix left behind, such as a log checkpoint), which
//      the mix's ratios carry.
// With --rounds=N, phases 1 and 2 run N times in turn (health check, mix, health check, mix...)
// before phase 3, so that the baseline and the mix meet the same spells of a shared host: on this
// VM the health check alone moved from 26,000 to 42,000 calls/s between runs minutes apart. The
// table shows the round whose whole-mix ratio is the median (benchmarks/harness/paired_rounds.h),
// and a line under it every round's ratio.
// The calls use gRPC's callback API: --concurrency slots, spread over --channels channels (each
// its own TCP connection), and each slot starts its next call from the completion of its
// previous one (a closed loop), so exactly --concurrency calls are in flight and no thread
// waits on a call. Each slot walks the mix in a fixed interleaved order, from its own offset.
//
// The table has a row for the health check, one per RPC of the mix, one for the whole mix and one
// for the health check again:
//   calls        calls that succeeded (the mix rows: during the mix phase)
//   s            the phase's time, from its first call's start to its last call's end
//   calls/s      calls over s
//   x baseline   calls/s over the health check's calls/s
//   p50 ... p99.9 us   latency percentiles (nearest rank) of the calls that succeeded, from
//                just before the call starts to its completion callback, on a steady clock
//   errors       calls that failed: a gRPC error, or an answer that is wrong (not SERVING,
//                another customer, an empty page, a record already recorded); one error
//                of each RPC that had some is printed under the table
//   CPU us/call  this process's CPU time over the phase per call that succeeded, on the
//                health checks' rows and the whole mix's (in-process, the server's and the
//                client's; with --target, cxload's own)
// Under the table, for each phase (of the median round), this process's four busiest threads by
// name, each as a share of the phase's time (benchmarks/harness/thread_cpu.h): in-process, whether
// the store's one writer (cx-group-commit) or gRPC's threads bound the mix. Then, in-process or
// with --metrics, how many transactions RecordInteraction's group commit ran during the mix phases
// (their warm-ups included, every round) and how many records they shared, from the server's
// /metrics: a writer that falls behind gathers large groups.
//
// Exits 1 when any call failed (after printing the table), 2 on a bad flag.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "benchmarks/cxload/call_setup.h"
#include "benchmarks/cxload/closed_loop.h"
#include "benchmarks/cxload/customer_seeder.h"
#include "benchmarks/cxload/group_commit_counts.h"
#include "benchmarks/cxload/grpc_call_starter.h"
#include "benchmarks/cxload/in_process_server.h"
#include "benchmarks/cxload/load_table.h"
#include "benchmarks/cxload/rpc_mix.h"
#include "benchmarks/harness/paired_rounds.h"
#include "benchmarks/harness/stopwatch.h"
#include "server/process_settings.h"

ABSL_FLAG(int, concurrency, 16, "Calls in flight at once, each slot a closed loop");
ABSL_FLAG(double, duration, 10,
          "Seconds each phase (health check, mix, health check) is measured for");
ABSL_FLAG(double, warmup, 0.5, "Seconds each phase runs unmeasured before it is measured");
ABSL_FLAG(int, channels, 4,
          "Channels the calls are spread over, each its own TCP connection (at most "
          "--concurrency)");
ABSL_FLAG(std::string, mix, "get:6,list:3,record:1",
          "RPCs by weight: get (GetCustomer), list (ListInteractions), record "
          "(RecordInteraction)");
ABSL_FLAG(int, rounds, 1,
          "Times the health check and the mix run in turn; the table shows the median round");
ABSL_FLAG(int, customers, 1000, "Customers created before the load; the calls pick among them");
ABSL_FLAG(int, history, 50, "Interactions recorded per customer before the load");
ABSL_FLAG(std::string, target, "",
          "host:port of a running cxhubd (plain text); empty: start one in-process on SQLite");
ABSL_FLAG(std::string, token, "", "Bearer token for --target, with the writer role");
ABSL_FLAG(std::string, metrics, "",
          "host:port of --target's metrics endpoint: cxload then says how RecordInteraction's "
          "group commit shared transactions during the mix (in-process: always)");

namespace cxhub::cxload {
namespace {

struct LoadSettings {
  int concurrency = 0;
  absl::Duration duration;
  absl::Duration warmup;
  int channels = 0;
  int rounds = 0;
  std::string mix_text;
  std::vector<MixWeight> mix;
  int customers = 0;
  int history = 0;
  std::string target;  // Empty: in-process.
  std::string token;
  std::string metrics;  // host:port of the server's /metrics; empty: not read.
};

absl::StatusOr<LoadSettings> ReadSettings() {
  LoadSettings settings;
  settings.concurrency = absl::GetFlag(FLAGS_concurrency);
  settings.channels = absl::GetFlag(FLAGS_channels);
  settings.rounds = absl::GetFlag(FLAGS_rounds);
  settings.customers = absl::GetFlag(FLAGS_customers);
  settings.history = absl::GetFlag(FLAGS_history);
  settings.target = absl::GetFlag(FLAGS_target);
  settings.token = absl::GetFlag(FLAGS_token);
  settings.metrics = absl::GetFlag(FLAGS_metrics);
  settings.mix_text = absl::GetFlag(FLAGS_mix);
  const double duration = absl::GetFlag(FLAGS_duration);
  const double warmup = absl::GetFlag(FLAGS_warmup);
  if (settings.concurrency < 1) return absl::InvalidArgumentError("--concurrency must be >= 1");
  if (settings.channels < 1) return absl::InvalidArgumentError("--channels must be >= 1");
  if (settings.rounds < 1) return absl::InvalidArgumentError("--rounds must be >= 1");
  if (settings.customers < 1) return absl::InvalidArgumentError("--customers must be >= 1");
  if (settings.history < 0) return absl::InvalidArgumentError("--history must be >= 0");
  if (!(duration > 0)) return absl::InvalidArgumentError("--duration must be > 0");
  if (!(warmup >= 0)) return absl::InvalidArgumentError("--warmup must be >= 0");
  if (!settings.token.empty() && settings.target.empty()) {
    return absl::InvalidArgumentError("--token needs --target (the in-process server has no auth)");
  }
  if (!settings.metrics.empty() && settings.target.empty()) {
    return absl::InvalidArgumentError(
        "--metrics needs --target (the in-process server's endpoint is read anyway)");
  }
  // A channel without a slot would only hold an idle connection.
  settings.channels = std::min(settings.channels, settings.concurrency);
  settings.duration = absl::Seconds(duration);
  settings.warmup = absl::Seconds(warmup);
  absl::StatusOr<std::vector<MixWeight>> mix = ParseMix(settings.mix_text);
  if (!mix.ok()) return mix.status();
  settings.mix = *std::move(mix);
  return settings;
}

// One phase: the warm-up, whose figures are dropped, then the measured run.
LoadFigures RunPhase(CallStarter& starter, const LoadSettings& settings,
                     const std::vector<LoadRpc>& order) {
  if (settings.warmup > absl::ZeroDuration()) {
    RunClosedLoop(starter, settings.concurrency, settings.warmup, order);
  }
  return RunClosedLoop(starter, settings.concurrency, settings.duration, order);
}

// The group commit's counters now, or nullopt (with why, on stderr) when there is no endpoint
// to read or it cannot be read: the load's figures stand without them.
std::optional<GroupCommitCounts> GroupCommitNow(const std::string& metrics_address) {
  if (metrics_address.empty()) return std::nullopt;
  absl::StatusOr<GroupCommitCounts> counts = ScrapeGroupCommitCounts(metrics_address);
  if (!counts.ok()) {
    std::fprintf(stderr, "cxload: group commit counters: %s\n", counts.status().ToString().c_str());
    return std::nullopt;
  }
  return *counts;
}

LoadRow RowOf(LoadRpc rpc, RpcFigures& figures, absl::Duration elapsed,
              std::optional<absl::Duration> cpu = std::nullopt) {
  return {std::string(LoadRpcName(rpc)),
          figures.calls,
          figures.errors,
          elapsed,
          std::move(figures.latencies),
          cpu};
}

// One round: the health check, then the mix.
struct LoadRound {
  LoadFigures health;
  LoadFigures mix;
};

int64_t WholeMixCalls(const LoadSettings& settings, const LoadFigures& mix) {
  int64_t calls = 0;
  for (const MixWeight& entry : settings.mix) calls += mix.rpcs[static_cast<int>(entry.rpc)].calls;
  return calls;
}

// Each round's time per call of the health check and of the whole mix, whose ratio is the
// mix's rate over the health check's.
bench::PairedRounds PairRounds(const LoadSettings& settings, const std::vector<LoadRound>& rounds) {
  const auto per_call = [](absl::Duration elapsed, int64_t calls) {
    return calls > 0 ? elapsed / calls : absl::InfiniteDuration();
  };
  bench::PairedRounds paired;
  for (const LoadRound& round : rounds) {
    paired.rounds.push_back(
        {per_call(round.health.elapsed,
                  round.health.rpcs[static_cast<int>(LoadRpc::kHealthCheck)].calls),
         per_call(round.mix.elapsed, WholeMixCalls(settings, round.mix))});
  }
  return paired;
}

// Prints the table of the median round of `paired` (PairRounds of `rounds`) and each RPC's first
// error over every phase; returns the number of failed calls.
int64_t Report(const LoadSettings& settings, std::vector<LoadRound>& rounds,
               const bench::PairedRounds& paired, LoadFigures& health_again,
               const std::string& group_commit) {
  const size_t shown = paired.MedianIndex();
  LoadFigures& health = rounds[shown].health;
  LoadFigures& mix = rounds[shown].mix;
  LoadTable table(absl::StrFormat("\n%d call%s in flight over %d channel%s, %.1f s per phase",
                                  settings.concurrency, settings.concurrency == 1 ? "" : "s",
                                  settings.channels, settings.channels == 1 ? "" : "s",
                                  absl::ToDoubleSeconds(settings.duration)));
  const int health_index = static_cast<int>(LoadRpc::kHealthCheck);
  table.AddBaseline(
      RowOf(LoadRpc::kHealthCheck, health.rpcs[health_index], health.elapsed, health.cpu));
  LoadRow whole_mix{"whole mix", 0, 0, mix.elapsed, {}, mix.cpu};
  for (const MixWeight& entry : settings.mix) {
    const RpcFigures& figures = mix.rpcs[static_cast<int>(entry.rpc)];
    whole_mix.calls += figures.calls;
    whole_mix.errors += figures.errors;
    whole_mix.latencies.insert(whole_mix.latencies.end(), figures.latencies.begin(),
                               figures.latencies.end());
  }
  for (const MixWeight& entry : settings.mix) {
    table.Add(RowOf(entry.rpc, mix.rpcs[static_cast<int>(entry.rpc)], mix.elapsed));
  }
  table.Add(std::move(whole_mix));
  LoadRow again = RowOf(LoadRpc::kHealthCheck, health_again.rpcs[health_index],
                        health_again.elapsed, health_again.cpu);
  again.name = "health Check, again";
  table.Add(std::move(again));
  table.Print();
  if (rounds.size() > 1) {
    std::printf("whole mix over the health check: %s; the table shows round %zu\n",
                paired.Note().c_str(), shown + 1);
  }
  const char* whose = settings.target.empty() ? "this process: server and client" : "cxload's";
  std::printf("busiest threads (%s), as shares of each phase's time:\n", whose);
  for (const auto& [name, phase] : {std::pair{"health Check", &health}, std::pair{"mix", &mix},
                                    std::pair{"health Check, again", &health_again}}) {
    std::printf("  %-20s %s\n", name, phase->busiest.c_str());
  }
  if (!group_commit.empty()) std::printf("during the mix, %s\n", group_commit.c_str());

  std::vector<const LoadFigures*> phases;
  for (const LoadRound& round : rounds) phases.insert(phases.end(), {&round.health, &round.mix});
  phases.push_back(&health_again);
  int64_t failed = 0;
  for (const LoadFigures* phase : phases) {
    for (int i = 0; i < kLoadRpcCount; ++i) {
      const RpcFigures& figures = phase->rpcs[i];
      if (figures.errors == 0) continue;
      failed += figures.errors;
      std::printf("%s: %lld failed, e.g. %s\n",
                  std::string(LoadRpcName(static_cast<LoadRpc>(i))).c_str(),
                  static_cast<long long>(figures.errors), figures.first_error.c_str());
    }
  }
  return failed;
}

// Seeds the customers on `target`, runs the rounds and the last health check and reports them;
// the number of failed calls, or why the run could not go on.
absl::StatusOr<int64_t> RunLoad(const LoadSettings& settings, const std::string& target,
                                const std::string& metrics_address) {
  const std::string run_id = absl::StrFormat("cxload-%x", absl::ToUnixMillis(absl::Now()));
  const std::shared_ptr<grpc::Channel> seed_channel = NewOwnChannel(target, -1);
  if (absl::Status status = WaitForConnection(*seed_channel, target); !status.ok()) return status;
  const bench::Stopwatch seeding;
  absl::StatusOr<std::vector<std::string>> customers =
      SeedCustomers(seed_channel, {settings.customers, settings.history, run_id, settings.token});
  if (!customers.ok()) return customers.status();
  std::printf("seeded %d customers and %lld interactions in %.1f s\n", settings.customers,
              static_cast<long long>(settings.customers) * settings.history,
              absl::ToDoubleSeconds(seeding.Elapsed()));
  std::fflush(stdout);

  CallStarterOptions options;
  options.target = target;
  options.channels = settings.channels;
  options.slots = settings.concurrency;
  options.token = settings.token;
  options.customers = *std::move(customers);
  options.run_id = run_id;
  options.customers_have_history = settings.history > 0;
  absl::StatusOr<std::unique_ptr<GrpcCallStarter>> starter =
      GrpcCallStarter::Connect(std::move(options));
  if (!starter.ok()) return starter.status();
  std::vector<LoadRound> rounds;
  // The group commit's counts over every mix phase, or nullopt once a scrape failed.
  std::optional<GroupCommitCounts> mixes_committed = GroupCommitCounts();
  for (int round = 0; round < settings.rounds; ++round) {
    LoadFigures health = RunPhase(**starter, settings, {LoadRpc::kHealthCheck});
    // Read around the whole mix phase, warm-up included: the warm-up's groups are like the rest.
    const std::optional<GroupCommitCounts> before = GroupCommitNow(metrics_address);
    LoadFigures mix = RunPhase(**starter, settings, InterleavedOrder(settings.mix));
    const std::optional<GroupCommitCounts> after = GroupCommitNow(metrics_address);
    if (mixes_committed && before && after) {
      mixes_committed->transactions += after->transactions - before->transactions;
      mixes_committed->records += after->records - before->records;
    } else {
      mixes_committed.reset();
    }
    rounds.push_back({std::move(health), std::move(mix)});
  }
  // The baseline once more: how far it moved after the last mix.
  LoadFigures health_again = RunPhase(**starter, settings, {LoadRpc::kHealthCheck});
  return Report(settings, rounds, PairRounds(settings, rounds), health_again,
                mixes_committed ? DescribeGroupCommit(GroupCommitCounts(), *mixes_committed) : "");
}

int Main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "cxload [--concurrency=16] [--duration=10] [--mix=get:6,list:3,record:1] "
      "[--target=host:port [--token=T]]: loads cxhubd with a mix of RPCs beside its health check");
  absl::ParseCommandLine(argc, argv);
  absl::StatusOr<LoadSettings> settings = ReadSettings();
  if (!settings.ok()) {
    std::fprintf(stderr, "cxload: %s\n", std::string(settings.status().message()).c_str());
    return 2;
  }
  // As cxhubd's: the client's own mutexes should not cost what a debugging aid costs, whether
  // it shares the process with the server or loads one elsewhere (--target).
  ApplyServingProcessSettings();

  std::unique_ptr<InProcessServer> server;
  std::string target = settings->target;
  std::string metrics_address = settings->metrics;
  if (target.empty()) {
    absl::StatusOr<std::unique_ptr<InProcessServer>> started = InProcessServer::Start();
    if (!started.ok()) {
      std::fprintf(stderr, "cxload: cannot start cxhubd: %s\n",
                   started.status().ToString().c_str());
      return 1;
    }
    server = *std::move(started);
    target = server->target();
    metrics_address = server->metrics_address();
    std::printf("cxhubd in-process on %s, SQLite at %s, %u cores\n", target.c_str(),
                server->database().c_str(), std::thread::hardware_concurrency());
  } else {
    std::printf("cxhubd at %s, %u cores here\n", target.c_str(),
                std::thread::hardware_concurrency());
  }
  std::printf(
      "concurrency %d over %d channels, %.1f s per phase after %.1f s unmeasured, mix %s, %d "
      "customers with %d interactions each\n",
      settings->concurrency, settings->channels, absl::ToDoubleSeconds(settings->duration),
      absl::ToDoubleSeconds(settings->warmup), settings->mix_text.c_str(), settings->customers,
      settings->history);
  std::fflush(stdout);

  absl::StatusOr<int64_t> failed = RunLoad(*settings, target, metrics_address);
  if (!failed.ok()) {
    std::fprintf(stderr, "cxload: %s\n", failed.status().ToString().c_str());
    return 1;
  }
  return *failed == 0 ? 0 : 1;
}

}  // namespace
}  // namespace cxhub::cxload

int main(int argc, char** argv) { return cxhub::cxload::Main(argc, argv); }
