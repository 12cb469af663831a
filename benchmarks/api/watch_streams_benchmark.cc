// Latency and resident size of cxhubd with many Watch streams open, over a real loopback
// channel, on SQLite.
//
//   watch_streams_benchmark [streams]     default 5000
//
// Starts the real cxhubd (the build's binary) as a child process on a fresh SQLite store with
// load_limits.max_watch_streams above `streams`, so that its resident size and threads are the
// server's alone, then measures, first with no stream open and then with `streams`
// WatchInteractions streams open (asynchronous client calls on a few channels, so the client
// needs no thread per stream):
//   - GetCustomer p50/p99 over kCalls sequential calls, and their calls/s;
//   - RecordInteraction p50/p99 over kRecords sequential calls (each commit wakes every stream);
//   - fan-out: from the end of one RecordInteraction until every open stream has received it,
//     its p50 and its maximum over the kRecords records;
//   - GetCustomer while those records fan out: one call every kProbeEvery on a channel of its
//     own, its p99 and maximum (a fan-out must not hold up the server's other calls);
//   - cxhubd's resident size (VmRSS) and threads, and the client's (this process) resident size;
//   - the CPU time cxhubd and the client (this process) used while the records fanned out, per
//     message delivered (the records and the probe's calls included), and cxhubd's busiest
//     threads then: the client shares the machine, and a fan-out is bound by the CPU of both.
// Prints one table. Not a test: figures depend on the machine.
#include <signal.h>
#include <stdlib.h>
#include <sys/types.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "benchmarks/harness/bench_server_config.h"
#include "benchmarks/harness/count_argument.h"
#include "benchmarks/harness/latency_percentiles.h"
#include "benchmarks/harness/thread_cpu.h"
#include "cxhub/config/v1/config.pb.h"
#include "cxhub/v1/customer.grpc.pb.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "tests/plugins/resident_size.h"
#include "tests/processes/cxhubd_process.h"

namespace cxhub {
namespace {

namespace fs = std::filesystem;

constexpr int kCalls = 200;   // GetCustomer calls per measurement
constexpr int kRecords = 20;  // RecordInteraction calls per measurement, each fanned out
constexpr int kChannels = 8;
constexpr absl::Duration kProbeEvery = absl::Milliseconds(2);

std::chrono::system_clock::time_point Deadline(int seconds = 30) {
  return std::chrono::system_clock::now() + std::chrono::seconds(seconds);
}

// The Watch streams, driven on one completion queue.
class WatchStreams {
 public:
  explicit WatchStreams(const std::vector<std::unique_ptr<v1::InteractionService::Stub>>& stubs)
      : stubs_(stubs) {}
  ~WatchStreams() {
    for (Stream& stream : streams_) stream.context->TryCancel();
    cq_.Shutdown();
    void* tag;
    bool ok;
    while (cq_.Next(&tag, &ok)) {
    }
  }

  // Opens `count` streams and waits until each has its initial metadata (the watch is in place).
  absl::Status Open(int count) {
    streams_.resize(count);
    for (int i = 0; i < count; ++i) {
      Stream& stream = streams_[i];
      stream.context = std::make_unique<grpc::ClientContext>();
      stream.reader = stubs_[i % stubs_.size()]->PrepareAsyncWatchInteractions(
          stream.context.get(), v1::WatchInteractionsRequest(), &cq_);
      stream.reader->StartCall(Tag(i));
    }
    if (absl::Status started = Await(count, "start"); !started.ok()) return started;
    for (int i = 0; i < count; ++i) streams_[i].reader->ReadInitialMetadata(Tag(i));
    return Await(count, "initial metadata");
  }

  // Posts one read on every stream.
  void ReadAll() {
    for (size_t i = 0; i < streams_.size(); ++i) {
      streams_[i].reader->Read(&streams_[i].received, Tag(static_cast<int>(i)));
    }
  }

