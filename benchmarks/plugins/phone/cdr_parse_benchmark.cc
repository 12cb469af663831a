// cdr_parse_benchmark: parse rate of the phone connector's CSV line parser alone, and of parsing
// and mapping cdr_csv lines the way the plugin's Read does.
//
//   cdr_parse_benchmark [rows (default 200000)] [file (default /tmp/cxhub_cdr_bench.csv)]
//
// Generates a Master.csv of `rows` 18-column cdr_csv lines shaped like
// ../shared/samples/phone/Master.csv (quoted fields, caller ids with doubled quotes, inbound
// national / 00 / E.164 numbers, outbound calls from extensions, internal calls, a few anonymous
// callers; start times in Europe/Lisbon, 97 s apart from March, so both DST changes are crossed),
// and times:
//   raw split      reading the file in 1 MiB chunks and splitting it into lines (no parsing)
//   csv parse      ParseCsvLine over each line, in memory
//   parse + map    CdrMapper::Map (CSV, columns, extensions, libphonenumber E.164, time zone
//                  conversion, Record building), in memory
//   tail + map     LineFileTailer over the file plus CdrMapper::Map, as PhoneConnector::Read does
// printing MB/s and rows/s for each, raw split as the baseline. The file is removed afterwards.
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "benchmarks/harness/count_argument.h"
#include "benchmarks/harness/result_table.h"
#include "benchmarks/harness/stopwatch.h"
#include "benchmarks/harness/timed_run.h"
#include "benchmarks/plugins/tail_every_line.h"
#include "plugins/phone/cdr_mapper.h"
#include "plugins/phone/csv_line_parser.h"
#include "plugins/phone/phone_options.h"

