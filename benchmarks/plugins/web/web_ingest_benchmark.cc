// Ingest rate of the web connector beside the raw JSON parse rate of the same file, same run.
//
//   web_ingest_benchmark [visits] [file]
//
// Writes `visits` (default 100000) Matomo visit lines shaped like the sample's (4-6 page views,
// a site search in every fourth visit, an order in every fifth, half of them signed in) to `file`
// (default a temporary file, removed afterwards), reads it into memory and times, over every line:
//   simdjson parse    the DOM parse alone (the baseline)
//   map to records    MatomoVisitMapper::Map and VisitRecords (the records built, not serialized)
// then the real cxhub_web.so reading the file through the host's plugin loader (tail, map, fit,
// serialize, hand over), and prints visits/s, MB/s and each rate as a multiple of the baseline.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "benchmarks/harness/count_argument.h"
#include "benchmarks/harness/generated_lines_file.h"
#include "benchmarks/harness/result_table.h"
#include "benchmarks/harness/stopwatch.h"
#include "benchmarks/harness/timed_run.h"
#include "plugins/web/matomo_visit_mapper.h"
#include "plugins/web/visit_records.h"
#include "server/connectors/plugin_loader.h"
#include "simdjson.h"

namespace {

constexpr const char* kPaths[] = {
    "/backpacks", "/backpacks/trail-30", "/help/returns", "/blog/trail-review-2026",
    "/cart",      "/checkout",           "/contact"};

std::string Visit(int64_t n) {
  const int64_t start = 1788771012 + n * 37;
  const bool signed_in = n % 2 == 0;
  std::string actions;
  const int pages = 4 + static_cast<int>(n % 3);
  for (int p = 0; p < pages; ++p) {
    absl::StrAppend(&actions, p == 0 ? "" : ",", R"({"type":"action","timestamp":)", start + p * 60,
                    R"(,"serverTimePretty":"2026-09-07 08:50:12","url":"https://northwind.example)",
                    kPaths[(n + p) % 7], R"(","pageTitle":"Page )", p, R"(","timeSpent":"60",)",
                    R"("timeSpentPretty":"60s"})");
  }
  if (n % 4 == 0) {
    absl::StrAppend(&actions, R"(,{"type":"search","timestamp":)", start + 400,
                    R"(,"siteSearchKeyword":"devolução mochila","siteSearchCategory":null,)",
                    R"("siteSearchCount":"4"})");
  }
  if (n % 5 == 0) {
    absl::StrAppend(&actions, R"(,{"type":"ecommerceOrder","timestamp":)", start + 500,
                    R"(,"orderId":"NW-)", 20000 + n, R"(","revenue":"119.90","items":"1"})");
  }
  return absl::StrCat(
      R"({"idSite":"1","idVisit":")", 100000 + n, R"(","visitIp":"192.0.2.0","visitorId":")",
      absl::StrFormat("%016x", 0x3f1c9a7e5b2d0000 + n % 20000), R"(","userId":)",
      signed_in ? absl::StrCat("\"customer", n % 20000, "@example.com\"") : "null",
      R"(,"visitorType":"returning","visitConverted":"0","firstActionTimestamp":)", start,
      R"(,"lastActionTimestamp":)", start + 500,
      R"(,"serverDate":"2026-09-07","visitDuration":"500","actions":")", pages,
      R"(","referrerType":"search","referrerName":"DuckDuckGo","referrerKeyword":"backpack",)",
      R"("referrerUrl":"https://duckduckgo.com/","siteCurrency":"EUR","deviceType":"Desktop",)",
      R"("browserName":"Firefox","operatingSystemName":"Linux","actionDetails":[)", actions, "]}");
}

std::string Options(const std::string& path) {
  return absl::StrCat("file=", path,
                      "\nuser_id=email\ncurrency=EUR\ncheckpoint_every=1000\n"
                      "intent_rule=transactional: url /cart, /checkout\n"
                      "intent_rule=transactional: order\n"
                      "intent_rule=informational: url /help/, /blog/, /contact\n"
                      "intent_rule=informational: search\n");
}

