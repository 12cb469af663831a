// Records interactions through the Store and compares with a raw batched INSERT of the same
// rows through the same driver, in the same run, on each backend.
//
//   storage_benchmark [rows]            SQLite in a temporary directory
//   CXHUB_BENCH_MYSQL=host:port:user:password:database storage_benchmark [rows]
//                                       also MySQL, in a fresh database <database>_bench
//
// Rows of one table per backend, each inserting `rows` interactions spread over 100 customers,
// with interactions/s and the rate as a multiple of the baseline's:
//   store, 1 per Write       one Store::Write transaction per interaction (RecordInteraction)
//   store, 100 per Write     one Write with a Savepoint per interaction (BatchRecord...)
//   store, InsertInteractions of 100
//                            one Write with one InsertInteractions of 100 (the bulk path)
//   recorder, 100 Records in savepoints
//                            InteractionRecorder::Record of each item by customer id in a
//                            savepoint, 100 per Write (how BatchRecordInteractions recorded
//                            before the bulk path)
//   recorder, RecordAll of 100 by id
//                            InteractionRecorder::RecordAll of the same: the bulk path of
//                            BatchRecordInteractions and of group-committed RecordInteraction
//   raw INSERT, 100 per stmt multi-row INSERT statements, 100 rows each, one transaction
//                            (the baseline)
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "benchmarks/harness/count_argument.h"
#include "benchmarks/harness/mysql_bench_databases.h"
#include "benchmarks/harness/raw_interaction_insert.h"
#include "benchmarks/harness/result_table.h"
#include "benchmarks/harness/stopwatch.h"
#include "server/core/clock.h"
#include "server/core/identity_normalizer.h"
#include "server/core/interaction_recorder.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/storage/mysql_driver.h"
#include "server/storage/mysql_store.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sqlite_driver.h"
#include "server/storage/sqlite_store.h"
#include "tests/storage/insert_interactions.h"

