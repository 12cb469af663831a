// Ingestion throughput of the connector host, end to end, beside a raw batched insert.
//
//   connector_ingest_benchmark [records] [checkpoint_every] [customers] [rounds]
//
// host: a line file of `records` lines read by the test plugin (tests/plugins/line_connector.cc)
//   through ConnectorHost: plugin -> Record -> normalize -> resolve customer -> insert, committed
//   with the cursor every `checkpoint_every` records, timed from Start() until the committed
//   counter reaches `records`.
// store batch: the same rows (interactions of `customers` pre-created customers) inserted
//   through Store::Write in batches of `checkpoint_every`, one InsertInteraction each: no plugin,
//   no normalization, no resolution (the baseline of the figures before 2026-12-04, named "raw
//   batch insert" then). Skipped with CXHUB_BENCH_STORE_BATCH=off: on MySQL it takes most of the
//   benchmark's time (some 45 s for 100,000 rows), which an A/B of the host does not need.
// raw INSERT: the same rows by multi-row INSERTs outside the Store, 100 per statement, in one
//   transaction (benchmarks/harness/raw_interaction_insert.h): the baseline, the measure of
//   issue 18's target for connector ingestion.
// The raw INSERT and the host run alternately, `rounds` times (default 3), and the table shows
// the round with the median ratio, every round's ratio beside it (benchmarks/harness/
// paired_rounds.h); the store batch runs once. Each on a fresh SQLite store (WAL) in a temporary
// directory, then, with CXHUB_BENCH_MYSQL=host:port:user:password:database, on fresh MySQL
// databases <database>_connector_host_<round>, _connector_store and _connector_raw_<round>
// (CXHUB_BENCH_SQLITE=off: MySQL only). Prints records/s of each, a table per store; the host's
// row also names its busiest threads in that round (benchmarks/harness/thread_cpu.h).
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "benchmarks/harness/bench_stores.h"
#include "benchmarks/harness/mysql_bench_databases.h"
#include "benchmarks/harness/paired_rounds.h"
#include "benchmarks/harness/raw_interaction_insert.h"
#include "benchmarks/harness/result_table.h"
#include "benchmarks/harness/stopwatch.h"
#include "benchmarks/harness/thread_cpu.h"
#include "server/connectors/connector_host.h"
#include "server/core/clock.h"
#include "server/core/identity_normalizer.h"
#include "server/core/interaction_feed.h"
#include "server/core/logger.h"

