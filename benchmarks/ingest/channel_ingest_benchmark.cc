// Ingestion rate of each shipped connector end to end through cxhubd, on SQLite.
//
//   channel_ingest_benchmark [records] [customers] [checkpoint_every]
//
// For each channel it writes `records` records of its real format (an mboxrd file, an Asterisk
// Master.csv, Chatwoot message_created payloads, Mastodon statuses) spread over `customers`
// customers into a temporary directory, starts the server (cxhub::Server::Start) on a fresh
// SQLite store with one connector instance on that file, and times from Start until the
// connector's committed records_in (read over gRPC, ConnectorService.GetConnector) reaches
// `records`: plugin parse -> Record -> normalize -> resolve customer -> insert -> checkpoint.
// Then all four at once on one store, as cxhubd runs them. Prints records/s and MB/s of source
// per channel, records/s of the four together.
#include <stdlib.h>

#include <cstdint>
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
#include "benchmarks/harness/result_table.h"
#include "benchmarks/harness/stopwatch.h"
#include "cxhub/v1/connector.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "server/server.h"
#include "tests/processes/connector_progress.h"
#include "tests/sources/channel_records.h"

namespace {

namespace fs = std::filesystem;

int Arg(int argc, char** argv, int index, int fallback) {
  int value = 0;
  return index < argc && absl::SimpleAtoi(argv[index], &value) && value > 0 ? value : fallback;
}

cxhub::config::v1::ServerConfig BaseConfig(const fs::path& store) {
  cxhub::config::v1::ServerConfig config;
  config.set_listen_address("127.0.0.1:0");
  config.mutable_security()->set_plaintext(true);
  config.mutable_security()->set_auth_disabled(true);
  config.mutable_store()->mutable_sqlite()->set_path(store.string());
  config.set_default_phone_region("PT");
  config.set_identity_conflict_policy(cxhub::config::v1::MERGE);
  config.add_plugin_dirs(CXHUB_PLUGIN_DIR);
  // The server runs in this process: its connector lines would bury the table.
  config.mutable_log()->set_level(cxhub::config::v1::LogConfig::LOG_LEVEL_WARNING);
  return config;
}

// Starts the server with `config` and returns the time until every connector has committed its
// `records`.
absl::Duration Ingest(const cxhub::config::v1::ServerConfig& config, int records) {
  const cxhub::bench::Stopwatch stopwatch;
  absl::StatusOr<std::unique_ptr<cxhub::Server>> server = cxhub::Server::Start(config);
  if (!server.ok()) {
    std::fprintf(stderr, "cannot start: %s\n", std::string(server.status().message()).c_str());
    std::exit(1);
  }
  auto stub = cxhub::v1::ConnectorService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", (*server)->port()), grpc::InsecureChannelCredentials()));
  for (const cxhub::config::v1::ConnectorInstance& instance : config.connectors()) {
    if (const absl::Status ingested = cxhub::testing::AwaitConnectorRecords(
            *stub, instance.name(), records, absl::Milliseconds(5));
        !ingested.ok()) {
      std::fprintf(stderr, "%s\n", std::string(ingested.message()).c_str());
      std::exit(1);
    }
  }
  const absl::Duration elapsed = stopwatch.Elapsed();
  (*server)->Shutdown(absl::Seconds(5));
  return elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  const int records = Arg(argc, argv, 1, 20000);
  const int customers = Arg(argc, argv, 2, 1000);
  const int checkpoint_every = Arg(argc, argv, 3, 100);
  std::string pattern = (fs::temp_directory_path() / "cxhub_ingest_bench_XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return 1;
  const fs::path dir = pattern;
  const std::string every = absl::StrCat("checkpoint_every=", checkpoint_every, "\n");
  cxhub::bench::ResultTable table(
      absl::StrCat("records=", records, " per channel, customers=", customers,
                   ", checkpoint_every=", checkpoint_every, " (SQLite, WAL)"),
      "records");
  cxhub::config::v1::ServerConfig all = BaseConfig(dir / "all.db");
  for (const cxhub::testing::ChannelSource& channel : cxhub::testing::ChannelSources()) {
    const fs::path file = dir / channel.file;
    channel.Append(file, 0, records, customers);
    cxhub::config::v1::ServerConfig config = BaseConfig(dir / (channel.name + ".db"));
    cxhub::config::v1::ConnectorInstance instance;
    instance.set_name(channel.name);
    instance.set_plugin(channel.plugin);
    instance.set_options(channel.OptionsFor(file, every));
    instance.set_poll_interval_seconds(3600);
    *config.add_connectors() = instance;
    *all.add_connectors() = instance;
    table.Add({channel.name, records, Ingest(config, records), fs::file_size(file)});
  }
  table.Add({"all 4", int64_t{4} * records, Ingest(all, records), std::nullopt,
             "(4 connectors at once, one store)"});
  table.Print();
  fs::remove_all(dir);
  return 0;
}