namespace cxhub {
namespace {

constexpr int kCustomers = 100;
constexpr int kBatch = 100;

struct Backend {
  std::string name;
  std::function<absl::StatusOr<std::unique_ptr<Store>>()> open_store;
  std::function<absl::StatusOr<std::unique_ptr<Connection>>()> connect;
};

Interaction Row(CustomerId customer, const std::string& source, int n) {
  Interaction interaction;
  interaction.customer_id = customer;
  interaction.channel = "email";
  interaction.kind = InteractionKind::kMessage;
  interaction.direction = Direction::kInbound;
  interaction.occur_time = absl::FromUnixSeconds(1700000000 + n);
  interaction.thread_id = absl::StrCat("thread-", n % 50);
  interaction.subject = absl::StrCat("Order ", n, " did not arrive");
  interaction.body = std::string(400, 'x');
  interaction.source = source;
  interaction.external_id = absl::StrCat("m-", n);
  interaction.attributes = {{"mailbox", "support"}};
  interaction.create_time = absl::FromUnixSeconds(1700000000);
  return interaction;
}

// Measures the three modes on `backend` into `table`, raw INSERT as the baseline.
absl::Status Run(const Backend& backend, int rows, bench::ResultTable& table) {
  absl::StatusOr<std::unique_ptr<Store>> opened = backend.open_store();
  if (!opened.ok()) return opened.status();
  Store& store = **opened;
  std::vector<CustomerId> customers;
  absl::Status status = store.Write([&](StoreWriter& writer) -> absl::Status {
    for (int i = 0; i < kCustomers; ++i) {
      Customer customer;
      customer.display_name = absl::StrCat("Customer ", i);
      customer.identities = {{IdentityKind::kEmail, absl::StrCat("c", i, "@example.com")}};
      absl::StatusOr<CustomerId> id = writer.InsertCustomer(customer);
      if (!id.ok()) return id.status();
      customers.push_back(*id);
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;

  // 1. Through the Store, one transaction per interaction.
  bench::Stopwatch stopwatch;
  for (int n = 0; n < rows; ++n) {
    status = store.Write([&](StoreWriter& writer) {
      return writer.InsertInteraction(Row(customers[n % kCustomers], "single", n)).status();
    });
    if (!status.ok()) return status;
  }
  table.Add({"store, 1 per Write", rows, stopwatch.Elapsed()});

  // 2. Through the Store, batches of kBatch with a savepoint per item.
  stopwatch.Restart();
  for (int first = 0; first < rows; first += kBatch) {
    status = store.Write([&](StoreWriter& writer) -> absl::Status {
      for (int n = first; n < first + kBatch && n < rows; ++n) {
        absl::Status item = writer.Savepoint([&](StoreWriter& nested) {
          return nested.InsertInteraction(Row(customers[n % kCustomers], "batch", n)).status();
        });
        if (!item.ok()) return item;
      }
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
  }
  table.Add({"store, 100 per Write", rows, stopwatch.Elapsed()});

  // 3. Through the Store, batches of kBatch in one InsertInteractions each.
  stopwatch.Restart();
  for (int first = 0; first < rows; first += kBatch) {
    std::vector<Interaction> batch;
    for (int n = first; n < first + kBatch && n < rows; ++n) {
      batch.push_back(Row(customers[n % kCustomers], "bulk", n));
    }
    status = InsertEveryInteraction(store, batch);
    if (!status.ok()) return status;
  }
  table.Add({"store, InsertInteractions of 100", rows, stopwatch.Elapsed()});

  // 4 and 5. Through the recorder (validation, customer resolution, touchpoint rules), by id.
  absl::StatusOr<IdentityNormalizer> normalizer = IdentityNormalizer::Create("PT");
  if (!normalizer.ok()) return normalizer.status();
  const InteractionRecorder recorder(*normalizer, SystemClock(), ConflictPolicy::kMerge,
                                     RecordLimits());
  for (const bool bulk : {false, true}) {
    const std::string source = bulk ? "recorder-bulk" : "recorder-savepoints";
    stopwatch.Restart();
    for (int first = 0; first < rows; first += kBatch) {
      std::vector<RecordRequest> requests;
      for (int n = first; n < first + kBatch && n < rows; ++n) {
        requests.emplace_back();
        requests.back().interaction = Row(customers[n % kCustomers], source, n);
      }
      status = store.Write([&](StoreWriter& writer) -> absl::Status {
        if (bulk) {
          std::vector<const RecordRequest*> pointers;
          for (const RecordRequest& request : requests) pointers.push_back(&request);
          absl::StatusOr<std::vector<absl::StatusOr<RecordResult>>> results =
              recorder.RecordAll(writer, pointers);
          if (!results.ok()) return results.status();
          for (const absl::StatusOr<RecordResult>& result : *results) {
            if (!result.ok()) return result.status();
          }
          return absl::OkStatus();
        }
        for (const RecordRequest& request : requests) {
          absl::Status item = writer.Savepoint(
              [&](StoreWriter& nested) { return recorder.Record(nested, request).status(); });
          if (!item.ok()) return item;
        }
        return absl::OkStatus();
      });
      if (!status.ok()) return status;
    }
    table.Add({bulk ? "recorder, RecordAll of 100 by id" : "recorder, 100 Records in savepoints",
               rows, stopwatch.Elapsed()});
  }

  // 6. Raw multi-row INSERTs of the same rows through the same driver.
  absl::StatusOr<std::unique_ptr<Connection>> connection = backend.connect();
  if (!connection.ok()) return connection.status();
  Connection& raw = **connection;
  stopwatch.Restart();
  if (status = raw.BeginWrite(); !status.ok()) return status;
  status = bench::InsertRawInteractions(raw, 0, rows, [&](int64_t n) {
    return Row(customers[n % kCustomers], "raw", static_cast<int>(n));
  });
  if (!status.ok()) return status;
  if (status = raw.Commit(); !status.ok()) return status;
  table.AddBaseline({"raw INSERT, 100 per stmt", rows, stopwatch.Elapsed()});
  return absl::OkStatus();
}

int Main(int argc, char** argv) {
  const std::optional<int64_t> rows_argument = bench::CountArgument(argc, argv, 2000, "[rows]");
  if (!rows_argument.has_value()) return 2;
  const int rows = static_cast<int>(*rows_argument);
  std::vector<Backend> backends;
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / absl::StrCat("cxhub_bench_", getpid());
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "bench.db").string();
  backends.push_back({"sqlite",
                      [&] {
                        return OpenSqliteStore({path, absl::Seconds(5)});
                      },
                      [&] {
                        return OpenSqliteConnection({path, absl::Seconds(5), false});
                      }});

  absl::StatusOr<std::unique_ptr<bench::MysqlBenchDatabases>> mysql =
      bench::MysqlBenchDatabases::FromEnvironment();
  if (!mysql.ok()) {
    std::fprintf(stderr, "mysql: %s\n", mysql.status().ToString().c_str());
    return 1;
  }
  if (*mysql != nullptr) {
    absl::StatusOr<MysqlConnectionOptions> raw = (*mysql)->Create("bench");
    if (!raw.ok()) {
      std::fprintf(stderr, "mysql: %s\n", raw.status().ToString().c_str());
      return 1;
    }
    backends.push_back({"mysql",
                        [raw = *raw] { return OpenMysqlStore(bench::StoreOptionsFor(raw)); },
                        [raw = *raw] { return OpenMysqlConnection(raw); }});
  } else {
    std::printf("(set CXHUB_BENCH_MYSQL=host:port:user:password:database for MySQL)\n");
  }

  int exit_code = 0;
  for (const Backend& backend : backends) {
    bench::ResultTable table(
        absl::StrCat(backend.name, ": ", rows, " interactions over ", kCustomers, " customers"),
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
