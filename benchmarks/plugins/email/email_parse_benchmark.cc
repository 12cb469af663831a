// email_parse_benchmark: parse rate of the email connector's parser alone, and of reading an mbox
// the way the plugin's Read does.
//
//   email_parse_benchmark [messages (default 20000)] [file (default /tmp/cxhub_email_bench.mbox)]
//
// Generates `messages` messages in the mix of ../shared/samples/email, five shapes in turn:
//   - plain UTF-8 text with a "From " line in the body (escaped in the mbox);
//   - quoted-printable ISO-8859-1 with RFC 2047 encoded words in From and Subject;
//   - multipart/alternative with a quoted-printable HTML part (every other one without a
//     text/plain alternative, so the HTML is turned into text);
//   - a multipart/mixed reply with a base64 attachment (about 3 KB);
//   - a reply from the business with a quoted tail ("On ... wrote:" and "> " lines);
// writes them as an mboxrd file, and times:
//   raw split        reading the file in 1 MiB chunks and splitting it on "\nFrom " (no parsing)
//   parse            ParseMessage (GMime) over each message's bytes, in memory
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

// A line of base64 for the attachment (76 characters, like MIME encoders write).
std::string Base64Block(int lines, int seed) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t state = 2166136261u ^ static_cast<uint32_t>(seed);
  for (int line = 0; line < lines; ++line) {
    for (int i = 0; i < 76; ++i) {
      state = state * 1103515245u + 12345u;
      out.push_back(kAlphabet[(state >> 16) & 63]);
    }
    out.push_back('\n');
  }
  return out;
}

struct Generated {
  std::string from_line;  // "From sender date"
  std::string content;    // the RFC 5322 bytes, unescaped
};

