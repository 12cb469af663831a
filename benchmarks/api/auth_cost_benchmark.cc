// The cost of auth: GetCustomer calls/s and p50/p99 latency over TLS with a bearer token
// against plain text without one, two servers measured in the same run, on SQLite.
//
//   auth_cost_benchmark [seconds] [threads...]     defaults: 5 seconds, 1 and 8 threads
//
// Starts two servers in-process on fresh SQLite stores in a temporary directory: one with
// security { plaintext: true auth_disabled: true }, one with TLS (a self-signed certificate
// made with the openssl command line) and a tokens file, where every call carries
// "authorization: Bearer <reader token>" and is checked against the role table. Seeds the same
// customers on both, then for each thread count C runs GetCustomer on each for `seconds` with
// C client threads, each with its own channel (so its own TCP connection and TLS session),
// calling back to back. The plain-text row is the baseline.
#include <stdlib.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "benchmarks/harness/count_argument.h"
#include "benchmarks/harness/result_table.h"
#include "benchmarks/harness/timed_run.h"
#include "cxhub/config/v1/config.pb.h"
#include "cxhub/v1/customer.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "server/auth/token_hash.h"
#include "server/process_settings.h"
#include "server/server.h"

namespace cxhub {
namespace {

namespace fs = std::filesystem;

constexpr int kCustomers = 1000;
constexpr char kToken[] = "auth-cost-benchmark-reader-token";

// Where a client connects and how.
struct Target {
  std::string address;
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  std::string token;  // Empty: no authorization metadata.
};

// One client thread's channel: its own TCP connection (and TLS session).
class Client {
 public:
  explicit Client(const Target& target, int id) : token_(target.token) {
    grpc::ChannelArguments args;
    args.SetInt("cxhub.bench.client", id);  // Distinct args: a connection of its own.
    args.SetSslTargetNameOverride("localhost");
    stub_ = v1::CustomerService::NewStub(
        grpc::CreateCustomChannel(target.address, target.credentials, args));
  }

  grpc::Status Call(
      const std::function<grpc::Status(v1::CustomerService::Stub&, grpc::ClientContext&)>& body) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    if (!token_.empty()) context.AddMetadata("authorization", absl::StrCat("Bearer ", token_));
    return body(*stub_, context);
  }

