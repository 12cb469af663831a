// Throughput and latency of cxhubd's RPCs over a real loopback channel, each beside an empty
// gRPC handler measured in the same run, on SQLite, then on MySQL when CXHUB_BENCH_MYSQL names
// a server (CXHUB_BENCH_SQLITE=off: MySQL only).
//
//   rpc_benchmark [--rounds=N] [seconds] [threads...]   defaults: 1 round, 5 s, 1 and 8 threads
//
// Starts the server in-process (cxhub::Server::Start) on a fresh store (SQLite in a temporary
// directory; MySQL databases <database>_rpc_bench, _rpc_metered and _rpc_raw), creates kCustomers
// customers (an email and a phone each), then for each thread
// count C runs every mode for `seconds` with C client threads calling back to back. Each
// thread has its own channel and TCP connection (local subchannel pool) and makes blocking
// calls. Prints one table per thread count: calls/s of each mode, as a multiple of the health
// check's (the baseline), p50 and p99 latency, and interactions/s of the writes. Modes:
//   health Check             /grpc.health.v1.Health/Check, served by gRPC itself: no store work
//   GetCustomer              a read of an existing customer: api -> core -> store
//   Record by id             RecordInteraction with interaction.customer set: one write
//   Record by identities     RecordInteraction with customer_identities (normalize + resolve):
//                            even calls name an existing customer's email (mixed case) and
//                            phone (national format), odd calls a new email and phone, so half
//                            of them also create a customer
//   Batch of 100 by id       BatchRecordInteractions of kBatchItems items with customer set
//   Batch, 1 by identities  the same, but the last item names an existing customer's email instead
//                            of an id: the batch no longer qualifies for the bulk path and each
//                            item is recorded in a savepoint of its own (how every batch was
//                            recorded before the bulk path), for a same-run comparison
//   List 50 newest           ListInteractions of a customer, one page of 50 (the default size),
//                            after the writes above gave every customer their history
// After each of those tables, one in interactions puts the batch modes beside their baseline:
//   raw INSERT of 100        the same rows by one multi-row INSERT per transaction of
//                            kBatchItems, straight into another database of the same schema
//                            (raw_interaction_insert.h), one writer, for the same time
// A round is every mode above, then the raw INSERT; with --rounds=N the rounds run in turn, and
// each row of a table is the round where its ratio to the same round's baseline (the health
// check; the raw INSERT for the batch modes) is the median, every round's ratio in its note
// (benchmarks/harness/paired_rounds.h); the baseline's row is its round with the median rate.
// On this VM the health check alone moved 1.5x between runs minutes apart, and so did every
// ratio taken from one pass.
// Every recorded interaction has a new (source, external_id), so none is an idempotent hit.
// Then the cost of the metrics: a second server, the same but with its Prometheus endpoint on
// (config.metrics), seeded the same way; for each thread count, GetCustomer and then Record by
// id with metrics off (the first server), the baseline, and on, in turn for the same rounds.
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "benchmarks/harness/bench_server_config.h"
#include "benchmarks/harness/bench_stores.h"
#include "benchmarks/harness/count_argument.h"
#include "benchmarks/harness/mysql_bench_databases.h"
#include "benchmarks/harness/paired_rounds.h"
#include "benchmarks/harness/raw_interaction_insert.h"
#include "benchmarks/harness/result_table.h"
#include "benchmarks/harness/sample_interaction.h"
#include "benchmarks/harness/timed_run.h"
#include "cxhub/config/v1/config.pb.h"
#include "cxhub/v1/customer.grpc.pb.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"
#include "server/api/interaction_conversion.h"
#include "server/core/status_macros.h"
#include "server/process_settings.h"
#include "server/server.h"
#include "server/storage/sqlite_store.h"

