// The time of an unmerge beside the merge it undoes, in the same run, on each backend: a
// customer with [rows] interactions (every tenth a survey answer, every tenth a purchase, so
// the figures' aggregates move with them) merged into another with 1,000, then 1,000 more
// recorded on the merged customer's identity since the merge, then the unmerge.
//
//   merge_ledger_benchmark [rows]     SQLite in a temporary directory (rows: 10000)
//   CXHUB_BENCH_MYSQL=host:port:user:password:database merge_ledger_benchmark [rows]
//                                     also MySQL, in a fresh database <database>_ledger
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "benchmarks/harness/count_argument.h"
#include "benchmarks/harness/mysql_bench_databases.h"
#include "benchmarks/harness/result_table.h"
#include "benchmarks/harness/stopwatch.h"
#include "server/core/clock.h"
#include "server/core/customer_directory.h"
#include "server/core/identity_normalizer.h"
#include "server/core/merge_ledger.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/storage/mysql_store.h"
#include "server/storage/sqlite_store.h"
#include "tests/storage/insert_interactions.h"

namespace cxhub {
namespace {

constexpr int kSurvivorRows = 1000;
constexpr int kRowsSince = 1000;
constexpr int kBatch = 500;

struct Backend {
  std::string name;
  std::function<absl::StatusOr<std::unique_ptr<Store>>()> open_store;
};

Interaction Row(CustomerId customer, const Identity& identity, int n) {
  Interaction interaction;
  interaction.customer_id = customer;
  interaction.channel = "email";
  interaction.kind = InteractionKind::kMessage;
  interaction.direction = Direction::kInbound;
  interaction.occur_time = absl::FromUnixSeconds(1788771600 + n * 60);
  interaction.subject = absl::StrCat("Order ", n, " did not arrive");
  interaction.body = std::string(400, 'x');
  interaction.source = "bench";
  interaction.external_id = absl::StrCat(identity.value, "-", n);
  interaction.create_time = absl::FromUnixSeconds(1788771600);
  interaction.recorded_identities = {identity};
  if (n % 10 == 3) {
    interaction.kind = InteractionKind::kSurveyResponse;
    interaction.survey = Survey{SurveyMetric::kNps, n % 11, "", "", "", "", 0};
  } else if (n % 10 == 7) {
    interaction.kind = InteractionKind::kPurchase;
    interaction.purchase = Purchase{1000 + n, "EUR", ""};
  }
  return interaction;
}

// `count` interactions of `customer`, recorded under `identity`, numbered from `first`.
absl::Status Fill(Store& store, CustomerId customer, const Identity& identity, int first,
                  int count) {
  for (int start = first; start < first + count; start += kBatch) {
    std::vector<Interaction> batch;
    for (int n = start; n < start + kBatch && n < first + count; ++n) {
      batch.push_back(Row(customer, identity, n));
    }
    absl::Status status = InsertEveryInteraction(store, batch);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::StatusOr<CustomerId> NewCustomer(Store& store, const Identity& identity) {
  CustomerId id = 0;
  absl::Status status = store.Write([&](StoreWriter& writer) -> absl::Status {
    Customer customer;
    customer.display_name = identity.value;
    customer.identities = {identity};
    customer.attributes = {{"source", identity.value}};
    absl::StatusOr<CustomerId> inserted = writer.InsertCustomer(customer);
    if (!inserted.ok()) return inserted.status();
    id = *inserted;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return id;
}

absl::Status Run(const Backend& backend, int rows, bench::ResultTable& table) {
  absl::StatusOr<std::unique_ptr<Store>> opened = backend.open_store();
  if (!opened.ok()) return opened.status();
  Store& store = **opened;
  const Identity kept{IdentityKind::kEmail, "kept@example.com"};
  const Identity gone{IdentityKind::kEmail, "gone@example.com"};
  absl::StatusOr<CustomerId> survivor = NewCustomer(store, kept);
  if (!survivor.ok()) return survivor.status();
  absl::StatusOr<CustomerId> merged = NewCustomer(store, gone);
  if (!merged.ok()) return merged.status();
  if (absl::Status s = Fill(store, *survivor, kept, 0, kSurvivorRows); !s.ok()) return s;
  if (absl::Status s = Fill(store, *merged, gone, 0, rows); !s.ok()) return s;

  absl::StatusOr<IdentityNormalizer> normalizer = IdentityNormalizer::Create("PT");
  if (!normalizer.ok()) return normalizer.status();
  CustomerDirectory directory(store, *normalizer, SystemClock());
  MergeLedger ledger(store, SystemClock());
  bench::Stopwatch stopwatch;
  absl::StatusOr<Customer> merge = directory.Merge(*survivor, *merged);
  if (!merge.ok()) return merge.status();
  table.AddBaseline({"merge", rows, stopwatch.Elapsed()});

  if (absl::Status s = Fill(store, *survivor, gone, rows, kRowsSince); !s.ok()) return s;
  absl::StatusOr<std::vector<MergeEntry>> entries = ledger.List(*merged, 0, 1);
  if (!entries.ok()) return entries.status();
  if (entries->empty()) return absl::InternalError("the merge is not in the ledger");
  stopwatch.Restart();
  absl::StatusOr<MergeEntry> unmerge = ledger.Unmerge(entries->front().id, MergeCause());
  if (!unmerge.ok()) return unmerge.status();
  table.Add({"unmerge (+1,000 recorded since)", rows + kRowsSince, stopwatch.Elapsed()});
  return absl::OkStatus();
}

// SQLite at `path`, and MySQL in a fresh database when CXHUB_BENCH_MYSQL is set (`mysql` keeps
// it until it is destroyed).
absl::StatusOr<std::vector<Backend>> Backends(const std::string& path,
                                              std::unique_ptr<bench::MysqlBenchDatabases>& mysql) {
  std::vector<Backend> backends = {{"sqlite", [path] {
                                      return OpenSqliteStore({path, absl::Seconds(5)});
                                    }}};
  absl::StatusOr<std::unique_ptr<bench::MysqlBenchDatabases>> databases =
      bench::MysqlBenchDatabases::FromEnvironment();
  if (!databases.ok()) return databases.status();
  mysql = *std::move(databases);
  if (mysql == nullptr) {
    std::printf("(set CXHUB_BENCH_MYSQL=host:port:user:password:database for MySQL)\n");
    return backends;
  }
  absl::StatusOr<MysqlConnectionOptions> ledger = mysql->Create("ledger");
  if (!ledger.ok()) return ledger.status();
  backends.push_back(
      {"mysql", [options = *ledger] { return OpenMysqlStore(bench::StoreOptionsFor(options)); }});
  return backends;
}

int Main(int argc, char** argv) {
  const std::optional<int64_t> rows_argument = bench::CountArgument(argc, argv, 10000, "[rows]");
  if (!rows_argument.has_value()) return 2;
  const int rows = static_cast<int>(*rows_argument);
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / absl::StrCat("cxhub_ledger_bench_", getpid());
  std::filesystem::create_directories(dir);
  std::unique_ptr<bench::MysqlBenchDatabases> mysql;
  absl::StatusOr<std::vector<Backend>> backends = Backends((dir / "bench.db").string(), mysql);
  if (!backends.ok()) {
    std::fprintf(stderr, "%s\n", backends.status().ToString().c_str());
    return 1;
  }
  int exit_code = 0;
  for (const Backend& backend : *backends) {
    bench::ResultTable table(
        absl::StrCat(backend.name, ": merge and unmerge of a customer with ", rows,
                     " interactions (into one with ", kSurvivorRows, ")"),
        "interactions");
    const absl::Status status = Run(backend, rows, table);
    table.Print();
    if (!status.ok()) {
      std::fprintf(stderr, "%s: %s\n", backend.name.c_str(), status.ToString().c_str());
      exit_code = 1;
    }
  }
  std::filesystem::remove_all(dir);
  return exit_code;
}

}  // namespace
}  // namespace cxhub

int main(int argc, char** argv) { return cxhub::Main(argc, argv); }
