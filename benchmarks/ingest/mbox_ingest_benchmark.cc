// Issue 18's measure of mail ingestion at size: a large mbox read by the email connector of the
// build's cxhubd, its rate beside GMime's own parse rate of the same file, and cxhubd's peak
// resident size.
//
//   mbox_ingest_benchmark [megabytes] [rounds]
//                              default 1024 (a 1 GB mbox, about 730,000 messages), 3 rounds
//
// Writes an mboxrd file of at least `megabytes` MB in the mix of ../shared/samples/email
// (generated_mailbox.h) into a temporary directory, then times
//   GMime mbox parse   GMime's parser in mbox mode over the file, every message constructed
//                      (headers and MIME structure), nothing decoded or stored: the baseline
//   cxhubd ingest      the build's cxhubd as a child process, on a fresh SQLite store, with one
//                      email connector on the file (checkpoint_every=1000): from its start until
//                      the connector's committed records_in (GetConnector over gRPC, every 20 ms)
//                      reaches the messages written. Read, parse, decode, map, normalize,
//                      resolve, insert, checkpoint.
//   ... MySQL          the same on a fresh MySQL database <database>_mbox_<round>, when
//                      CXHUB_BENCH_MYSQL=host:port:user:password:database names a server
// GMime and cxhubd run alternately, `rounds` times per store, each ingest on a fresh store
// (benchmarks/harness/paired_rounds.h). A table per store shows the round with the median ratio,
// with MB/s, every round's ratio, and cxhubd's peak resident size (VmHWM) and busiest threads
// (benchmarks/harness/thread_cpu.h) in that round. The directory is removed afterwards. Takes a few
// minutes a round at 1 GB.
#include <fcntl.h>
#include <gmime/gmime.h>
#include <stdlib.h>

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "benchmarks/harness/bench_server_config.h"
#include "benchmarks/harness/count_argument.h"
#include "benchmarks/harness/mysql_bench_databases.h"
#include "benchmarks/harness/paired_rounds.h"
#include "benchmarks/harness/result_table.h"
#include "benchmarks/harness/stopwatch.h"
#include "benchmarks/harness/thread_cpu.h"
#include "benchmarks/plugins/email/generated_mailbox.h"
#include "cxhub/config/v1/config.pb.h"
#include "cxhub/v1/connector.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "plugins/email/gmime_init.h"
#include "server/core/status_macros.h"
#include "server/storage/mysql_driver.h"
#include "tests/plugins/resident_size.h"
#include "tests/processes/connector_progress.h"
#include "tests/processes/cxhubd_process.h"

