#include "benchmarks/plugins/email/generated_mailbox.h"

#include <cstdint>
#include <fstream>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace cxhub::bench {
namespace {

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

}  // namespace

GeneratedMail GeneratedMailMessage(int64_t i, absl::Time when) {
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
  return GeneratedMail{
      absl::StrCat("From ", sender, " ",
                   absl::FormatTime("%a %b %e %H:%M:%S %Y", when, absl::UTCTimeZone())),
      std::move(body)};
}

absl::Time GeneratedMailStart() {
  return absl::FromCivil(absl::CivilSecond(2026, 9, 7, 8, 0, 0), absl::UTCTimeZone());
}

absl::StatusOr<uint64_t> AppendGeneratedMbox(const std::string& path, int64_t first, int64_t count,
                                             std::vector<std::string>* contents) {
  std::ofstream out(path, std::ios::binary | std::ios::app);
  uint64_t content_bytes = 0;
  for (int64_t i = first; i < first + count; ++i) {
    GeneratedMail message = GeneratedMailMessage(i, GeneratedMailStart() + absl::Seconds(61 * i));
    out << message.from_line << '\n' << EscapeMboxrd(message.content) << '\n';
    content_bytes += message.content.size();
    if (contents != nullptr) contents->push_back(std::move(message.content));
  }
  out.close();
  if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", path));
  return content_bytes;
}

}  // namespace cxhub::bench