namespace cxhub {
namespace {

namespace fs = std::filesystem;

// Debian ships no generated code for grpc.health.v1, so the check goes through GenericStub
// with an empty request (service "": the whole server).
constexpr char kHealthCheck[] = "/grpc.health.v1.Health/Check";
constexpr int kCustomers = 1000;
constexpr int kBatchItems = 100;
constexpr int64_t kBase = 1700000000;  // 2023-11-14, seconds since the epoch.
constexpr char kSource[] = "rpc-bench";

std::chrono::system_clock::time_point Deadline() {
  return std::chrono::system_clock::now() + std::chrono::seconds(30);
}

std::string Email(absl::string_view local, int64_t n) {
  return absl::StrCat(local, n, "@example.com");
}

// Existing customers have phones 912000000 + k (Portuguese mobiles), new ones 930000000 + n.
std::string NationalPhone(int64_t number) {
  const std::string digits = absl::StrCat(number);
  return absl::StrCat(digits.substr(0, 3), " ", digits.substr(3, 3), " ", digits.substr(6));
}

v1::Identity MakeIdentity(v1::IdentityKind kind, absl::string_view value) {
  v1::Identity identity;
  identity.set_kind(kind);
  identity.set_value(std::string(value));
  return identity;
}

// A MESSAGE interaction numbered `seq`, of `customer` when not empty (else the caller adds
// identities). `external_id` must be unique in the run.
v1::RecordInteractionRequest MakeRecord(absl::string_view customer, int64_t seq,
                                        absl::string_view external_id) {
  v1::RecordInteractionRequest request;
  bench::FillSampleInteraction(customer, kSource, external_id, absl::FromUnixSeconds(kBase + seq),
                               *request.mutable_interaction());
  return request;
}

// kBatchItems records numbered `n`, of `customers` by name; with `last_by_identity`, the last
// names its customer by an existing email instead.
v1::BatchRecordInteractionsRequest MakeBatch(const std::vector<std::string>& customers, int64_t n,
                                             bool last_by_identity) {
  v1::BatchRecordInteractionsRequest request;
  for (int i = 0; i < kBatchItems; ++i) {
    const int64_t item = n * kBatchItems + i;
    *request.add_requests() =
        MakeRecord(customers[item % kCustomers], n, absl::StrCat("batch-", n, "-", i));
  }
  if (last_by_identity) {
    v1::RecordInteractionRequest* last = request.mutable_requests(kBatchItems - 1);
    last->mutable_interaction()->clear_customer();
    *last->add_customer_identities() =
        MakeIdentity(v1::EMAIL, Email("customer", (n * kBatchItems) % kCustomers));
  }
  return request;
}

// One client thread's connection and stubs.
class Client {
 public:
  Client(absl::string_view target, int index) {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // A connection of its own.
    args.SetInt("cxhub.bench.client", index);
    channel_ =
        grpc::CreateCustomChannel(std::string(target), grpc::InsecureChannelCredentials(), args);
    generic_ = std::make_unique<grpc::GenericStub>(channel_);
    customers_ = v1::CustomerService::NewStub(channel_);
    interactions_ = v1::InteractionService::NewStub(channel_);
    grpc::Slice nothing("");
    empty_ = grpc::ByteBuffer(&nothing, 1);
  }

  ~Client() {
    cq_.Shutdown();
    void* tag;
    bool ok;
    while (cq_.Next(&tag, &ok)) {
    }
  }

  bool Connect() { return channel_->WaitForConnected(Deadline()); }

  // A blocking health check: the call is driven on this thread's completion queue, as the
  // generated blocking stubs do.
  grpc::Status HealthCheck() {
    grpc::ClientContext context;
    context.set_deadline(Deadline());
    grpc::ByteBuffer response;
    grpc::Status status;
    std::unique_ptr<grpc::ClientAsyncResponseReader<grpc::ByteBuffer>> call =
        generic_->PrepareUnaryCall(&context, kHealthCheck, empty_, &cq_);
    call->StartCall();
    call->Finish(&response, &status, this);
    void* tag = nullptr;
    bool ok = false;
    if (!cq_.Next(&tag, &ok) || !ok || tag != this) {
      return grpc::Status(grpc::StatusCode::INTERNAL, "health check: completion queue failed");
    }
    // HealthCheckResponse{status: SERVING} is field 1, varint 1.
    if (status.ok() && response.Length() != 2) {
      return grpc::Status(grpc::StatusCode::INTERNAL, "health check: unexpected response");
    }
    return status;
  }