namespace cxhub {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kMessagesPerAppend = 10000;
// How often the ingest's progress is read: its time is known to within this (100 ms put the
// 64 MB ingest, about 1.7 s, in steps of 6%).
constexpr absl::Duration kProgressInterval = absl::Milliseconds(20);

// Messages written to `path` until it holds at least `bytes`.
absl::StatusOr<int64_t> WriteMailbox(const std::string& path, uint64_t bytes) {
  int64_t messages = 0;
  while (!fs::exists(path) || fs::file_size(path) < bytes) {
    if (absl::StatusOr<uint64_t> written =
            bench::AppendGeneratedMbox(path, messages, kMessagesPerAppend);
        !written.ok()) {
      return written.status();
    }
    messages += kMessagesPerAppend;
  }
  return messages;
}

// GMime's mbox parser over `path`: the messages it constructed.
absl::StatusOr<int64_t> ParseWithGMime(const std::string& path) {
  GError* error = nullptr;
  GMimeStream* stream = g_mime_stream_fs_open(path.c_str(), O_RDONLY, 0, &error);
  if (stream == nullptr) {
    const std::string message = error != nullptr ? error->message : "unknown error";
    g_clear_error(&error);
    return absl::UnavailableError(absl::StrCat("opening ", path, ": ", message));
  }
  GMimeParser* parser = g_mime_parser_new_with_stream(stream);
  g_mime_parser_set_format(parser, GMIME_FORMAT_MBOX);
  int64_t messages = 0;
  while (!g_mime_parser_eos(parser)) {
    GMimeMessage* message = g_mime_parser_construct_message(parser, nullptr);
    if (message == nullptr) break;
    ++messages;
    g_object_unref(message);
  }
  g_object_unref(parser);
  g_object_unref(stream);
  return messages;
}

// What the ingest took, cxhubd's peak resident size (kB) and threads at the end, and which of
// its threads worked most.
struct Ingest {
  absl::Duration elapsed;
  int64_t peak_rss_kb = 0;
  int64_t threads = 0;
  std::string busiest;
};

// The password of the MySQL store, for the child cxhubd.
constexpr char kPasswordEnv[] = "CXHUB_BENCH_MBOX_MYSQL_PASSWORD";

// cxhubd on `config` (its store) with one email connector on `mbox`, until it has committed
// `records`; its config and log are <stem>.textproto and <stem>.log in `dir`.
absl::StatusOr<Ingest> IngestWithCxhubd(config::v1::ServerConfig config, const fs::path& dir,
                                        const std::string& stem, const std::string& mbox,
                                        int64_t records) {
  config.add_plugin_dirs(CXHUB_PLUGIN_DIR);
  config::v1::ConnectorInstance& email = *config.add_connectors();
  email.set_name("email");
  email.set_plugin("cxhub_email.so");
  email.set_options(absl::StrCat("mbox=", mbox,
                                 "\nbusiness_address=support@northwind.example\n"
                                 "business_domain=northwind.example\ncheckpoint_every=1000\n"));
  email.set_poll_interval_seconds(3600);
  const std::string config_path = (dir / (stem + ".textproto")).string();
  const std::string log = (dir / (stem + ".log")).string();
  if (!testing::WriteConfigFile(config, config_path)) {
    return absl::UnavailableError(absl::StrCat("cannot write ", config_path));
  }
  const bench::Stopwatch stopwatch;
  testing::CxhubdProcess server(CXHUBD_PATH, config_path, log);
  // Sampled at each look for the ingest's progress, since the connector's threads end with its
  // read.
  bench::ThreadCpuSampler threads(server.pid());
  CXHUB_ASSIGN_OR_RETURN(const int port, testing::WaitForServingPort(log, absl::Minutes(1)));
  auto connectors = v1::ConnectorService::NewStub(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  if (absl::Status done =
          testing::AwaitConnectorRecords(*connectors, email.name(), records, kProgressInterval,
                                         absl::InfiniteFuture(), [&] { threads.Sample(); });
      !done.ok()) {
    return absl::Status(done.code(), absl::StrCat(done.message(), " (log ", log, ")"));
  }
  Ingest ingest;
  ingest.elapsed = stopwatch.Elapsed();
  const std::string pid = absl::StrCat(server.pid());
  ingest.peak_rss_kb = test::ProcessStatusField(pid, "VmHWM");
  ingest.threads = test::ProcessStatusField(pid, "Threads");
  ingest.busiest = threads.Busiest(ingest.elapsed);
  server.Stop(SIGTERM);
  return ingest;
}

// GMime's parse of `mbox` (`messages` in it) and cxhubd's ingestion of it into the store of
// `config_for(round)`, alternately for `rounds` rounds; prints a table of the round with the
// median ratio.
absl::Status MeasureStore(
    absl::string_view store, const fs::path& dir, const std::string& mbox, int64_t messages,
    int rounds, absl::FunctionRef<absl::StatusOr<config::v1::ServerConfig>(int round)> config_for) {
  const uint64_t bytes = fs::file_size(mbox);
  absl::Status failure;
  std::vector<Ingest> ingests;
  const bench::PairedRounds paired = bench::RunPairedRounds(
      rounds,
      [&](int) {
        const bench::Stopwatch gmime;
        absl::StatusOr<int64_t> parsed = ParseWithGMime(mbox);
        if (failure.ok() && !parsed.ok()) failure = parsed.status();
        if (failure.ok() && *parsed != messages) {
          failure = absl::InternalError(absl::StrCat("GMime parsed ", *parsed, " of ", messages));
        }
        return gmime.Elapsed();
      },
      [&](int round) {
        absl::StatusOr<Ingest> ingest = absl::CancelledError("an earlier round failed");
        if (failure.ok()) {
          absl::StatusOr<config::v1::ServerConfig> config = config_for(round);
          ingest = config.ok() ? IngestWithCxhubd(*std::move(config), dir,
                                                  absl::StrCat(store, "_", round), mbox, messages)
                               : config.status();
        }
        if (failure.ok() && !ingest.ok()) failure = ingest.status();
        ingests.push_back(ingest.ok() ? *ingest : Ingest{});
        return ingests.back().elapsed;
      });
  CXHUB_RETURN_IF_ERROR(failure);
  const Ingest& ingest = ingests[paired.MedianIndex()];
  bench::ResultTable table(
      absl::StrCat("A large mbox: GMime's parse beside cxhubd's ingestion (one email connector, ",
                   store, ")"),
      "msgs");
  table.AddBaseline({"GMime mbox parse", messages, paired.Median().baseline, bytes});
  table.Add({absl::StrCat("cxhubd ingest, ", store), messages, paired.Median().measured, bytes,
             absl::StrFormat("%s; cxhubd peak RSS %.1f MiB, %d threads; %s", paired.Note(),
                             static_cast<double>(ingest.peak_rss_kb) / 1024.0, ingest.threads,
                             ingest.busiest)});
  table.Print();
  return absl::OkStatus();
}

// Writes the mailbox into `dir`, then times GMime and cxhubd on it for each store.
absl::Status Measure(const fs::path& dir, int64_t megabytes, int rounds) {
  const std::string mbox = (dir / "support.mbox").string();
  CXHUB_ASSIGN_OR_RETURN(const int64_t written,
                         WriteMailbox(mbox, static_cast<uint64_t>(megabytes) * 1000000));
  std::printf("mbox of %.1f MB, %lld messages\n", static_cast<double>(fs::file_size(mbox)) / 1e6,
              static_cast<long long>(written));
  email::EnsureGMimeInitialized();
  CXHUB_RETURN_IF_ERROR(MeasureStore("SQLite", dir, mbox, written, rounds,
                                     [&](int round) -> absl::StatusOr<config::v1::ServerConfig> {
                                       return bench::LoopbackSqliteServerConfig(
                                           (dir / absl::StrCat("cxhub_", round, ".db")).string());
                                     }));
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<bench::MysqlBenchDatabases> mysql,
                         bench::MysqlBenchDatabases::FromEnvironment());
  if (mysql == nullptr) return absl::OkStatus();
  return MeasureStore("MySQL", dir, mbox, written, rounds,
                      [&](int round) -> absl::StatusOr<config::v1::ServerConfig> {
                        CXHUB_ASSIGN_OR_RETURN(const MysqlConnectionOptions database,
                                               mysql->Create(absl::StrCat("mbox_", round)));
                        return bench::LoopbackMysqlServerConfig(bench::StoreOptionsFor(database),
                                                                kPasswordEnv);
                      });
}

// The directory stays after a failure, for cxhubd's log.
int Run(int64_t megabytes, int rounds) {
  std::string pattern = (fs::temp_directory_path() / "cxhub_mbox_bench_XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    std::perror("mkdtemp");
    return 1;
  }
  if (const absl::Status measured = Measure(pattern, megabytes, rounds); !measured.ok()) {
    std::fprintf(stderr, "mbox_ingest_benchmark: %s\n", std::string(measured.message()).c_str());
    return 1;
  }
  fs::remove_all(pattern);
  return 0;
}

}  // namespace
}  // namespace cxhub

int main(int argc, char** argv) {
  const std::optional<int64_t> megabytes = cxhub::bench::WholeArgument(argc, argv, 1, 1024);
  const std::optional<int64_t> rounds = cxhub::bench::WholeArgument(argc, argv, 2, 3);
  if (!megabytes.has_value() || !rounds.has_value()) {
    std::fprintf(stderr, "usage: %s [megabytes] [rounds]\n", argv[0]);
    return 2;
  }
  return cxhub::Run(*megabytes, static_cast<int>(*rounds));
}