 private:
  std::string token_;
  std::unique_ptr<v1::CustomerService::Stub> stub_;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

config::v1::ServerConfig BaseConfig(const fs::path& db) {
  config::v1::ServerConfig config;
  config.set_listen_address("127.0.0.1:0");
  config.mutable_store()->mutable_sqlite()->set_path(db.string());
  config.set_default_phone_region("PT");
  return config;
}

// A self-signed certificate for localhost and its key, in `dir`.
absl::Status WriteCertificate(const fs::path& dir) {
  const std::string command = absl::StrCat(
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost ",
      "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout ", (dir / "server.key").string(),
      " -out ", (dir / "server.pem").string(), " 2>/dev/null");
  if (std::system(command.c_str()) != 0) return absl::InternalError("openssl req failed");
  return absl::OkStatus();
}

config::v1::ServerConfig TlsConfig(const fs::path& dir) {
  config::v1::ServerConfig config = BaseConfig(dir / "tls.db");
  config.mutable_security()->mutable_tls()->set_cert_file((dir / "server.pem").string());
  config.mutable_security()->mutable_tls()->set_key_file((dir / "server.key").string());
  config.mutable_security()->set_tokens_file((dir / "tokens").string());
  return config;
}

// Creates kCustomers customers through `target` (whose token may write); their names.
absl::StatusOr<std::vector<std::string>> Seed(const Target& target) {
  Client client(target, -1);
  std::vector<std::string> names;
  for (int k = 0; k < kCustomers; ++k) {
    v1::CreateCustomerRequest request;
    request.mutable_customer()->set_display_name(absl::StrCat("Customer ", k));
    v1::Identity* identity = request.mutable_customer()->add_identities();
    identity->set_kind(v1::EMAIL);
    identity->set_value(absl::StrCat("customer", k, "@example.com"));
    v1::Customer customer;
    grpc::Status status = client.Call([&](auto& stub, auto& context) {
      return stub.CreateCustomer(&context, request, &customer);
    });
    if (!status.ok()) return absl::InternalError("CreateCustomer: " + status.error_message());
    names.push_back(customer.name());
  }
  return names;
}

absl::StatusOr<bench::Result> MeasureGets(const std::string& name, const Target& target,
                                          const std::vector<std::string>& customers, int threads,
                                          absl::Duration duration) {
  std::vector<std::unique_ptr<Client>> clients;
  clients.reserve(threads);
  for (int t = 0; t < threads; ++t) clients.push_back(std::make_unique<Client>(target, t));
  std::atomic<int64_t> seq{0};
  absl::StatusOr<bench::TimedCalls> calls =
      bench::RunCallsFor(threads, duration, [&](int thread) -> absl::Status {
        v1::GetCustomerRequest request;
        request.set_name(customers[seq.fetch_add(1) % customers.size()]);
        v1::Customer customer;
        const grpc::Status status = clients[thread]->Call([&](auto& stub, auto& context) {
          return stub.GetCustomer(&context, request, &customer);
        });
        if (status.ok()) return absl::OkStatus();
        return absl::InternalError(absl::StrCat(name, ": ", status.error_message()));
      });
  if (!calls.ok()) return calls.status();
  bench::Result result(name, calls->calls, calls->elapsed);
  result.latency = bench::ComputeLatencyPercentiles(calls->latencies);
  return result;
}

int Main(int argc, char** argv) {
  const std::optional<bench::SecondsAndThreads> arguments =
      bench::SecondsAndThreadsArguments(argc, argv);
  if (!arguments.has_value()) return 2;
  const double seconds = arguments->seconds;
  const std::vector<int>& thread_counts = arguments->thread_counts;
  char pattern[] = "/tmp/cxhub_auth_cost_XXXXXX";
  if (mkdtemp(pattern) == nullptr) return 1;
  const fs::path dir = pattern;
  if (absl::Status status = WriteCertificate(dir); !status.ok()) {
    std::fprintf(stderr, "%s\n", status.ToString().c_str());
    return 1;
  }
  config::v1::ServerConfig plain = BaseConfig(dir / "plain.db");
  plain.mutable_security()->set_plaintext(true);
  plain.mutable_security()->set_auth_disabled(true);
  // Seeding needs a writer: the TLS server starts with the tokens file rewritten below.
  std::ofstream(dir / "tokens") << "bench admin " << TokenSha256Hex(kToken) << "\n";
  ApplyServingProcessSettings();  // As cxhubd does.
  absl::StatusOr<std::unique_ptr<Server>> plain_server = Server::Start(plain);
  absl::StatusOr<std::unique_ptr<Server>> tls_server = Server::Start(TlsConfig(dir));
  if (!plain_server.ok() || !tls_server.ok()) {
    std::fprintf(stderr, "start: %s %s\n", plain_server.status().ToString().c_str(),
                 tls_server.status().ToString().c_str());
    return 1;
  }
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = ReadFile(dir / "server.pem");
  const Target plain_target{absl::StrCat("127.0.0.1:", (*plain_server)->port()),
                            grpc::InsecureChannelCredentials(), ""};
  const Target tls_target{absl::StrCat("127.0.0.1:", (*tls_server)->port()),
                          grpc::SslCredentials(ssl), kToken};
  absl::StatusOr<std::vector<std::string>> plain_customers = Seed(plain_target);
  absl::StatusOr<std::vector<std::string>> tls_customers = Seed(tls_target);
  if (!plain_customers.ok() || !tls_customers.ok()) {
    std::fprintf(stderr, "seed failed\n");
    return 1;
  }
  // Measured as a reader: the role check is the one most calls make.
  std::ofstream(dir / "tokens") << "bench reader " << TokenSha256Hex(kToken) << "\n";
  if (!(*tls_server)->ReloadTokens().ok()) return 1;
  for (int threads : thread_counts) {
    bench::ResultTable table(absl::StrFormat("\nGetCustomer, %d client thread%s, %.1f s each",
                                             threads, threads == 1 ? "" : "s", seconds),
                             "calls");
    absl::StatusOr<bench::Result> base = MeasureGets(
        "plain text, no token", plain_target, *plain_customers, threads, absl::Seconds(seconds));
    absl::StatusOr<bench::Result> auth = MeasureGets(
        "TLS + reader token", tls_target, *tls_customers, threads, absl::Seconds(seconds));
    if (!base.ok() || !auth.ok()) {
      std::fprintf(stderr, "%s %s\n", base.status().ToString().c_str(),
                   auth.status().ToString().c_str());
      return 1;
    }
    table.AddBaseline(*std::move(base));
    table.Add(*std::move(auth));
    table.Print();
  }
  (*plain_server)->Shutdown(absl::Seconds(1));
  (*tls_server)->Shutdown(absl::Seconds(1));
  std::error_code ignored;
  fs::remove_all(dir, ignored);
  return 0;
}

}  // namespace
}  // namespace cxhub

int main(int argc, char** argv) { return cxhub::Main(argc, argv); }
