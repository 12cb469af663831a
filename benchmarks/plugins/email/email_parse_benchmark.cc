// email_parse_benchmark: parse rate of the email connector's parser alone, and of reading an mbox
// the way the plugin's Read does.
//
//   email_parse_benchmark [messages (default 20000)] [file (default /tmp/cxhub_email_bench.mbox)]
//
// Generates `messages` messages in the mix of ../shared/samples/email (generated_mailbox.h),
// writes them as an mboxrd file, and times:
//   raw split        reading the file in 1 MiB chunks and splitting it on "\nFrom " (no parsing)
//   parse            MessageParser (GMime) over each message's bytes, in memory, one parser for
//                    all as the connector's
//   parse + map      MapMessage (parse, thread fields, quoted tail, Record building), in memory
//   mbox + map       MboxReader over the file plus MapMessage, as EmailConnector::Read does
// printing MB/s and messages/s for each, raw split as the baseline. The file is removed
// afterwards.
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
#include "benchmarks/plugins/email/generated_mailbox.h"
#include "plugins/email/email_options.h"
#include "plugins/email/gmime_init.h"
#include "plugins/email/mbox_reader.h"
#include "plugins/email/message_parser.h"
#include "plugins/email/record_mapper.h"

namespace {

struct Tally {
  int64_t records = 0;
  int64_t dead_letters = 0;
  int64_t skipped = 0;
};

std::string TallyNote(const Tally& tally) {
  return absl::StrCat("(", tally.records, " records, ", tally.dead_letters, " dead letters, ",
                      tally.skipped, " skipped)");
}

void Count(const cxhub::email::MappedMessage& mapped, Tally& tally) {
  tally.records += static_cast<int64_t>(mapped.records.size());
  if (!mapped.dead_letter_reason.empty()) ++tally.dead_letters;
  if (!mapped.skip_reason.empty()) ++tally.skipped;
}

// The baseline: the file read in 1 MiB chunks and cut before every "\nFrom ". Returns the
// number of messages; `bytes` gets the file size.
int64_t RawSplit(const std::string& path, uint64_t& bytes) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> chunk(1 << 20);
  std::string buffer;
  const absl::string_view separator = "\nFrom ";
  size_t begin = 0;  // start of the current message in buffer
  size_t scan = 0;   // where the next search starts
  int64_t messages = 0;
  bytes = 0;
  while (in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || in.gcount() > 0) {
    const size_t got = static_cast<size_t>(in.gcount());
    bytes += got;
    buffer.erase(0, begin);
    scan -= begin;
    begin = 0;
    buffer.append(chunk.data(), got);
    const absl::string_view view = buffer;
    while (true) {
      const size_t hit = view.find(separator, scan);
      if (hit == absl::string_view::npos) {
        scan = view.size() >= separator.size() ? view.size() - separator.size() + 1 : 0;
        if (scan < begin) scan = begin;
        break;
      }
      ++messages;  // the message [begin, hit + 1)
      begin = hit + 1;
      scan = begin;
    }
  }
  if (begin < buffer.size()) ++messages;
  return messages;
}

}  // namespace