  // Waits until `count` operations completed successfully.
  absl::Status Await(int count, absl::string_view what) {
    for (int done = 0; done < count; ++done) {
      void* tag = nullptr;
      bool ok = false;
      if (cq_.AsyncNext(&tag, &ok, Deadline(120)) != grpc::CompletionQueue::GOT_EVENT || !ok) {
        return absl::UnavailableError(absl::StrCat("watch ", what, " failed after ", done));
      }
    }
    return absl::OkStatus();
  }

 private:
  struct Stream {
    std::unique_ptr<grpc::ClientContext> context;
    std::unique_ptr<grpc::ClientAsyncReader<v1::Interaction>> reader;
    v1::Interaction received;
  };
  // A completion's tag: its stream (Await only counts completions).
  void* Tag(int i) { return &streams_[i]; }

  const std::vector<std::unique_ptr<v1::InteractionService::Stub>>& stubs_;
  grpc::CompletionQueue cq_;
  std::vector<Stream> streams_;
};

v1::RecordInteractionRequest MakeRecord(const std::string& customer, int64_t seq) {
  v1::RecordInteractionRequest request;
  v1::Interaction* interaction = request.mutable_interaction();
  interaction->set_customer(customer);
  interaction->set_channel("chat");
  interaction->set_kind(v1::MESSAGE);
  interaction->set_direction(v1::INBOUND);
  interaction->mutable_occur_time()->set_seconds(1700000000 + seq);
  interaction->set_body(absl::StrCat("message ", seq));
  interaction->set_source("watch-bench");
  interaction->set_external_id(absl::StrCat("m-", seq));
  return request;
}

struct Figures {
  bench::LatencyPercentiles get;
  int64_t client_rss_kb = 0;
  double get_per_second = 0;
  bench::LatencyPercentiles record;
  absl::Duration fan_out_p50;
  absl::Duration fan_out_max;
  bench::LatencyPercentiles get_during;  // GetCustomer while the records fan out.
  absl::Duration get_during_max;
  int64_t rss_kb = 0;
  int64_t threads = 0;
  // While the records fanned out, per message delivered (streams x records).
  absl::Duration server_cpu_per_message;
  absl::Duration client_cpu_per_message;
  std::string server_busiest;  // cxhubd's busiest threads then.
};

class Bench {
 public:
  // `server` is cxhubd's process id, whose resident size and threads are measured.
  Bench(const std::string& target, pid_t server) : server_pid_(server) {
    for (int i = 0; i < kChannels; ++i) {
      grpc::ChannelArguments args;
      args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
      args.SetInt("cxhub.bench.channel", i);
      auto channel = grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
      customers_.push_back(v1::CustomerService::NewStub(channel));
      interactions_.push_back(v1::InteractionService::NewStub(channel));
    }
  }

  absl::Status CreateCustomer() {
    grpc::ClientContext context;
    context.set_deadline(Deadline());
    v1::CreateCustomerRequest request;
    request.mutable_customer()->set_display_name("Ana");
    v1::Customer customer;
    const grpc::Status status = customers_[0]->CreateCustomer(&context, request, &customer);
    customer_ = customer.name();
    return status.ok() ? absl::OkStatus() : absl::UnavailableError(status.error_message());
  }