namespace {

namespace fs = std::filesystem;

int Arg(int argc, char** argv, int index, int fallback) {
  int value = 0;
  return index < argc && absl::SimpleAtoi(argv[index], &value) && value > 0 ? value : fallback;
}

template <typename T>
T OrExit(absl::StatusOr<T> value, absl::string_view what) {
  if (!value.ok()) {
    std::fprintf(stderr, "%s: %s\n", std::string(what).c_str(), value.status().ToString().c_str());
    std::exit(1);
  }
  return *std::move(value);
}

// The fresh database `part` of the run ("host_<round>", "store", "raw_<round>").
cxhub::bench::BenchDatabase Create(const cxhub::bench::PartedBenchStore& backend,
                                   const std::string& part) {
  return OrExit(backend.create(part), "creating a database");
}

std::string Email(int customer) { return absl::StrCat("customer", customer, "@example.com"); }

// The time the host needs to ingest the file; `busiest` says which of its threads worked most.
absl::Duration RunHost(const cxhub::bench::PartedBenchStore& backend, const std::string& part,
                       const fs::path& dir, int records, int checkpoint_every,
                       std::string& busiest) {
  std::unique_ptr<cxhub::Store> store =
      OrExit(Create(backend, part).store.open(), "opening the host's store");
  absl::StatusOr<cxhub::IdentityNormalizer> normalizer = cxhub::IdentityNormalizer::Create("PT");
  cxhub::InteractionFeed feed;
  cxhub::ConnectorHostOptions options;
  options.plugin_dirs = {(dir / "plugins").string()};
  cxhub::ConnectorConfig connector;
  connector.name = "bench";
  connector.plugin = "test_lines.so";
  connector.options =
      absl::StrCat("path=", (dir / "lines.txt").string(), ";checkpoint_every=", checkpoint_every);
  connector.poll_interval = absl::Hours(1);
  options.connectors = {connector};
  options.logger = std::make_shared<cxhub::Logger>(
      cxhub::LogOptions{cxhub::LogFormat::kText, cxhub::LogLevel::kError}, cxhub::StderrLogSink(),
      cxhub::SystemClock());
  cxhub::ConnectorHost host(*store, *normalizer, cxhub::SystemClock(), feed,
                            cxhub::ConflictPolicy::kMerge, options);
  cxhub::bench::ThreadCpuSampler threads;
  const cxhub::bench::Stopwatch stopwatch;
  if (!host.Start().ok()) std::exit(1);
  while (true) {
    threads.Sample();
    absl::StatusOr<cxhub::ConnectorView> view = host.Get("bench");
    if (view.ok() && view->counters.records_in >= records) break;
    if (view.ok() && view->status == cxhub::ConnectorStatus::kFailed) {
      std::fprintf(stderr, "connector failed: %s\n", view->message.c_str());
      std::exit(1);
    }
    // Each look is a read transaction on the store being measured: often enough for a run of
    // seconds, rarely enough not to load the store (every 2 ms was a third of MySQL's
    // statements once records resolved in bulk).
    absl::SleepFor(absl::Milliseconds(10));
  }
  const absl::Duration elapsed = stopwatch.Elapsed();
  busiest = threads.Busiest(elapsed);
  host.Shutdown(absl::Seconds(5));
  return elapsed;
}

// The ids of `customers` new customers in `store`, customer c with Email(c).
std::vector<cxhub::CustomerId> InsertCustomers(cxhub::Store& store, int customers) {
  std::vector<cxhub::CustomerId> ids(customers);
  absl::Status status = store.Write([&](cxhub::StoreWriter& writer) -> absl::Status {
    for (int c = 0; c < customers; ++c) {
      cxhub::Customer customer;
      customer.identities = {{cxhub::IdentityKind::kEmail, Email(c)}};
      customer.create_time = customer.update_time = absl::Now();
      absl::StatusOr<cxhub::CustomerId> id = writer.InsertCustomer(customer);
      if (!id.ok()) return id.status();
      ids[c] = *id;
    }
    return absl::OkStatus();
  });
  if (!status.ok()) std::exit(1);
  return ids;
}

// Line i's interaction, as the plugin's record becomes it.
cxhub::Interaction Row(const std::vector<cxhub::CustomerId>& ids, int64_t i) {
  cxhub::Interaction row;
  row.customer_id = ids[i % static_cast<int64_t>(ids.size())];
  row.channel = "test";
  row.occur_time = absl::FromUnixSeconds(1772359200 + i);
  row.body = absl::StrCat("body ", i);
  row.source = "bench";
  row.external_id = absl::StrCat("r", i);
  row.attributes["offset"] = absl::StrCat(i);
  row.create_time = absl::Now();
  return row;
}

// The time the same rows take through Store::Write in batches of `batch`.
absl::Duration RunStoreBatches(const cxhub::bench::PartedBenchStore& backend, int records,
                               int batch, int customers) {
  std::unique_ptr<cxhub::Store> store =
      OrExit(Create(backend, "store").store.open(), "opening the batch's store");
  const std::vector<cxhub::CustomerId> ids = InsertCustomers(*store, customers);
  const cxhub::bench::Stopwatch stopwatch;
  for (int first = 0; first < records; first += batch) {
    const absl::Status status = store->Write([&](cxhub::StoreWriter& writer) -> absl::Status {
      for (int i = first; i < std::min(records, first + batch); ++i) {
        if (absl::Status inserted = writer.InsertInteraction(Row(ids, i)).status();
            !inserted.ok()) {
          return inserted;
        }
      }
      return absl::OkStatus();
    });
    if (!status.ok()) std::exit(1);
  }
  return stopwatch.Elapsed();
}

// The time the same rows take by multi-row INSERTs into a store's database, outside the Store.
absl::Duration RunRawInserts(const cxhub::bench::PartedBenchStore& backend, const std::string& part,
                             int records, int customers) {
  const cxhub::bench::BenchDatabase database = Create(backend, part);
  std::vector<cxhub::CustomerId> ids;
  {
    // The schema and the customers.
    std::unique_ptr<cxhub::Store> store = OrExit(database.store.open(), "opening the raw store");
    ids = InsertCustomers(*store, customers);
  }
  std::unique_ptr<cxhub::Connection> raw = OrExit(database.store.connect(), "connecting raw");
  const cxhub::bench::Stopwatch stopwatch;
  absl::Status status = raw->BeginWrite();
  if (status.ok()) {
    status = cxhub::bench::InsertRawInteractions(*raw, 0, records,
                                                 [&](int64_t i) { return Row(ids, i); });
  }
  if (status.ok()) status = raw->Commit();
  if (!status.ok()) {
    std::fprintf(stderr, "raw INSERT: %s\n", std::string(status.message()).c_str());
    std::exit(1);
  }
  return stopwatch.Elapsed();
}

}  // namespace

