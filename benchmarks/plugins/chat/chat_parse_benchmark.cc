// chat_parse_benchmark: parse rate of the Chatwoot event mapper alone (simdjson DOM parse, typed
// field reads, Record building), and of tailing + mapping a generated JSONL file.
//
//   chat_parse_benchmark [events (default 200000)] [file (default /tmp/cxhub_chat_bench.jsonl)]
//
// The file is the sample's 16 payloads repeated with fresh message ids, so the mix of events is
// the sample's (message events ~80%). Prints MB/s and events/s for both measurements (no
// baseline).
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "benchmarks/harness/count_argument.h"
#include "benchmarks/harness/result_table.h"
#include "benchmarks/harness/stopwatch.h"
#include "benchmarks/harness/timed_run.h"
#include "benchmarks/plugins/tail_every_line.h"
#include "plugins/chat/chat_options.h"
#include "plugins/chat/chatwoot_event_mapper.h"

namespace {

struct Tally {
  int64_t records = 0;
  int64_t other = 0;
};

void Count(const cxhub::chat::ChatMapping& mapping, Tally& tally) {
  if (mapping.kind == cxhub::chat::ChatMapping::Kind::kRecord) {
    ++tally.records;
  } else {
    ++tally.other;
  }
}

std::string TallyNote(const Tally& tally) { return absl::StrCat("(", tally.records, " records)"); }

}  // namespace

int main(int argc, char** argv) {
  const std::optional<int64_t> events_argument =
      cxhub::bench::CountArgument(argc, argv, 200000, "[events] [file]");
  if (!events_argument.has_value()) return 2;
  const int64_t events = *events_argument;
  const std::string path = argc > 2 ? argv[2] : "/tmp/cxhub_chat_bench.jsonl";
  std::ifstream sample_in(CXHUB_CHAT_SAMPLE);
  std::stringstream sample;
  sample << sample_in.rdbuf();
  const std::vector<std::string> lines = absl::StrSplit(sample.str(), '\n', absl::SkipEmpty());
  if (lines.empty()) {
    std::fprintf(stderr, "cannot read the sample %s\n", CXHUB_CHAT_SAMPLE);
    return 1;
  }

  // Generate: each round gives the sample's message ids a fresh prefix digit run.
  std::vector<std::string> generated;
  generated.reserve(static_cast<size_t>(events));
  size_t bytes = 0;
  for (int64_t i = 0; i < events; ++i) {
    const std::string& line = lines[static_cast<size_t>(i) % lines.size()];
    std::string varied =
        absl::StrReplaceAll(line, {{"\"id\":904", absl::StrCat("\"id\":", 1000 + i / 16, "904")},
                                   {"\"id\":905", absl::StrCat("\"id\":", 1000 + i / 16, "905")}});
    bytes += varied.size() + 1;
    generated.push_back(std::move(varied));
  }
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    for (const std::string& line : generated) out << line << '\n';
  }

  cxhub::chat::ChatwootEventMapper mapper(cxhub::chat::ChatMapperConfig{7, ""});
  cxhub::bench::ResultTable table("", "events");
  Tally map_tally;
  const absl::Duration map_time = cxhub::bench::TimeIterations(
      events, [&](int64_t i) { Count(mapper.Map(generated[static_cast<size_t>(i)]), map_tally); });
  table.Add({"map only", events, map_time, bytes, TallyNote(map_tally)});

  Tally file_tally;
  const cxhub::bench::Stopwatch stopwatch;
  const absl::StatusOr<int64_t> file_events = cxhub::bench::TailEveryLine(
      path, cxhub::chat::kMaxLineBytes,
      [&](absl::string_view text) { Count(mapper.Map(text), file_tally); });
  if (!file_events.ok()) {
    std::fprintf(stderr, "%s\n", std::string(file_events.status().message()).c_str());
    return 1;
  }
  table.Add({"tail + map", *file_events, stopwatch.Elapsed(), bytes, TallyNote(file_tally)});
  table.Print();
  std::remove(path.c_str());
  return 0;
}
