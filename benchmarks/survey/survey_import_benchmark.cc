// survey_import_benchmark: the survey connector's import rate beside the raw parse rate of its
// CSV reader, on the same generated export, in the same run.
//
//   survey_import_benchmark [rows (default 200000)] [file (default /tmp/cxhub_survey_bench.csv)]
//
// Generates an NPS export of `rows` responses shaped like ../shared/samples/surveys/nps-export.csv
// (a BOM, CRLF line ends, the question as the score column's header, comments that are empty,
// plain, quoted with commas, with doubled quotes, with a line break, with accents and emoji; every
// 50th row without an email), then times:
//   csv parse    CsvReader over the file read in 1 MiB chunks: records and fields, no mapping
//   import       the real cxhub_survey.so loaded with the host's plugin loader, one Read from an
//                empty cursor: tailing, CSV, mapping, each record serialized and handed to the
//                callback as the host receives it (which only counts it)
// printing MB/s and rows/s for each, csv parse as the baseline. The file is removed afterwards.
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "benchmarks/harness/count_argument.h"
#include "benchmarks/harness/result_table.h"
#include "benchmarks/harness/stopwatch.h"
#include "plugins/survey/csv_reader.h"
#include "server/connectors/plugin_loader.h"

namespace {

constexpr absl::string_view kQuestion =
    "How likely are you to recommend Northwind Outfitters to a friend or colleague?";
constexpr absl::string_view kReason = "What is the main reason for your score?";

std::string Header() {
  return absl::StrCat("\xEF\xBB\xBF#,", kQuestion, ",", kReason,
                      ",email,touchpoint,Start Date (UTC),Submit Date (UTC),Network ID\r\n");
}

// Row `i`, submitted at `submitted`.
std::string MakeRow(int64_t i, absl::Time submitted) {
  static constexpr const char* kComments[] = {
      "",
      "Arrived a day early",
      "\"Fine, but shipping costs are high\"",
      "\"The \"\"size guide\"\" is confusing, I ordered the wrong size\"",
      "\"Late, and nobody told me why.\nI had to ask twice.\"",
      "Entrega r\xC3\xA1pida \xF0\x9F\x91\x8D",
      "Three emails before anyone answered"};
  static constexpr const char* kTouchpoints[] = {"checkout", "delivery", "support"};
  const char* kFormat = "%Y-%m-%d %H:%M:%S";
  const std::string email =
      i % 50 == 49 ? "" : absl::StrCat("respondent", i % 9973, "@example.com");
  return absl::StrCat(
      absl::Hex(0x100000 + i), ",", i % 11, ",", kComments[i % 7], ",", email, ",",
      kTouchpoints[i % 3], ",",
      absl::FormatTime(kFormat, submitted - absl::Seconds(70 + i % 300), absl::UTCTimeZone()), ",",
      absl::FormatTime(kFormat, submitted, absl::UTCTimeZone()), ",",
      absl::Hex(i * 2654435761u, absl::kZeroPad10), "\r\n");
}

// The reader alone over the file in 1 MiB chunks; `fields` gets the fields of every record.
int64_t ParseFile(const std::string& path, uint64_t& bytes, int64_t& fields) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> chunk(1 << 20);
  cxhub::survey::CsvReader reader;
  cxhub::survey::CsvRecord record;
  int64_t records = 0;
  bytes = 0;
  fields = 0;
  while (in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || in.gcount() > 0) {
    const size_t got = static_cast<size_t>(in.gcount());
    bytes += got;
    reader.Append(absl::string_view(chunk.data(), got));
    while (reader.Next(record)) {
      ++records;
      fields += static_cast<int64_t>(record.fields.size());
    }
  }
  if (reader.Finish(record)) ++records;
  return records - 1;  // the header is no row
}

std::string Options(const std::string& path) {
  return absl::StrCat("file=", path, "\nresponse_id_column=#\nscore_column=", kQuestion,
                      "\ncomment_column=", kReason,
                      "\nemail_column=email\ntouchpoint_column=touchpoint\n"
                      "submit_time_column=Submit Date (UTC)\nmetric=nps\n");
}

}  // namespace

int main(int argc, char** argv) {
  const std::optional<int64_t> count_argument =
      cxhub::bench::CountArgument(argc, argv, 200000, "[rows] [file]");
  if (!count_argument.has_value()) return 2;
  const int64_t count = *count_argument;
  const std::string path = argc > 2 ? argv[2] : "/tmp/cxhub_survey_bench.csv";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << Header();
    absl::Time submitted = absl::FromUnixSeconds(1788775200);
    for (int64_t i = 0; i < count; ++i) {
      out << MakeRow(i, submitted);
      submitted += absl::Seconds(37);
    }
    if (!out) {
      std::fprintf(stderr, "cannot write %s\n", path.c_str());
      return 1;
    }
  }

  cxhub::bench::ResultTable table(absl::StrCat("survey CSV import, ", count, " rows"), "rows");
  uint64_t bytes = 0;
  int64_t fields = 0;
  cxhub::bench::Stopwatch stopwatch;
  const int64_t parsed = ParseFile(path, bytes, fields);
  table.AddBaseline({"csv parse", parsed, stopwatch.Elapsed(), bytes,
                     absl::StrCat("(CsvReader alone, ", fields, " fields)")});

  absl::StatusOr<cxhub::plugins::LoadedPlugin> plugin =
      cxhub::plugins::LoadPlugin(CXHUB_SURVEY_PLUGIN_PATH);
  absl::StatusOr<cxhub::plugins::PluginInstance> instance =
      plugin.ok() ? plugin->Open(Options(path)) : plugin.status();
  if (!instance.ok()) {
    std::fprintf(stderr, "%s\n", std::string(instance.status().message()).c_str());
    return 1;
  }
  int64_t records = 0;
  int64_t dead_letters = 0;
  uint64_t record_bytes = 0;
  cxhub::plugins::ReadCallbacks callbacks;
  callbacks.on_record = [&](absl::string_view serialized) {
    ++records;
    record_bytes += serialized.size();
    return true;
  };
  callbacks.on_dead_letter = [&](absl::string_view, absl::string_view) {
    ++dead_letters;
    return true;
  };
  callbacks.on_checkpoint = [](absl::string_view) { return true; };
  stopwatch.Restart();
  const absl::Status read = instance->Read("", callbacks);
  const absl::Duration import_time = stopwatch.Elapsed();
  if (!read.ok()) {
    std::fprintf(stderr, "%s\n", std::string(read.message()).c_str());
    return 1;
  }
  table.Add({"import (plugin read)", records + dead_letters, import_time, bytes,
             absl::StrCat("(", records, " records of ", record_bytes, " serialized bytes, ",
                          dead_letters, " dead letters)")});
  table.Print();
  std::remove(path.c_str());
  return 0;
}
