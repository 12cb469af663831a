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

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "benchmarks/harness/result_table.h"
#include "benchmarks/harness/stopwatch.h"
#include "cxhub/v1/connector.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "server/server.h"

namespace {

namespace fs = std::filesystem;

int Arg(int argc, char** argv, int index, int fallback) {
  int value = 0;
  return index < argc && absl::SimpleAtoi(argv[index], &value) && value > 0 ? value : fallback;
}

constexpr int64_t kStart = 1790935200;  // 2026-10-02T10:00:00Z

std::string Rfc3339(int64_t seconds, int millis) {
  return absl::StrCat(
      absl::FormatTime("%Y-%m-%dT%H:%M:%S", absl::FromUnixSeconds(seconds), absl::UTCTimeZone()),
      ".", absl::Dec(millis, absl::kZeroPad3), "Z");
}

void WriteMbox(const fs::path& path, int records, int customers) {
  std::ofstream out(path, std::ios::binary);
  for (int i = 0; i < records; ++i) {
    const absl::Time at = absl::FromUnixSeconds(kStart + i);
    out << "From customer" << i % customers << "@example.com "
        << absl::FormatTime("%a %b %e %H:%M:%S %Y", at, absl::UTCTimeZone()) << "\n"
        << "From: Customer " << i % customers << " <customer" << i % customers << "@example.com>\n"
        << "To: support@northwind.example\n"
        << "Subject: Order NW-" << 100000 + i << "\n"
        << "Date: " << absl::FormatTime("%a, %e %b %Y %H:%M:%S +0000", at, absl::UTCTimeZone())
        << "\n"
        << "Message-ID: <bench." << i << "@example.com>\n"
        << "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n"
        << "Hello, where is my order NW-" << 100000 + i << "? It was due yesterday.\n"
        << ">From the tracking page I cannot tell.\nThanks\n\n";
  }
}

void WriteMasterCsv(const fs::path& path, int records, int customers) {
  std::ofstream out(path, std::ios::binary);
  for (int i = 0; i < records; ++i) {
    const absl::Time at = absl::FromUnixSeconds(kStart + i);
    const std::string number = absl::StrCat(912000000 + i % customers);
    const auto local = [&](absl::Duration after) {
      return absl::FormatTime("%Y-%m-%d %H:%M:%S", at + after,
                              absl::FixedTimeZone(3600));  // Europe/Lisbon in October.
    };
    out << "\"\",\"" << number << "\",\"100\",\"from-trunk\",\"\"\"Customer\"\" <" << number
        << ">\",\"PJSIP/trunk-1\",\"PJSIP/101-2\",\"Dial\",\"PJSIP/101,30,tT\",\""
        << local(absl::ZeroDuration()) << "\",\"" << local(absl::Seconds(5)) << "\",\""
        << local(absl::Seconds(65)) << "\",65,60,\"ANSWERED\",\"DOCUMENTATION\",\"" << kStart + i
        << "." << i << "\",\"\"\n";
  }
}

void WriteChatwoot(const fs::path& path, int records, int customers) {
  std::ofstream out(path, std::ios::binary);
  for (int i = 0; i < records; ++i) {
    const int c = i % customers;
    const std::string contact = absl::StrCat(
        R"({"id":)", 10000 + c, R"(,"name":"Customer )", c, R"(","email":"customer)", c,
        R"(@example.com","phone_number":null,)", R"("identifier":null,"type":"contact"})");
    out << R"({"event":"message_created","account":{"id":7,"name":"Northwind Outfitters"},"id":)"
        << 500000 + i << R"(,"content":"Hi, is order NW-)" << 100000 + i
        << R"( on its way?","content_type":"text","message_type":"incoming","private":false,)"
        << R"("created_at":")" << Rfc3339(kStart + i, i % 1000) << R"(","conversation":{"id":)"
        << 20000 + c << R"(,"inbox_id":12,"status":"open","meta":{"sender":)" << contact
        << R"(}},"inbox":{"id":12,"name":"Northwind Website"},"sender":)" << contact << "}\n";
  }
}