  // The figures with `streams` open (0: none).
  absl::StatusOr<Figures> Measure(int streams) {
    WatchStreams watches(interactions_);
    if (streams > 0) {
      const absl::Time start = absl::Now();
      if (absl::Status opened = watches.Open(streams); !opened.ok()) return opened;
      // Printed at once: the loaded measurement takes minutes.
      std::printf("opened %d Watch streams in %.1f s: cxhubd RSS %.1f MiB, %lld threads\n", streams,
                  absl::ToDoubleSeconds(absl::Now() - start),
                  static_cast<double>(ServerStatus("VmRSS")) / 1024.0,
                  static_cast<long long>(ServerStatus("Threads")));
      std::fflush(stdout);
    }
    Figures figures;
    std::vector<absl::Duration> gets;
    std::vector<absl::Duration> records;
    std::vector<absl::Duration> fan_outs;
    gets.reserve(kCalls);
    const absl::Time gets_start = absl::Now();
    for (int i = 0; i < kCalls; ++i) {
      gets.push_back(Timed([&](grpc::ClientContext& context) {
        v1::GetCustomerRequest request;
        request.set_name(customer_);
        v1::Customer customer;
        return customers_[0]->GetCustomer(&context, request, &customer);
      }));
    }
    figures.get_per_second = kCalls / absl::ToDoubleSeconds(absl::Now() - gets_start);
    std::atomic<bool> recording{true};
    std::vector<absl::Duration> gets_during;
    std::thread probe([&] {
      while (recording.load()) {
        gets_during.push_back(Timed([&](grpc::ClientContext& context) {
          v1::GetCustomerRequest request;
          request.set_name(customer_);
          v1::Customer customer;
          return customers_[1]->GetCustomer(&context, request, &customer);
        }));
        absl::SleepFor(kProbeEvery);
      }
    });
    bench::ThreadCpuSampler server_cpu(server_pid_);
    bench::ThreadCpuSampler client_cpu;
    const absl::Time records_start = absl::Now();
    for (int i = 0; i < kRecords; ++i) {
      if (streams > 0) watches.ReadAll();
      records.push_back(Timed([&](grpc::ClientContext& context) {
        v1::RecordInteractionResponse response;
        return interactions_[0]->RecordInteraction(&context, MakeRecord(customer_, seq_++),
                                                   &response);
      }));
      if (streams > 0) {
        const absl::Time recorded = absl::Now();
        if (absl::Status read = watches.Await(streams, "read"); !read.ok()) return read;
        fan_outs.push_back(absl::Now() - recorded);
        figures.fan_out_max = std::max(figures.fan_out_max, fan_outs.back());
      }
    }
    server_cpu.Sample();
    client_cpu.Sample();
    if (streams > 0) {
      const double delivered = static_cast<double>(kRecords) * streams;
      figures.server_cpu_per_message = server_cpu.Total() / delivered;
      figures.client_cpu_per_message = client_cpu.Total() / delivered;
      figures.server_busiest = server_cpu.Busiest(absl::Now() - records_start);
    }
    recording = false;
    probe.join();
    for (absl::Duration get : gets_during) {
      figures.get_during_max = std::max(figures.get_during_max, get);
    }
    figures.get_during = bench::ComputeLatencyPercentiles(gets_during);
    if (failures_ > 0) {
      return absl::UnavailableError(absl::StrCat(failures_.load(), " calls failed"));
    }
    figures.get = bench::ComputeLatencyPercentiles(gets);
    figures.record = bench::ComputeLatencyPercentiles(records);
    figures.fan_out_p50 = bench::ComputeLatencyPercentiles(fan_outs).p50;
    figures.rss_kb = ServerStatus("VmRSS");
    figures.threads = ServerStatus("Threads");
    figures.client_rss_kb = test::ProcessStatusField("self", "VmRSS");
    return figures;
  }

 private:
  // A field of cxhubd's /proc status, in its unit (kB for sizes).
  int64_t ServerStatus(const char* field) const {
    return test::ProcessStatusField(absl::StrCat(server_pid_), field);
  }

  template <typename Call>
  absl::Duration Timed(Call call) {
    grpc::ClientContext context;
    context.set_deadline(Deadline());
    const absl::Time start = absl::Now();
    if (!call(context).ok()) ++failures_;
    return absl::Now() - start;
  }

