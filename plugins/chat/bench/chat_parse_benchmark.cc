// chat_parse_benchmark: parse rate of the Chatwoot event mapper alone (simdjson DOM parse, typed
// field reads, Record building), and of tailing + mapping a generated JSONL file.
//
//   chat_parse_benchmark [events (default 200000)] [file (default /tmp/cxhub_chat_bench.jsonl)]
//
// The file is the sample's 16 payloads repeated with fresh message ids, so the mix of events is
// the sample's (message events ~80%). Prints MB/s and events/s for both measurements.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "plugins/chat/chat_options.h"
#include "plugins/chat/chatwoot_event_mapper.h"
#include "plugins/common/line_file_tailer.h"

namespace {

struct Tally {
  int64_t records = 0;
  int64_t other = 0;
};

void Report(const char* what, size_t bytes, int64_t events, absl::Duration elapsed,
            const Tally& tally) {
  const double seconds = absl::ToDoubleSeconds(elapsed);
  std::printf("%-14s %10lld events %9.1f MB %8.3f s  %8.1f MB/s  %10.0f events/s  (%lld records)\n",
              what, static_cast<long long>(events), bytes / 1e6, seconds, bytes / 1e6 / seconds,
              events / seconds, static_cast<long long>(tally.records));
}

}  // namespace

int main(int argc, char** argv) {
  int64_t events = 200000;
  if (argc > 1 && !absl::SimpleAtoi(argv[1], &events)) {
    std::fprintf(stderr, "usage: %s [events] [file]\n", argv[0]);
    return 2;
  }
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
  Tally map_tally;
  absl::Time start = absl::Now();
  for (const std::string& line : generated) {
    const cxhub::chat::ChatMapping mapping = mapper.Map(line);
    if (mapping.kind == cxhub::chat::ChatMapping::Kind::kRecord) {
      ++map_tally.records;
    } else {
      ++map_tally.other;
    }
  }
  Report("map only", bytes, events, absl::Now() - start, map_tally);

  Tally file_tally;
  int64_t file_events = 0;
  start = absl::Now();
  absl::StatusOr<std::unique_ptr<cxhub::plugin_common::LineFileTailer>> tailer =
      cxhub::plugin_common::LineFileTailer::Open(path, nullptr, cxhub::chat::kMaxLineBytes);
  if (!tailer.ok()) {
    std::fprintf(stderr, "%s\n", std::string(tailer.status().message()).c_str());
    return 1;
  }
  cxhub::plugin_common::TailedLine line;
  while (true) {
    absl::StatusOr<bool> more = (*tailer)->Next(line);
    if (!more.ok() || !*more) break;
    ++file_events;
    const cxhub::chat::ChatMapping mapping = mapper.Map(line.text);
    if (mapping.kind == cxhub::chat::ChatMapping::Kind::kRecord) {
      ++file_tally.records;
    } else {
      ++file_tally.other;
    }
  }
  Report("tail + map", bytes, file_events, absl::Now() - start, file_tally);
  std::remove(path.c_str());
  return 0;
}