namespace {

using ::cxhub::phone::CdrMapping;

constexpr size_t kMaxLineBytes = 64 * 1024;  // as the connector

struct Tally {
  int64_t interactions = 0;
  int64_t internal_calls = 0;
  int64_t dead_letters = 0;
};

std::string TallyNote(const Tally& tally) {
  return absl::StrCat("(", tally.interactions, " interactions, ", tally.internal_calls,
                      " internal, ", tally.dead_letters, " dead letters)");
}

void Count(const CdrMapping& mapping, Tally& tally) {
  switch (mapping.kind) {
    case CdrMapping::Kind::kInteraction:
      ++tally.interactions;
      break;
    case CdrMapping::Kind::kInternalCall:
      ++tally.internal_calls;
      break;
    case CdrMapping::Kind::kDeadLetter:
      ++tally.dead_letters;
      break;
  }
}

// `value` as a cdr_csv quoted field: in double quotes, inner quotes doubled.
std::string Quoted(absl::string_view value) {
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

// Row `i`: the call starting at `start`.
std::string MakeRow(int64_t i, absl::Time start, const absl::TimeZone& zone) {
  static constexpr const char* kNames[] = {"Tom Becker", "Marta Ferreira", "Priya Nair",
                                           "WIRELESS CALLER", "S\xC3\xB8ren Dahl"};
  static constexpr const char* kAgents[] = {"Rui Santos", "Ana Lopes", "Carla Mendes"};
  const int64_t n = i % 9973;
  const std::string agent = absl::StrCat(101 + i % 3);
  const std::string agent_name = kAgents[i % 3];
  std::string src;
  std::string dst;
  std::string dcontext = "from-trunk";
  std::string clid;
  std::string lastdata;
  switch (i % 10) {
    case 0:
    case 1:  // inbound, national mobile number
      src = absl::StrCat(910000000 + n * 7);
      dst = "100";
      clid = src;
      break;
    case 2:  // inbound, 00 international prefix
      src = absl::StrCat("004930", 1000000 + n);
      dst = "100";
      clid = src;
      break;
    case 3:  // inbound, E.164 with a caller name
    case 4:
      src = absl::StrCat("+4930", 1000000 + n);
      dst = "100";
      clid = absl::StrCat("\"", kNames[i % 5], "\" <", src, ">");
      break;
    case 5:  // inbound, North American E.164
      src = absl::StrCat("+1415555", 1000 + n % 9000);
      dst = "100";
      clid = absl::StrCat("\"", kNames[3], "\" <", src, ">");
      break;
    case 6:  // outbound, 00 international
      src = agent;
      dst = absl::StrCat("00351", 912000000 + n);
      dcontext = "from-internal";
      clid = absl::StrCat("\"", agent_name, "\" <", agent, ">");
      break;
    case 7:  // outbound, national
      src = agent;
      dst = absl::StrCat(210000000 + n * 3);
      dcontext = "from-internal";
      clid = absl::StrCat("\"", agent_name, "\" <", agent, ">");
      break;
    case 8:  // internal: extension to extension
      src = agent;
      dst = "101";
      dcontext = "from-internal";
      clid = absl::StrCat("\"", agent_name, "\" <", agent, ">");
      break;
    default:  // every 20th anonymous, else inbound E.164 Portugal
      if (i % 20 == 9) {
        src = "anonymous";
        clid = "\"Anonymous\" <anonymous>";
      } else {
        src = absl::StrCat("+351", 912000000 + n);
        clid = src;
      }
      dst = "100";
      break;
  }
  const bool inbound = dcontext == "from-trunk";
  const std::string channel =
      inbound ? absl::StrCat("PJSIP/trunk-", absl::Hex(2 * i, absl::kZeroPad8))
              : absl::StrCat("PJSIP/", src, "-", absl::Hex(2 * i, absl::kZeroPad8));
  const std::string dstchannel =
      inbound ? absl::StrCat("PJSIP/", agent, "-", absl::Hex(2 * i + 1, absl::kZeroPad8))
              : absl::StrCat("PJSIP/trunk-", absl::Hex(2 * i + 1, absl::kZeroPad8));
  lastdata = inbound ? "PJSIP/101&PJSIP/102,30,tT" : absl::StrCat("PJSIP/trunk/", dst, ",45,tT");
  static constexpr const char* kDispositions[] = {"ANSWERED",  "ANSWERED", "ANSWERED",
                                                  "NO ANSWER", "BUSY",     "FAILED"};
  const std::string disposition = kDispositions[(i / 10) % 6];
  const bool answered = disposition == "ANSWERED";
  const int64_t ring = 3 + i % 17;
  const int64_t talk = answered ? 20 + (i * 37) % 900 : 0;
  const int64_t duration = answered ? ring + talk : ring + (disposition == "NO ANSWER" ? 27 : 0);
  const char* kFormat = "%Y-%m-%d %H:%M:%S";
  const std::string answer_time =
      answered ? absl::FormatTime(kFormat, start + absl::Seconds(ring), zone) : "";
  const std::string end_time = absl::FormatTime(kFormat, start + absl::Seconds(duration), zone);
  return absl::StrCat("\"\",", Quoted(src), ",", Quoted(dst), ",", Quoted(dcontext), ",",
                      Quoted(clid), ",", Quoted(channel), ",", Quoted(dstchannel), ",\"Dial\",",
                      Quoted(lastdata), ",", Quoted(absl::FormatTime(kFormat, start, zone)), ",",
                      Quoted(answer_time), ",", Quoted(end_time), ",", duration, ",", talk, ",",
                      Quoted(disposition), ",\"DOCUMENTATION\",",
                      Quoted(absl::StrCat(absl::ToUnixSeconds(start), ".", i)), ",\"\"");
}

// The baseline: the file read in 1 MiB chunks and cut into lines. Returns the number of
// non-empty lines; `bytes` gets the file size.
int64_t RawSplit(const std::string& path, uint64_t& bytes) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> chunk(1 << 20);
  std::string buffer;
  size_t begin = 0;  // start of the current line in buffer
  int64_t lines = 0;
  bytes = 0;
  while (in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || in.gcount() > 0) {
    const size_t got = static_cast<size_t>(in.gcount());
    bytes += got;
    buffer.erase(0, begin);
    begin = 0;
    buffer.append(chunk.data(), got);
    const absl::string_view view = buffer;
    for (size_t hit = view.find('\n', begin); hit != absl::string_view::npos;
         hit = view.find('\n', begin)) {
      if (hit > begin) ++lines;  // the line [begin, hit)
      begin = hit + 1;
    }
  }
  if (begin < buffer.size()) ++lines;
  return lines;
}

}  // namespace