  grpc::Status CreateCustomer(const v1::CreateCustomerRequest& request, v1::Customer* customer) {
    grpc::ClientContext context;
    context.set_deadline(Deadline());
    return customers_->CreateCustomer(&context, request, customer);
  }

  grpc::Status GetCustomer(absl::string_view name) {
    v1::GetCustomerRequest request;
    request.set_name(std::string(name));
    v1::Customer customer;
    return Call(*customers_, &v1::CustomerService::Stub::GetCustomer, request, &customer);
  }

  // Records `request`; with `created` set, also checks whether it created a customer.
  grpc::Status Record(const v1::RecordInteractionRequest& request, const bool* created = nullptr) {
    grpc::ClientContext context;
    context.set_deadline(Deadline());
    v1::RecordInteractionResponse response;
    grpc::Status status = interactions_->RecordInteraction(&context, request, &response);
    if (!status.ok()) return status;
    if (response.already_recorded() || response.merged_customers_size() > 0) {
      return grpc::Status(grpc::StatusCode::INTERNAL, "unexpected already_recorded or merge");
    }
    if (created != nullptr && response.customer_created() != *created) {
      return grpc::Status(grpc::StatusCode::INTERNAL, "identities resolved unexpectedly");
    }
    return status;
  }

  // The newest page of `customer`'s history (50 interactions, the default page size).
  grpc::Status ListNewest(absl::string_view customer) {
    v1::ListInteractionsRequest request;
    request.set_parent(std::string(customer));
    v1::ListInteractionsResponse response;
    return Call(*interactions_, &v1::InteractionService::Stub::ListInteractions, request,
                &response);
  }

  grpc::Status BatchRecord(const v1::BatchRecordInteractionsRequest& request) {
    grpc::ClientContext context;
    context.set_deadline(Deadline());
    v1::BatchRecordInteractionsResponse response;
    grpc::Status status = interactions_->BatchRecordInteractions(&context, request, &response);
    if (!status.ok()) return status;
    if (response.results_size() != request.requests_size()) {
      return grpc::Status(grpc::StatusCode::INTERNAL, "batch: wrong number of results");
    }
    for (const v1::BatchItemResult& result : response.results()) {
      if (result.code() != 0) {
        return grpc::Status(static_cast<grpc::StatusCode>(result.code()), result.message());
      }
    }
    return status;
  }

 private:
  // A blocking unary call of `method` on `stub`, with the run's deadline.
  template <typename Stub, typename Request, typename Response>
  static grpc::Status Call(Stub& stub,
                           grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                                        Response*),
                           const Request& request, Response* response) {
    grpc::ClientContext context;
    context.set_deadline(Deadline());
    return (stub.*method)(&context, request, response);
  }

  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<grpc::GenericStub> generic_;
  std::unique_ptr<v1::CustomerService::Stub> customers_;
  std::unique_ptr<v1::InteractionService::Stub> interactions_;
  grpc::CompletionQueue cq_;
  grpc::ByteBuffer empty_;  // An empty HealthCheckRequest.
};

// The batch modes' baseline: their rows written by multi-row INSERTs into a database of the
// server's schema, outside the server.
class RawInserts {
 public:
  // Creates kCustomers customers in `store` (the schema) for the rows to belong to, then
  // writes through a connection of `open_writer` to the same database.
  static absl::StatusOr<std::unique_ptr<RawInserts>> Create(
      const std::function<absl::StatusOr<std::unique_ptr<Store>>()>& open_store,
      const ConnectionPool::Opener& open_writer) {
    std::vector<CustomerId> customers;
    {
      CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, open_store());
      CXHUB_RETURN_IF_ERROR(store->Write([&](StoreWriter& writer) -> absl::Status {
        for (int k = 0; k < kCustomers; ++k) {
          Customer customer;
          customer.display_name = absl::StrCat("Customer ", k);
          CXHUB_ASSIGN_OR_RETURN(CustomerId id, writer.InsertCustomer(customer));
          customers.push_back(id);
        }
        return absl::OkStatus();
      }));
    }
    CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Connection> raw, open_writer());
    return std::unique_ptr<RawInserts>(new RawInserts(std::move(raw), std::move(customers)));
  }

  // One transaction of the kBatchItems rows a batch numbered `n` records.
  absl::Status InsertBatch(int64_t n) {
    CXHUB_RETURN_IF_ERROR(raw_->BeginWrite());
    CXHUB_RETURN_IF_ERROR(bench::InsertRawInteractions(
        *raw_, n * kBatchItems, (n + 1) * kBatchItems, [&](int64_t item) {
          bench::FillSampleInteraction("", kSource, absl::StrCat("raw-", item),
                                       absl::FromUnixSeconds(kBase + n), sample_);
          Interaction row = InteractionFromProto(sample_);
          row.customer_id = customers_[item % kCustomers];
          return row;
        }));
    return raw_->Commit();
  }

 private:
  RawInserts(std::unique_ptr<Connection> raw, std::vector<CustomerId> customers)
      : raw_(std::move(raw)), customers_(std::move(customers)) {}

  std::unique_ptr<Connection> raw_;
  std::vector<CustomerId> customers_;
  v1::Interaction sample_;  // Reused for every row.
};