  const pid_t server_pid_;
  std::vector<std::unique_ptr<v1::CustomerService::Stub>> customers_;
  std::vector<std::unique_ptr<v1::InteractionService::Stub>> interactions_;
  std::string customer_;
  int64_t seq_ = 0;
  std::atomic<int> failures_{0};  // Also counted by the probe's thread.
};

void PrintRow(absl::string_view name, const Figures& figures, bool fan_out) {
  const auto micros_per_message = [fan_out](absl::Duration cpu) {
    return fan_out ? absl::StrFormat("%.1f", absl::ToDoubleMicroseconds(cpu)) : std::string("-");
  };
  std::printf(
      "%-22s %9.2f %9.2f %9.0f %11.2f %11.2f %12.2f %12.2f %12s %12s %10.1f %8lld %13.1f %11s "
      "%11s\n",
      std::string(name).c_str(), absl::ToDoubleMilliseconds(figures.get.p50),
      absl::ToDoubleMilliseconds(figures.get.p99), figures.get_per_second,
      absl::ToDoubleMilliseconds(figures.record.p50),
      absl::ToDoubleMilliseconds(figures.record.p99),
      absl::ToDoubleMilliseconds(figures.get_during.p99),
      absl::ToDoubleMilliseconds(figures.get_during_max),
      fan_out ? absl::StrFormat("%.2f", absl::ToDoubleMilliseconds(figures.fan_out_p50)).c_str()
              : "-",
      fan_out ? absl::StrFormat("%.2f", absl::ToDoubleMilliseconds(figures.fan_out_max)).c_str()
              : "-",
      static_cast<double>(figures.rss_kb) / 1024.0, static_cast<long long>(figures.threads),
      static_cast<double>(figures.client_rss_kb) / 1024.0,
      micros_per_message(figures.server_cpu_per_message).c_str(),
      micros_per_message(figures.client_cpu_per_message).c_str());
}

int Run(int streams) {
  std::string pattern = (fs::temp_directory_path() / "cxhub_watch_bench_XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    std::perror("mkdtemp");
    return 1;
  }
  config::v1::ServerConfig config = bench::LoopbackSqliteServerConfig(pattern + "/cxhub.db");
  config.mutable_load_limits()->set_max_watch_streams(static_cast<uint32_t>(streams) + 100);
  const std::string config_path = pattern + "/cxhub.textproto";
  const std::string log = pattern + "/cxhubd.log";
  if (!testing::WriteConfigFile(config, config_path)) {
    std::fprintf(stderr, "cannot write %s\n", config_path.c_str());
    return 1;
  }
  auto server = std::make_unique<testing::CxhubdProcess>(CXHUBD_PATH, config_path, log);
  const absl::StatusOr<int> port = testing::WaitForServingPort(log, absl::Minutes(1));
  if (!server->running() || !port.ok()) {
    std::fprintf(stderr, "cxhubd did not start (log %s): %s\n", log.c_str(),
                 std::string(port.status().message()).c_str());
    return 1;
  }
  int exit_code = 0;
  {
    Bench bench(absl::StrCat("127.0.0.1:", *port), server->pid());
    absl::StatusOr<Figures> idle;
    absl::StatusOr<Figures> loaded;
    absl::Status created = bench.CreateCustomer();
    if (created.ok()) idle = bench.Measure(0);
    if (created.ok() && idle.ok()) loaded = bench.Measure(streams);
    const absl::Status failed = !created.ok() ? created
                                : !idle.ok()  ? idle.status()
                                              : loaded.status();
    if (!failed.ok()) {
      std::fprintf(stderr, "watch_streams_benchmark: %s\n", std::string(failed.message()).c_str());
      exit_code = 1;
    } else {
      std::printf(
          "cxhubd with Watch streams open (SQLite; %d GetCustomer, %d RecordInteraction; ms)\n",
          kCalls, kRecords);
      std::printf("%-22s %9s %9s %9s %11s %11s %12s %12s %12s %12s %10s %8s %13s %11s %11s\n",
                  "streams open", "Get p50", "Get p99", "Get /s", "Record p50", "Record p99",
                  "Get p99 rec", "Get max rec", "fan-out p50", "fan-out max", "RSS MiB", "threads",
                  "client MiB", "server us", "client us");
      PrintRow("0", *idle, false);
      PrintRow(absl::StrCat(streams), *loaded, true);
      std::printf(
          "server us, client us: CPU per message delivered while the records fanned out; "
          "cxhubd's %s\n",
          loaded->server_busiest.c_str());
    }
  }
  server->Stop(SIGTERM);
  fs::remove_all(pattern);
  return exit_code;
}

}  // namespace
}  // namespace cxhub

int main(int argc, char** argv) {
  const std::optional<int64_t> streams = cxhub::bench::CountArgument(argc, argv, 5000, "[streams]");
  if (!streams) return 2;
  return cxhub::Run(static_cast<int>(*streams));
}