// The plugin's read of `path`: records and dead letters it sent, and how long it took.
std::optional<cxhub::bench::Result> PluginRead(const std::string& path, uint64_t bytes,
                                               int64_t visits) {
  absl::StatusOr<cxhub::plugins::LoadedPlugin> plugin =
      cxhub::plugins::LoadPlugin(CXHUB_WEB_PLUGIN_PATH);
  absl::StatusOr<cxhub::plugins::PluginInstance> instance =
      plugin.ok() ? plugin->Open(Options(path)) : plugin.status();
  if (!instance.ok()) {
    std::fprintf(stderr, "%s\n", std::string(instance.status().message()).c_str());
    return std::nullopt;
  }
  int64_t records = 0;
  int64_t dead_letters = 0;
  cxhub::plugins::ReadCallbacks callbacks;
  callbacks.on_record = [&](absl::string_view) { return ++records > 0; };
  callbacks.on_dead_letter = [&](absl::string_view, absl::string_view) {
    return ++dead_letters > 0;
  };
  callbacks.on_checkpoint = [](absl::string_view) { return true; };
  cxhub::bench::Stopwatch stopwatch;
  const absl::Status read = instance->Read("", callbacks);
  if (!read.ok() || dead_letters != 0) {
    std::fprintf(stderr, "read: %s, %lld dead letters\n", std::string(read.message()).c_str(),
                 static_cast<long long>(dead_letters));
    return std::nullopt;
  }
  return cxhub::bench::Result("plugin read (cxhub_web.so)", visits, stopwatch.Elapsed(), bytes,
                              absl::StrCat("(", records, " records: visits and purchases)"));
}

}  // namespace

int main(int argc, char** argv) {
  const std::optional<int64_t> count_argument =
      cxhub::bench::CountArgument(argc, argv, 100000, "[visits] [file]");
  if (!count_argument.has_value()) return 2;
  const int64_t visits = *count_argument;
  const std::unique_ptr<cxhub::bench::GeneratedLinesFile> file =
      cxhub::bench::GeneratedLinesFile::Write(visits, Visit, argc > 2 ? argv[2] : "", "web");
  if (file == nullptr) return 1;
  const std::vector<absl::string_view>& lines = file->lines();
  const int64_t line_count = static_cast<int64_t>(lines.size());
  cxhub::bench::ResultTable table(file->Description(), "visits");

  simdjson::dom::parser parser;
  int64_t parsed = 0;
  const absl::Duration parse_time = cxhub::bench::TimeIterations(line_count, [&](int64_t i) {
    const absl::string_view line = lines[static_cast<size_t>(i)];
    simdjson::dom::element root;
    parsed += parser.parse(line.data(), line.size(), true).get(root) == simdjson::SUCCESS ? 1 : 0;
  });
  table.AddBaseline({"simdjson parse", parsed, parse_time, file->data().size()});

  cxhub::web::MatomoVisitMapper mapper;
  cxhub::web::VisitRecordsConfig config;
  for (const char* rule :
       {"transactional: url /cart, /checkout", "transactional: order",
        "informational: url /help/, /blog/, /contact", "informational: search"}) {
    config.intent_rules.push_back(*cxhub::web::ParseIntentRule(rule));
  }
  int64_t mapped = 0;
  const absl::Duration map_time = cxhub::bench::TimeIterations(line_count, [&](int64_t i) {
    absl::StatusOr<cxhub::web::WebVisit> visit = mapper.Map(lines[static_cast<size_t>(i)]);
    mapped += visit.ok() && cxhub::web::VisitRecords(*visit, config).ok() ? 1 : 0;
  });
  table.Add({"map to records", mapped, map_time, file->data().size()});

  const std::optional<cxhub::bench::Result> read =
      PluginRead(file->path(), file->data().size(), line_count);
  if (!read.has_value()) return 1;
  table.Add(*read);
  table.Print();
  if (parsed != visits || mapped != visits) {
    std::fprintf(stderr, "unexpected: %lld parsed, %lld mapped\n", static_cast<long long>(parsed),
                 static_cast<long long>(mapped));
    return 1;
  }
  return 0;
}