// Message `i` of the generated mailbox.
Generated MakeMessage(int64_t i, absl::Time when) {
  const absl::TimeZone lisbon_summer = absl::FixedTimeZone(3600);
  const std::string date = absl::FormatTime("%a, %e %b %Y %H:%M:%S +0100", when, lisbon_summer);
  const std::string order = absl::StrCat("NW-", 20000 + i);
  const std::string id = absl::StrCat("bench.", i, ".", absl::ToUnixSeconds(when));
  const std::string user = absl::StrCat("customer", i % 997);
  std::string sender;
  std::string body;
  switch (i % 5) {
    case 0:  // plain UTF-8, with a "From " line the mbox must escape
      sender = absl::StrCat(user, "@example.pt");
      body = absl::StrCat("Date: ", date, "\nFrom: Jo\xC3\xA3o Ara\xC3\xBAjo <", sender,
                          ">\nTo: support@northwind.example\nSubject: Encomenda ", order,
                          " n\xC3\xA3o chegou\nMessage-ID: <", id,
                          "@example.pt>\nMIME-Version: 1.0\nContent-Type: text/plain; "
                          "charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\nBom dia,\n\n"
                          "A encomenda ",
                          order,
                          " devia ter chegado h\xC3\xA1 tr\xC3\xAAs dias.\nFrom the tracking "
                          "page I see \xE2\x80\x9C"
                          "em tr\xC3\xA2nsito\xE2\x80\x9D since "
                          "Monday.\nPodem verificar, por favor?\n\nObrigado,\nJo\xC3\xA3o\n");
      break;
    case 1:  // quoted-printable ISO-8859-1, RFC 2047 encoded words
      sender = absl::StrCat(user, "@example.pt");
      body = absl::StrCat(
          "Return-Path: <", sender,
          ">\nReceived: from mail.example.pt (mail.example.pt [192.0.2.25])\n\tby "
          "mx1.northwind.example (Postfix) with ESMTPS id 4Qk",
          i, "\n\tfor <support@northwind.example>; ", date, "\nDate: ", date,
          "\nFrom: =?ISO-8859-1?Q?Marta_Gon=E7alves_Ferreira?=\n <", sender,
          ">\nTo: support@northwind.example\nSubject: =?ISO-8859-1?Q?Devolu=E7=E3o_da_encomenda_",
          order, "=3A_mochila_dan?=\n =?ISO-8859-1?Q?ificada?=\nMessage-ID: <", id,
          "@mail.example.pt>\nMIME-Version: 1.0\nContent-Type: text/plain; "
          "charset=ISO-8859-1\nContent-Transfer-Encoding: quoted-printable\n\nBom dia,\n\n"
          "Recebi ontem a encomenda ",
          order,
          " (mochila Trailhead 28L, cor azul-petr=F3l=\neo).\nA caixa chegou rasgada e a "
          "al=E7a esquerda est=E1 descosida junto =E0 costu=\nra de cima, por isso n=E3o a "
          "consigo usar.\n\nGostaria de devolver a mochila e pedir o reembolso de 89,90 EUR. "
          "Tenho foto=\ngrafias do estrago.\n\nObrigada,\nMarta\n");
      break;
    case 2: {  // multipart/alternative: text/plain and quoted-printable HTML, or HTML alone
      sender = absl::StrCat(user, "@example.in");
      // Every other one has no text/plain alternative, so its body is the HTML turned into text.
      const std::string plain =
          (i / 5) % 2 == 1
              ? std::string()
              : absl::StrCat("\n--b1_", i,
                             "\nContent-Type: text/plain; charset=\"UTF-8\"\n\nHi Northwind "
                             "team,\n\nI ordered the Ridgeline rain jacket (size S, order ",
                             order,
                             ") on 31 August\nand the tracking page still says \"label "
                             "created\". Could you check?\n\nThanks,\nPriya\n");
      body = absl::StrCat(
          "MIME-Version: 1.0\nFrom: Priya Nair <", sender, ">\nDate: ", date, "\nMessage-ID: <", id,
          "@mail.example.in>\nSubject: Order ", order,
          " still not shipped?\nTo: orders@northwind.example\nCc: support@northwind.example\n"
          "Content-Type: multipart/alternative; boundary=\"b1_",
          i, "\"\n", plain, "\n--b1_", i,
          "\nContent-Type: text/html; charset=\"UTF-8\"\nContent-Transfer-Encoding: "
          "quoted-printable\n\n<div dir=3D\"ltr\">Hi Northwind team,<div><br></div><div>I "
          "ordered the Ridgel=\nine rain jacket (size S, order ",
          order,
          ") on 31 August and the tracking page=\n still says &quot;label created&quot;. Could "
          "you check?</div><div><br></d=\niv><div>Thanks,</div><div>Priya</div></div>\n\n--b1_",
          i, "--\n");
      break;
    }
    case 3:  // multipart/mixed reply with a base64 attachment (about 3 KB)
      sender = absl::StrCat(user, "@example.de");
      body = absl::StrCat(
          "Date: ", date, "\nFrom: \"Becker, Tom\" <", sender,
          ">\nTo: orders@northwind.example\nSubject: Re: Invoice for ", order, "\nMessage-ID: <",
          id, "@example.de>\nIn-Reply-To: <nw.", i - 1, "@northwind.example>\nReferences: <root.",
          i / 50, "@example.de> <nw.", i - 1,
          "@northwind.example>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; "
          "boundary=\"mix_",
          i, "\"\n\n--mix_", i,
          "\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: "
          "quoted-printable\n\nHello,\n\nattached is the receipt for ",
          order, "; the total should be 129,80 =E2=82=AC.\n\nRegards\nTom\n\n--mix_", i,
          "\nContent-Type: application/pdf; name=\"receipt-", order,
          ".pdf\"\nContent-Disposition: attachment; filename=\"receipt-", order,
          ".pdf\"\nContent-Transfer-Encoding: base64\n\n", Base64Block(40, static_cast<int>(i)),
          "\n--mix_", i, "--\n");
      break;
    default:  // a business reply with a quoted tail
      sender = "support@northwind.example";
      body = absl::StrCat(
          "Date: ", date,
          "\nFrom: Northwind Outfitters Support <support@northwind.example>\nTo: \"Becker, "
          "Tom\" <",
          user, "@example.de>\nSubject: Re: Where is my order ", order, "?\nMessage-ID: <nw.", i,
          "@northwind.example>\nIn-Reply-To: <bench.", i - 1, "@example.de>\nReferences: <bench.",
          i - 1,
          "@example.de>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
          "Content-Transfer-Encoding: 7bit\n\nHi Tom,\n\nyour parcel reached the Berlin depot "
          "but could not be delivered because\nthe flat number is missing. Reply with it and "
          "we will deliver on Thursday.\n\nKind regards,\nRui Santos\n\nOn ",
          date, ", Tom Becker <", user, "@example.de> wrote:\n> Hello,\n>\n> my order ", order,
          " was shipped on 1 September, but the carrier's\n> tracking has shown \"in "
          "transit\" since 3 September.\n>\n> Regards\n> Tom\n");
      break;
  }
  return Generated{
      absl::StrCat("From ", sender, " ",
                   absl::FormatTime("%a %b %e %H:%M:%S %Y", when, absl::UTCTimeZone())),
      std::move(body)};
}