// `raw`'s InsertBatch back to back on one thread for `duration`, in interactions.
absl::StatusOr<bench::Result> MeasureRawInserts(RawInserts& raw, absl::Duration duration,
                                                std::atomic<int64_t>& seq) {
  CXHUB_ASSIGN_OR_RETURN(bench::TimedCalls calls, bench::RunCallsFor(1, duration, [&](int) {
                           return raw.InsertBatch(seq.fetch_add(1, std::memory_order_relaxed));
                         }));
  bench::Result result(absl::StrCat("raw INSERT of ", kBatchItems), calls.calls * kBatchItems,
                       calls.elapsed, std::nullopt, "(1 writer, 1 transaction each)");
  result.latency = bench::ComputeLatencyPercentiles(calls.latencies);
  return result;
}

struct Mode {
  std::string name;
  int interactions_per_call;  // 0: not a write.
  // One call; `seq` is unique across threads and modes in this run.
  std::function<grpc::Status(Client&, int64_t seq)> call;
};

// Runs `mode` on every client, one thread each, for `duration`, after one untimed call each.
absl::StatusOr<bench::Result> Measure(const Mode& mode,
                                      const std::vector<std::unique_ptr<Client>>& clients,
                                      absl::Duration duration, std::atomic<int64_t>& seq) {
  absl::StatusOr<bench::TimedCalls> calls = bench::RunCallsFor(
      static_cast<int>(clients.size()), duration, [&](int thread) -> absl::Status {
        const grpc::Status status =
            mode.call(*clients[thread], seq.fetch_add(1, std::memory_order_relaxed));
        if (status.ok()) return absl::OkStatus();
        return absl::InternalError(absl::StrCat(mode.name, ": code ",
                                                static_cast<int>(status.error_code()), " ",
                                                status.error_message()));
      });
  if (!calls.ok()) return calls.status();
  bench::Result result(mode.name, calls->calls, calls->elapsed);
  result.latency = bench::ComputeLatencyPercentiles(calls->latencies);
  if (mode.interactions_per_call > 0) {
    result.note = absl::StrCat(
        "(", static_cast<int64_t>(result.ItemsPerSecond() * mode.interactions_per_call),
        " interactions/s)");
  }
  return result;
}

// The time `result` took per item (call or interaction).
absl::Duration PerItem(const bench::Result& result) {
  return result.items == 0 ? absl::InfiniteDuration() : result.elapsed / result.items;
}

// The baseline's row: its round with the median rate, with every round's rate in its note.
bench::Result MedianRate(const std::vector<bench::Result>& rounds) {
  if (rounds.size() == 1) return rounds.front();
  std::vector<double> rates;
  rates.reserve(rounds.size());
  for (const bench::Result& round : rounds) rates.push_back(round.ItemsPerSecond());
  bench::Result row = rounds[bench::MedianIndexOf(rates)];
  row.note =
      absl::StrCat(row.note, row.note.empty() ? "" : "  ", bench::RoundsNote(rates, "%.0f/s"));
  return row;
}