int main(int argc, char** argv) {
  const std::optional<int64_t> count_argument =
      cxhub::bench::CountArgument(argc, argv, 20000, "[messages] [file]");
  if (!count_argument.has_value()) return 2;
  const int64_t count = *count_argument;
  const std::string path = argc > 2 ? argv[2] : "/tmp/cxhub_email_bench.mbox";

  // Generate the messages and the mbox.
  std::vector<std::string> contents;
  contents.reserve(static_cast<size_t>(count));
  std::remove(path.c_str());
  const absl::StatusOr<uint64_t> content_bytes =
      cxhub::bench::AppendGeneratedMbox(path, 0, count, &contents);
  if (!content_bytes.ok()) {
    std::fprintf(stderr, "%s\n", std::string(content_bytes.status().message()).c_str());
    return 1;
  }
  absl::StatusOr<cxhub::email::EmailOptions> options = cxhub::email::ParseEmailOptions(
      absl::StrCat("mbox=", path, "\nbusiness_domain=northwind.example\n"));
  if (!options.ok()) {
    std::fprintf(stderr, "%s\n", std::string(options.status().message()).c_str());
    return 1;
  }
  cxhub::email::EnsureGMimeInitialized();  // once, outside the timings

  cxhub::bench::ResultTable table("", "msgs");

  // Baseline: raw read and split.
  uint64_t file_bytes = 0;
  cxhub::bench::Stopwatch stopwatch;
  const int64_t split = RawSplit(path, file_bytes);
  table.AddBaseline(
      {"raw split", split, stopwatch.Elapsed(), file_bytes, "(read in 1 MiB chunks)"});

  // (a) The message parser alone.
  cxhub::email::MessageParser parser;
  int64_t parsed_ok = 0;
  int64_t with_defects = 0;
  uint64_t body_bytes = 0;
  const absl::Duration parse_time = cxhub::bench::TimeIterations(count, [&](int64_t i) {
    absl::StatusOr<cxhub::email::ParsedMessage> parsed =
        parser.Parse(contents[static_cast<size_t>(i)]);
    if (!parsed.ok()) return;
    ++parsed_ok;
    if (!parsed->defects.empty()) ++with_defects;
    body_bytes += parsed->body.size();
  });
  table.Add({"parse", count, parse_time, *content_bytes,
             absl::StrCat("(", parsed_ok, " parsed, ", with_defects, " with defects, ",
                          body_bytes / 1000, " kB of body text)")});

  // Parse + map in memory (no file I/O).
  cxhub::email::MessageOrigin memory_origin;
  memory_origin.source = absl::StrCat("mbox:", path);
  memory_origin.location = "in memory";
  Tally memory_tally;
  const absl::Duration map_time = cxhub::bench::TimeIterations(count, [&](int64_t i) {
    Count(
        cxhub::email::MapMessage(contents[static_cast<size_t>(i)], memory_origin, *options, parser),
        memory_tally);
  });
  table.Add({"parse + map", count, map_time, *content_bytes, TallyNote(memory_tally)});

  // (b) mbox reading + parsing + mapping, as the plugin's Read.
  Tally file_tally;
  int64_t file_messages = 0;
  stopwatch.Restart();
  absl::StatusOr<cxhub::email::MboxReader> reader =
      cxhub::email::MboxReader::Open(path, 0, /*tail_is_settled=*/true);
  if (!reader.ok()) {
    std::fprintf(stderr, "%s\n", std::string(reader.status().message()).c_str());
    return 1;
  }
  while (true) {
    absl::StatusOr<std::optional<cxhub::email::MboxMessage>> next = reader->Next();
    if (!next.ok()) {
      std::fprintf(stderr, "%s\n", std::string(next.status().message()).c_str());
      return 1;
    }
    if (!next->has_value()) break;
    const cxhub::email::MboxMessage& message = **next;
    ++file_messages;
    cxhub::email::MessageOrigin origin;
    origin.source = memory_origin.source;
    origin.location = absl::StrCat("mbox ", path, " message at byte ", message.offset);
    origin.attributes["mbox_offset"] = absl::StrCat(message.offset);
    origin.fallback_time = cxhub::email::FromLineTime(message.from_line);
    origin.fallback_time_source = "mbox_from_line";
    Count(cxhub::email::MapMessage(message.content, origin, *options, parser), file_tally);
  }
  table.Add({"mbox + map", file_messages, stopwatch.Elapsed(), file_bytes, TallyNote(file_tally)});
  table.Print();

  std::remove(path.c_str());
  if (split != count || file_messages != count) {
    std::fprintf(stderr, "message count mismatch: generated %lld, split %lld, mbox %lld\n",
                 static_cast<long long>(count), static_cast<long long>(split),
                 static_cast<long long>(file_messages));
    return 1;
  }
  return 0;
}