// `content` with one more '>' before every line matching ^>*From  (mboxrd).
std::string EscapeMboxrd(absl::string_view content) {
  std::string out;
  out.reserve(content.size() + 16);
  size_t pos = 0;
  while (pos < content.size()) {
    size_t end = content.find('\n', pos);
    end = end == absl::string_view::npos ? content.size() : end + 1;
    const absl::string_view line = content.substr(pos, end - pos);
    const size_t first = line.find_first_not_of('>');
    if (first != absl::string_view::npos && line.substr(first).substr(0, 5) == "From ") {
      out.push_back('>');
    }
    out.append(line.data(), line.size());
    pos = end;
  }
  return out;
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
  uint64_t content_bytes = 0;
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    absl::Time when = absl::FromCivil(absl::CivilSecond(2026, 9, 7, 8, 0, 0), absl::UTCTimeZone());
    for (int64_t i = 0; i < count; ++i) {
      Generated message = MakeMessage(i, when);
      when += absl::Seconds(61);
      out << message.from_line << '\n' << EscapeMboxrd(message.content) << '\n';
      content_bytes += message.content.size();
      contents.push_back(std::move(message.content));
    }
    if (!out) {
      std::fprintf(stderr, "cannot write %s\n", path.c_str());
      return 1;
    }
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
  int64_t parsed_ok = 0;
  int64_t with_defects = 0;
  uint64_t body_bytes = 0;
  const absl::Duration parse_time = cxhub::bench::TimeIterations(count, [&](int64_t i) {
    absl::StatusOr<cxhub::email::ParsedMessage> parsed =
        cxhub::email::ParseMessage(contents[static_cast<size_t>(i)]);
    if (!parsed.ok()) return;
    ++parsed_ok;
    if (!parsed->defects.empty()) ++with_defects;
    body_bytes += parsed->body.size();
  });
  table.Add({"parse", count, parse_time, content_bytes,
             absl::StrCat("(", parsed_ok, " parsed, ", with_defects, " with defects, ",
                          body_bytes / 1000, " kB of body text)")});

  // Parse + map in memory (no file I/O).
  cxhub::email::MessageOrigin memory_origin;
  memory_origin.source = absl::StrCat("mbox:", path);
  memory_origin.location = "in memory";
  Tally memory_tally;
  const absl::Duration map_time = cxhub::bench::TimeIterations(count, [&](int64_t i) {
    Count(cxhub::email::MapMessage(contents[static_cast<size_t>(i)], memory_origin, *options),
          memory_tally);
  });
  table.Add({"parse + map", count, map_time, content_bytes, TallyNote(memory_tally)});

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
    Count(cxhub::email::MapMessage(message.content, origin, *options), file_tally);
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