// The row of `measured` (one per round) whose rate over its own round's baseline is the median,
// carrying that ratio, with every round's ratio in its note.
bench::Result MedianRound(const std::vector<bench::Result>& baselines,
                          const std::vector<bench::Result>& measured) {
  bench::PairedRounds paired;
  for (size_t i = 0; i < measured.size(); ++i) {
    paired.rounds.push_back({PerItem(baselines[i]), PerItem(measured[i])});
  }
  bench::Result row = measured[paired.MedianIndex()];
  if (measured.size() > 1) {
    row.paired_ratio = paired.Median().Ratio();
    row.note = absl::StrCat(row.note, row.note.empty() ? "" : "  ", paired.Note());
  }
  return row;
}

// A batch mode's result counted in interactions rather than calls.
bench::Result InInteractions(const bench::Result& calls) {
  bench::Result interactions(calls.name, calls.items * kBatchItems, calls.elapsed);
  interactions.latency = calls.latency;
  return interactions;
}

// Every mode on `clients` and then the raw INSERT, `rounds` times in turn, then two tables: the
// calls (modes.front(), the health check, the baseline) and the batch modes in interactions
// beside the raw INSERT. Each row is its median round (MedianRound).
absl::Status MeasureInRounds(const std::vector<Mode>& modes,
                             const std::vector<std::unique_ptr<Client>>& clients, RawInserts& raw,
                             absl::Duration duration, int rounds, std::atomic<int64_t>& seq) {
  std::vector<std::vector<bench::Result>> by_mode(modes.size());  // One per round each.
  std::vector<bench::Result> raw_rounds;
  for (int round = 0; round < rounds; ++round) {
    for (size_t i = 0; i < modes.size(); ++i) {
      CXHUB_ASSIGN_OR_RETURN(bench::Result result, Measure(modes[i], clients, duration, seq));
      by_mode[i].push_back(std::move(result));
    }
    absl::StatusOr<bench::Result> raw_result = MeasureRawInserts(raw, duration, seq);
    if (!raw_result.ok()) {
      return absl::Status(raw_result.status().code(),
                          absl::StrCat("raw INSERT: ", raw_result.status().message()));
    }
    raw_rounds.push_back(*std::move(raw_result));
  }
  const int threads = static_cast<int>(clients.size());
  const std::string of_threads =
      absl::StrFormat("%d client thread%s", threads, threads == 1 ? "" : "s");
  const std::string of_rounds =
      rounds == 1 ? ""
                  : absl::StrFormat(
                        ", %d rounds: each row its median round, its ratio to that "
                        "round's baseline",
                        rounds);
  bench::ResultTable table(absl::StrFormat("\n%s, %.1f s per mode%s", of_threads,
                                           absl::ToDoubleSeconds(duration), of_rounds),
                           "calls");
  bench::ResultTable batches(
      absl::StrCat("\nthe batch modes beside their raw INSERT, ", of_threads, of_rounds),
      "interactions");
  table.AddBaseline(MedianRate(by_mode.front()));
  batches.AddBaseline(MedianRate(raw_rounds));
  for (size_t i = 1; i < modes.size(); ++i) {
    table.Add(MedianRound(by_mode.front(), by_mode[i]));
    if (modes[i].interactions_per_call != kBatchItems) continue;
    std::vector<bench::Result> interactions;
    for (const bench::Result& calls : by_mode[i]) interactions.push_back(InInteractions(calls));
    batches.Add(MedianRound(raw_rounds, interactions));
  }
  table.Print();
  batches.Print();
  return absl::OkStatus();
}

// One fresh database of a run, and the ways the benchmark reaches it.
struct Database {
  config::v1::ServerConfig server;  // A cxhubd on it.
  std::function<absl::StatusOr<std::unique_ptr<Store>>()> open_store;
  ConnectionPool::Opener open_writer;  // The raw baseline's connection.
};