int main(int argc, char** argv) {
  const int records = Arg(argc, argv, 1, 20000);
  const int checkpoint_every = Arg(argc, argv, 2, 500);
  const int customers = Arg(argc, argv, 3, 1000);
  const int rounds = Arg(argc, argv, 4, 3);
  std::string pattern = (fs::temp_directory_path() / "cxhub_connector_bench_XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return 1;
  const fs::path dir = pattern;
  fs::create_directory(dir / "plugins");
  fs::copy_file(TEST_LINES_PATH, dir / "plugins" / "test_lines.so");
  {
    std::ofstream out(dir / "lines.txt");
    for (int i = 0; i < records; ++i) {
      out << "r" << i << "|" << Email(i % customers) << "|"
          << absl::FormatTime(absl::RFC3339_full, absl::FromUnixSeconds(1772359200 + i),
                              absl::UTCTimeZone())
          << "|body " << i << "\n";
    }
  }
  std::vector<cxhub::bench::PartedBenchStore> backends;
  if (cxhub::bench::SqliteBenchEnabled()) backends.push_back(cxhub::bench::SqliteParts(dir));
  std::unique_ptr<cxhub::bench::MysqlBenchDatabases> mysql =
      OrExit(cxhub::bench::MysqlBenchDatabases::FromEnvironment(), "CXHUB_BENCH_MYSQL");
  if (mysql != nullptr) backends.push_back(cxhub::bench::MysqlParts(*mysql, "connector_"));
  for (const cxhub::bench::PartedBenchStore& backend : backends) {
    cxhub::bench::ResultTable table(
        absl::StrCat("records=", records, " checkpoint_every=", checkpoint_every,
                     " customers=", customers, " (", backend.name, ")"),
        "records");
    std::vector<std::string> busiest(rounds);
    const cxhub::bench::PairedRounds host = cxhub::bench::RunPairedRounds(
        rounds,
        [&](int round) {
          return RunRawInserts(backend, absl::StrCat("raw_", round), records, customers);
        },
        [&](int round) {
          return RunHost(backend, absl::StrCat("host_", round), dir, records, checkpoint_every,
                         busiest[round]);
        });
    table.Add({"host end to end", records, host.Median().measured, std::nullopt,
               absl::StrCat(host.Note(), "; ", busiest[host.MedianIndex()])});
    if (cxhub::bench::EnabledUnlessOff("CXHUB_BENCH_STORE_BATCH")) {
      table.Add({"store batch", records,
                 RunStoreBatches(backend, records, checkpoint_every, customers), std::nullopt,
                 absl::StrCat("(", checkpoint_every, " InsertInteraction per Write, 1 round)")});
    }
    table.AddBaseline({"raw INSERT, 100 per stmt", records, host.Median().baseline, std::nullopt,
                       "(outside the Store, one transaction)"});
    table.Print();
  }
  fs::remove_all(dir);
  return 0;
}