int main(int argc, char** argv) {
  const std::optional<int64_t> count_argument =
      cxhub::bench::CountArgument(argc, argv, 200000, "[rows] [file]");
  if (!count_argument.has_value()) return 2;
  const int64_t count = *count_argument;
  const std::string path = argc > 2 ? argv[2] : "/tmp/cxhub_cdr_bench.csv";

  absl::StatusOr<cxhub::phone::PhoneOptions> options = cxhub::phone::ParsePhoneOptions(
      absl::StrCat("file=", path, "; default_region=PT; timezone=Europe/Lisbon; extensions=1XX"));
  if (!options.ok()) {
    std::fprintf(stderr, "%s\n", std::string(options.status().message()).c_str());
    return 1;
  }

  // Generate the rows and the file.
  std::vector<std::string> rows;
  rows.reserve(static_cast<size_t>(count));
  uint64_t row_bytes = 0;
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    absl::Time start = absl::FromCivil(absl::CivilSecond(2026, 3, 1, 8, 0, 0), options->timezone);
    for (int64_t i = 0; i < count; ++i) {
      std::string row = MakeRow(i, start, options->timezone);
      start += absl::Seconds(97);
      out << row << '\n';
      row_bytes += row.size() + 1;
      rows.push_back(std::move(row));
    }
    if (!out) {
      std::fprintf(stderr, "cannot write %s\n", path.c_str());
      return 1;
    }
  }
  const cxhub::phone::CdrMapper mapper(cxhub::phone::CdrMapperConfig{
      options->default_region, options->timezone, options->extensions});

  cxhub::bench::ResultTable table("", "rows");

  // Baseline: raw read and split.
  uint64_t file_bytes = 0;
  cxhub::bench::Stopwatch stopwatch;
  const int64_t split = RawSplit(path, file_bytes);
  table.AddBaseline(
      {"raw split", split, stopwatch.Elapsed(), file_bytes, "(read in 1 MiB chunks)"});

  // (a) The CSV line parser alone.
  int64_t fields = 0;
  int64_t errors = 0;
  const absl::Duration parse_time = cxhub::bench::TimeIterations(count, [&](int64_t i) {
    absl::StatusOr<std::vector<std::string>> parsed =
        cxhub::phone::ParseCsvLine(rows[static_cast<size_t>(i)]);
    if (parsed.ok()) {
      fields += static_cast<int64_t>(parsed->size());
    } else {
      ++errors;
    }
  });
  table.Add({"csv parse", count, parse_time, row_bytes,
             absl::StrCat("(", fields, " fields, ", errors, " errors)")});

  // (b) Parse + map in memory (no file I/O).
  Tally memory_tally;
  const absl::Duration map_time = cxhub::bench::TimeIterations(
      count, [&](int64_t i) { Count(mapper.Map(rows[static_cast<size_t>(i)]), memory_tally); });
  table.Add({"parse + map", count, map_time, row_bytes, TallyNote(memory_tally)});

  // Tailing the file + mapping, as the plugin's Read.
  Tally file_tally;
  stopwatch.Restart();
  const absl::StatusOr<int64_t> file_rows = cxhub::bench::TailEveryLine(
      path, kMaxLineBytes, [&](absl::string_view text) { Count(mapper.Map(text), file_tally); });
  if (!file_rows.ok()) {
    std::fprintf(stderr, "%s\n", std::string(file_rows.status().message()).c_str());
    return 1;
  }
  table.Add({"tail + map", *file_rows, stopwatch.Elapsed(), file_bytes, TallyNote(file_tally)});
  table.Print();

  std::remove(path.c_str());
  if (split != count || *file_rows != count) {
    std::fprintf(stderr, "row count mismatch: generated %lld, split %lld, tailed %lld\n",
                 static_cast<long long>(count), static_cast<long long>(split),
                 static_cast<long long>(*file_rows));
    return 1;
  }
  return 0;
}