// The password of the MySQL databases, for the in-process servers.
constexpr char kPasswordEnv[] = "CXHUB_BENCH_RPC_MYSQL_PASSWORD";

// A fresh database of `stores` for `part` of the run ("bench", "metered", "raw").
absl::StatusOr<Database> CreateDatabase(const bench::PartedBenchStore& stores,
                                        absl::string_view part) {
  CXHUB_ASSIGN_OR_RETURN(bench::BenchDatabase created, stores.create(part));
  Database database;
  database.open_store = std::move(created.store.open);
  if (created.mysql.has_value()) {
    database.server =
        bench::LoopbackMysqlServerConfig(bench::StoreOptionsFor(*created.mysql), kPasswordEnv);
    database.open_writer = std::move(created.store.connect);
  } else {
    database.server = bench::LoopbackSqliteServerConfig(created.sqlite_path);
    // Written as the store's writer writes, checkpoints on a thread of their own included:
    // inline, SQLite's checkpoints would stall the baseline's inserts and not the server's.
    CXHUB_ASSIGN_OR_RETURN(database.open_writer, SqliteWriterOpener({created.sqlite_path}));
  }
  return database;
}

// Starts a server on `database`, with its metrics endpoint on a free port when `metrics` is set.
absl::StatusOr<std::unique_ptr<Server>> StartServer(const Database& database, bool metrics) {
  config::v1::ServerConfig config = database.server;
  if (metrics) config.mutable_metrics()->set_listen_address("127.0.0.1:0");
  ApplyServingProcessSettings();  // As cxhubd does.
  return Server::Start(config);
}

// Creates kCustomers customers, each with an email and a phone; their names.
absl::StatusOr<std::vector<std::string>> SeedCustomers(const std::string& target) {
  Client seeder(target, -1);
  std::vector<std::string> customers;
  for (int k = 0; k < kCustomers; ++k) {
    v1::CreateCustomerRequest request;
    request.mutable_customer()->set_display_name(absl::StrCat("Customer ", k));
    *request.mutable_customer()->add_identities() = MakeIdentity(v1::EMAIL, Email("customer", k));
    *request.mutable_customer()->add_identities() =
        MakeIdentity(v1::PHONE, absl::StrCat("+351", 912000000 + k));
    v1::Customer customer;
    grpc::Status status = seeder.CreateCustomer(request, &customer);
    if (!status.ok()) return absl::InternalError("CreateCustomer: " + status.error_message());
    customers.push_back(customer.name());
  }
  return customers;
}

// `threads` connected clients of `target`, or an empty vector (after a message).
std::vector<std::unique_ptr<Client>> ConnectClients(const std::string& target, int threads) {
  std::vector<std::unique_ptr<Client>> clients;
  for (int t = 0; t < threads; ++t) {
    clients.push_back(std::make_unique<Client>(target, t));
    if (!clients.back()->Connect()) {
      std::fprintf(stderr, "client %d cannot connect to %s\n", t, target.c_str());
      return {};
    }
  }
  return clients;
}

// One table per mode and thread count: the mode with metrics off (clients of `off_target`), the
// baseline, and on (of `on_target`), in turn for `rounds` rounds. False after an error.
bool CompareMetricsOnAndOff(const std::vector<Mode>& modes, const std::string& off_target,
                            const std::string& on_target, const std::vector<int>& thread_counts,
                            double seconds, int rounds, std::atomic<int64_t>& seq) {
  for (int threads : thread_counts) {
    std::vector<std::unique_ptr<Client>> off = ConnectClients(off_target, threads);
    std::vector<std::unique_ptr<Client>> on = ConnectClients(on_target, threads);
    if (off.empty() || on.empty()) return false;
    for (const Mode& mode : modes) {
      std::vector<bench::Result> off_rounds;
      std::vector<bench::Result> on_rounds;
      for (int round = 0; round < rounds; ++round) {
        for (const bool metrics : {false, true}) {
          Mode named = mode;
          named.name = absl::StrCat(mode.name, metrics ? ", metrics on" : ", metrics off");
          absl::StatusOr<bench::Result> result =
              Measure(named, metrics ? on : off, absl::Seconds(seconds), seq);
          if (!result.ok()) {
            std::fprintf(stderr, "%s\n", result.status().ToString().c_str());
            return false;
          }
          (metrics ? on_rounds : off_rounds).push_back(*std::move(result));
        }
      }
      bench::ResultTable table(
          absl::StrFormat("\nmetrics off / on, %s, %d client thread%s, %.1f s each, %d round%s",
                          mode.name, threads, threads == 1 ? "" : "s", seconds, rounds,
                          rounds == 1 ? "" : "s"),
          "calls");
      table.AddBaseline(MedianRate(off_rounds));
      table.Add(MedianRound(off_rounds, on_rounds));
      table.Print();
    }
  }
  return true;
}