void WriteMastodon(const fs::path& path, int records, int customers) {
  std::ofstream out(path, std::ios::binary);
  for (int i = 0; i < records; ++i) {
    const int c = i % customers;
    out << R"({"id":")" << 118000000000000000LL + i << R"(","created_at":")"
        << Rfc3339(kStart + i, i % 1000)
        << R"(","in_reply_to_id":null,"in_reply_to_account_id":null,"sensitive":false,)"
        << R"("spoiler_text":"","visibility":"public","language":"en","uri":"https://social.example/s/)"
        << i
        << R"(","content":"<p><span class=\"h-card\"><a href=\"https://mastodon.example/@northwind\" )"
        << R"(class=\"u-url mention\">@<span>northwind</span></a></span> where is order NW-)"
        << 100000 + i << R"( &amp; why?</p>","reblog":null,"account":{"id":")" << 300000 + c
        << R"(","username":"user)" << c << R"(","acct":"user)" << c
        << R"(@social.example","display_name":"User )" << c
        << R"(","url":"https://social.example/@user)" << c
        << R"("},"media_attachments":[],"mentions":[{"id":"1","username":"northwind",)"
        << R"("url":"https://mastodon.example/@northwind","acct":"northwind"}],"tags":[]})"
        << "\n";
  }
}

struct Channel {
  std::string name;
  std::string plugin;
  std::string options;  // Without the source.
  std::string source_key;
  std::string file;
  void (*write)(const fs::path&, int, int);
};

cxhub::config::v1::ServerConfig BaseConfig(const fs::path& store) {
  cxhub::config::v1::ServerConfig config;
  config.set_listen_address("127.0.0.1:0");
  config.mutable_security()->set_plaintext(true);
  config.mutable_security()->set_auth_disabled(true);
  config.mutable_store()->mutable_sqlite()->set_path(store.string());
  config.set_default_phone_region("PT");
  config.set_identity_conflict_policy(cxhub::config::v1::MERGE);
  config.add_plugin_dirs(CXHUB_PLUGIN_DIR);
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
    while (true) {
      grpc::ClientContext context;
      cxhub::v1::GetConnectorRequest request;
      request.set_name(absl::StrCat("connectors/", instance.name()));
      cxhub::v1::Connector connector;
      grpc::Status status = stub->GetConnector(&context, request, &connector);
      if (status.ok() && connector.records_in() >= records) break;
      if (status.ok() && connector.state() == cxhub::v1::Connector::FAILED) {
        std::fprintf(stderr, "%s failed: %s\n", instance.name().c_str(),
                     connector.state_message().c_str());
        std::exit(1);
      }
      if (status.ok() && connector.dead_lettered() > 0) {
        std::fprintf(stderr, "%s: %lld dead letters\n", instance.name().c_str(),
                     static_cast<long long>(connector.dead_lettered()));
        std::exit(1);
      }
      absl::SleepFor(absl::Milliseconds(5));
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
  const std::vector<Channel> channels = {
      {"email", "cxhub_email.so",
       "business_address=support@northwind.example\nbusiness_domain=northwind.example\n" + every,
       "mbox", "bench.mbox", WriteMbox},
      {"phone", "cxhub_phone.so",
       "default_region=PT\ntimezone=Europe/Lisbon\nextensions=1XX\n" + every, "file", "Master.csv",
       WriteMasterCsv},
      {"chat", "cxhub_chat.so", "account_id=7\n" + every, "file", "chatwoot.jsonl", WriteChatwoot},
      {"social", "cxhub_social.so",
       "instance=mastodon.example\nbrand_account=@northwind@mastodon.example\n" + every, "file",
       "mastodon.jsonl", WriteMastodon},
  };
  cxhub::bench::ResultTable table(
      absl::StrCat("records=", records, " per channel, customers=", customers,
                   ", checkpoint_every=", checkpoint_every, " (SQLite, WAL)"),
      "records");
  cxhub::config::v1::ServerConfig all = BaseConfig(dir / "all.db");
  for (const Channel& channel : channels) {
    const fs::path file = dir / channel.file;
    channel.write(file, records, customers);
    cxhub::config::v1::ServerConfig config = BaseConfig(dir / (channel.name + ".db"));
    cxhub::config::v1::ConnectorInstance instance;
    instance.set_name(channel.name);
    instance.set_plugin(channel.plugin);
    instance.set_options(
        absl::StrCat(channel.source_key, "=", file.string(), "\n", channel.options));
    instance.set_poll_interval_seconds(3600);
    *config.add_connectors() = instance;
    *all.add_connectors() = instance;
    table.Add({channel.name, records, Ingest(config, records), fs::file_size(file)});
  }
  table.Add({"all 4", 4 * records, Ingest(all, records), std::nullopt,
             "(4 connectors at once, one store)"});
  table.Print();
  fs::remove_all(dir);
  return 0;
}