// Every mode on `backend` for each thread count, then metrics off and on; main()'s exit code.
int RunOn(const bench::PartedBenchStore& backend, double seconds, int rounds,
          const std::vector<int>& thread_counts) {
  absl::StatusOr<Database> bench_db = CreateDatabase(backend, "bench");
  absl::StatusOr<Database> metered_db = CreateDatabase(backend, "metered");
  absl::StatusOr<Database> raw_db = CreateDatabase(backend, "raw");
  if (!bench_db.ok() || !metered_db.ok() || !raw_db.ok()) {
    std::fprintf(stderr, "%s: cannot create the databases: %s %s %s\n", backend.name.c_str(),
                 bench_db.status().ToString().c_str(), metered_db.status().ToString().c_str(),
                 raw_db.status().ToString().c_str());
    return 1;
  }
  absl::StatusOr<std::unique_ptr<Server>> server = StartServer(*bench_db, false);
  absl::StatusOr<std::unique_ptr<Server>> metered = StartServer(*metered_db, true);
  if (!server.ok() || !metered.ok()) {
    std::fprintf(stderr, "cannot start the servers: %s %s\n", server.status().ToString().c_str(),
                 metered.status().ToString().c_str());
    return 1;
  }
  absl::StatusOr<std::unique_ptr<RawInserts>> raw =
      RawInserts::Create(raw_db->open_store, raw_db->open_writer);
  if (!raw.ok()) {
    std::fprintf(stderr, "raw baseline: %s\n", raw.status().ToString().c_str());
    return 1;
  }
  const std::string target = absl::StrCat("127.0.0.1:", (*server)->port());
  const std::string metered_target = absl::StrCat("127.0.0.1:", (*metered)->port());

  int exit_code = 0;
  {
    // Both servers get the same customers, so the same names serve both.
    absl::StatusOr<std::vector<std::string>> seeded = SeedCustomers(target);
    absl::StatusOr<std::vector<std::string>> metered_seeded = SeedCustomers(metered_target);
    if (!seeded.ok() || !metered_seeded.ok() || *seeded != *metered_seeded) {
      std::fprintf(stderr, "seeding: %s %s\n", seeded.status().ToString().c_str(),
                   metered_seeded.status().ToString().c_str());
      exit_code = 1;
    }
    const std::vector<std::string> customers = seeded.ok() ? *seeded : std::vector<std::string>();
    std::printf("cxhubd in-process on %s, %s, %d customers, %d cores\n", target.c_str(),
                backend.name.c_str(), kCustomers, std::thread::hardware_concurrency());

    const std::vector<Mode> modes = {
        {"health Check", 0, [](Client& c, int64_t) { return c.HealthCheck(); }},
        {"GetCustomer", 0,
         [&](Client& c, int64_t n) { return c.GetCustomer(customers[n % kCustomers]); }},
        {"Record by id", 1,
         [&](Client& c, int64_t n) {
           return c.Record(MakeRecord(customers[n % kCustomers], n, absl::StrCat("id-", n)));
         }},
        {"Record by identities", 1,
         [](Client& c, int64_t n) {
           v1::RecordInteractionRequest request = MakeRecord("", n, absl::StrCat("ident-", n));
           if (n % 2 == 0) {
             const int64_t k = (n / 2) % kCustomers;
             *request.add_customer_identities() =
                 MakeIdentity(v1::EMAIL, absl::StrCat("  Customer", k, "@Example.COM"));
             *request.add_customer_identities() =
                 MakeIdentity(v1::PHONE, NationalPhone(912000000 + k));
           } else {
             *request.add_customer_identities() = MakeIdentity(v1::EMAIL, Email("new", n));
             *request.add_customer_identities() =
                 MakeIdentity(v1::PHONE, NationalPhone(930000000 + n % 10000000));
             request.set_customer_display_name(absl::StrCat("New ", n));
           }
           const bool created = n % 2 != 0;
           return c.Record(request, &created);
         }},
        {"Batch of 100 by id", kBatchItems,
         [&](Client& c, int64_t n) { return c.BatchRecord(MakeBatch(customers, n, false)); }},
        {"Batch, 1 by identities", kBatchItems,
         [&](Client& c, int64_t n) { return c.BatchRecord(MakeBatch(customers, n, true)); }},
        {"List 50 newest", 0,
         [&](Client& c, int64_t n) { return c.ListNewest(customers[n % kCustomers]); }},
    };

    std::atomic<int64_t> seq{0};
    for (int threads : thread_counts) {
      if (exit_code != 0) break;
      std::vector<std::unique_ptr<Client>> clients = ConnectClients(target, threads);
      if (clients.empty()) {
        exit_code = 1;
        break;
      }
      const absl::Status measured =
          MeasureInRounds(modes, clients, **raw, absl::Seconds(seconds), rounds, seq);
      if (!measured.ok()) {
        std::fprintf(stderr, "%s\n", measured.ToString().c_str());
        exit_code = 1;
      }
    }
    if (exit_code == 0 && !CompareMetricsOnAndOff({modes[1], modes[2]}, target, metered_target,
                                                  thread_counts, seconds, rounds, seq)) {
      exit_code = 1;
    }
  }
  for (std::unique_ptr<Server>* running : {&*server, &*metered}) {
    (*running)->Shutdown(absl::Seconds(5));
    (*running)->Wait();
  }
  return exit_code;
}

int Main(int argc, char** argv) {
  // --rounds=N, first when given; the rest as [seconds] [threads...].
  int rounds = 1;
  if (argc > 1 && absl::StartsWith(argv[1], "--rounds=")) {
    if (!absl::SimpleAtoi(absl::string_view(argv[1]).substr(9), &rounds) || rounds < 1) {
      std::fprintf(stderr, "usage: %s [--rounds=N] [seconds] [threads...]\n", argv[0]);
      return 2;
    }
    argv[1] = argv[0];
    --argc;
    ++argv;
  }
  const std::optional<bench::SecondsAndThreads> arguments =
      bench::SecondsAndThreadsArguments(argc, argv);
  if (!arguments.has_value()) return 2;
  const double seconds = arguments->seconds;
  const std::vector<int>& thread_counts = arguments->thread_counts;

  std::string pattern = (fs::temp_directory_path() / "cxhub_rpc_bench_XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    std::perror("mkdtemp");
    return 1;
  }
  const fs::path dir = pattern;
  int exit_code = 0;
  if (bench::SqliteBenchEnabled()) {
    exit_code = RunOn(bench::SqliteParts(dir), seconds, rounds, thread_counts);
  }
  fs::remove_all(dir);
  absl::StatusOr<std::unique_ptr<bench::MysqlBenchDatabases>> mysql =
      bench::MysqlBenchDatabases::FromEnvironment();
  if (!mysql.ok()) {
    std::fprintf(stderr, "CXHUB_BENCH_MYSQL: %s\n", mysql.status().ToString().c_str());
    return 1;
  }
  if (exit_code == 0 && *mysql != nullptr) {
    std::printf("\n");
    exit_code = RunOn(bench::MysqlParts(**mysql, "rpc_"), seconds, rounds, thread_counts);
  }
  return exit_code;
}

}  // namespace
}  // namespace cxhub

int main(int argc, char** argv) { return cxhub::Main(argc, argv); }
