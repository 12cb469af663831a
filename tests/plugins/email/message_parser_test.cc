// GMime parsing of single messages: encoded words, charsets, alternatives, attachments, dates,
// defects.
#include "plugins/email/message_parser.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/email/mbox_reader.h"
#include "tests/plugins/email/email_test_support.h"

namespace cxhub::email::test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool IsValidUtf8(const std::string& text) {
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t length = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 0;
    if (length == 0 || i + length > text.size()) return false;
    uint32_t cp = length == 1 ? c : c & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
      unsigned char d = static_cast<unsigned char>(text[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

// Message `number` (1-based) of the sample mbox, parsed.
ParsedMessage SampleMessage(int number) {
  absl::StatusOr<MboxReader> reader = MboxReader::Open(SampleMbox(), 0, false);
  EXPECT_TRUE(reader.ok());
  for (int i = 1;; ++i) {
    absl::StatusOr<std::optional<MboxMessage>> next = reader->Next();
    EXPECT_TRUE(next.ok() && next->has_value()) << "no message " << number;
    if (!next.ok() || !next->has_value()) return {};
    if (i == number) {
      absl::StatusOr<ParsedMessage> parsed = ParseMessage((**next).content);
      EXPECT_TRUE(parsed.ok()) << parsed.status();
      return parsed.ok() ? *parsed : ParsedMessage{};
    }
  }
}

TEST(ParseMessage, DecodesSplitQEncodedIso88591SubjectAndName) {
  ParsedMessage m = SampleMessage(1);
  EXPECT_EQ(m.subject, "Devolução da encomenda NW-10482: mochila danificada");
  ASSERT_EQ(m.from.size(), 1u);
  EXPECT_EQ(m.from[0].name, "Marta Gonçalves Ferreira");
  EXPECT_EQ(m.from[0].address, "marta.ferreira@example.pt");
  EXPECT_EQ(m.message_id, "6f1e2a90-3c5d-4b7e-9a81-0d2f4c6e8b13@mail.example.pt");
  // Quoted-printable ISO-8859-1 body, soft line breaks joined, converted to UTF-8.
  EXPECT_THAT(m.body, HasSubstr("cor azul-petróleo)."));
  EXPECT_THAT(m.body, HasSubstr("a alça esquerda está descosida junto à costura de cima"));
  EXPECT_EQ(m.body_format, BodyFormat::kPlainText);
  EXPECT_EQ(m.date, 1788768862);
  EXPECT_THAT(m.defects, IsEmpty());
}

TEST(ParseMessage, DecodesBEncodedUtf8SubjectWithDashAndArrow) {
  ParsedMessage m = SampleMessage(5);
  EXPECT_EQ(m.subject, "Exchange \xE2\x80\x93 order NW-10529, size L \xE2\x86\x92 M");
  EXPECT_EQ(m.from[0].name, "Søren Dahl");
  EXPECT_THAT(m.body, HasSubstr("Søren Dahl\nAarhus"));
  EXPECT_EQ(m.date, 1788981460);
}

TEST(ParseMessage, PrefersThePlainTextAlternative) {
  ParsedMessage m = SampleMessage(2);
  EXPECT_EQ(m.body_format, BodyFormat::kPlainText);
  EXPECT_THAT(m.body, HasSubstr("still says \"label created\". Could you check"));
  EXPECT_THAT(m.body, Not(HasSubstr("<div")));
  EXPECT_THAT(m.attachments, IsEmpty());
  EXPECT_EQ(m.to[0].address, "orders@northwind.example");
  EXPECT_EQ(m.cc[0].address, "support@northwind.example");
  EXPECT_EQ(m.date, 1788776290);  // +0530 to UTC
}

TEST(ParseMessage, QuotedDisplayNameAndMixedCaseAddress) {
  ParsedMessage m = SampleMessage(3);
  EXPECT_EQ(m.from[0].name, "Becker, Tom");
  EXPECT_EQ(m.from[0].address, "Tom.Becker@Example.DE");
}

TEST(ParseMessage, FoldedReferencesInOrder) {
  ParsedMessage m = SampleMessage(9);
  EXPECT_EQ(m.references, (std::vector<std::string>{"20260908064109.GA2231@Example.DE",
                                                    "nw.20260908103045.8812@northwind.example"}));
  EXPECT_EQ(m.in_reply_to, (std::vector<std::string>{"nw.20260908103045.8812@northwind.example"}));
}

TEST(ParseMessage, ListsTheBase64AttachmentWithoutMakingItTheBody) {
  ParsedMessage m = SampleMessage(8);
  ASSERT_EQ(m.attachments.size(), 1u);
  EXPECT_EQ(m.attachments[0].name, "nota-de-credito-NC-2026-0311.txt");
  EXPECT_EQ(m.attachments[0].mime_type, "text/plain");
  EXPECT_EQ(m.attachments[0].size, 232u);
  EXPECT_THAT(m.body, HasSubstr("O reembolso de 89,90 € foi emitido para o cartão"));
  EXPECT_THAT(m.body, Not(HasSubstr("NORTHWIND OUTFITTERS, LDA")));
  EXPECT_EQ(m.subject, "Reembolso emitido \xE2\x80\x93 encomenda NW-10482");
}

TEST(ParseMessage, TheBounceHasNoSenderAndNoValidDate) {
  ParsedMessage m = SampleMessage(6);
  EXPECT_THAT(m.from, IsEmpty());
  EXPECT_EQ(m.date_header, "Thu, 10 Sep 2026 %H:%M:%S +0100");
  EXPECT_EQ(m.date, std::nullopt);
  EXPECT_EQ(m.message_id, "20260910021255.4QmB7s0Kx1@relay.example.net");
}

TEST(ParseMessage, HtmlOnlyBodyInAWindowsCharsetBecomesText) {
  absl::StatusOr<ParsedMessage> m = ParseMessage(
      "From: a@example.com\nDate: 1 Mar 2024 10:00 EST\n"
      "Content-Type: text/html; charset=windows-1252\nContent-Transfer-Encoding: quoted-printable\n"
      "\n<p>Ol=E1 =80 5 &amp; <b>bem</b></p><p>x</p>\n");
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->body_format, BodyFormat::kHtml);
  EXPECT_EQ(m->body, "Olá € 5 & bem\n\nx");
  EXPECT_EQ(m->date, 1709305200);  // 15:00 UTC
}

TEST(ParseMessage, ReportsATruncatedMultipart) {
  absl::StatusOr<ParsedMessage> m = ParseMessage(
      "From: a@example.com\nContent-Type: multipart/mixed; boundary=\"x\"\n\n--x\n"
      "Content-Type: text/plain\n\nhello\n--x\nContent-Type: application/pdf\n"
      "Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK");
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_THAT(m->defects, Not(IsEmpty()));
}

// The connector reads every message with one parser: a message after a defective one, or after
// one with other headers, parses as with a parser of its own, and the first keeps its findings.
TEST(MessageParser, ReusedForTheNextMessageCarriesNothingOver) {
  const std::string truncated =
      "From: a@example.com\nSubject: first\nReferences: <r1@x>\n"
      "Content-Type: multipart/mixed; boundary=\"x\"\n\n--x\n"
      "Content-Type: text/plain\n\nhello\n--x\nContent-Type: application/pdf\n"
      "Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK";
  const std::string sound =
      "From: Rui <rui@example.pt>\nTo: b@example.com\nDate: 1 Mar 2024 10:00:00 +0000\n"
      "Message-ID: <m2@x>\n\nsecond body\n";
  MessageParser parser;
  absl::StatusOr<ParsedMessage> first = parser.Parse(truncated);
  ASSERT_TRUE(first.ok()) << first.status();
  const std::vector<std::string> first_defects = first->defects;
  EXPECT_THAT(first_defects, Not(IsEmpty()));
  absl::StatusOr<ParsedMessage> second = parser.Parse(sound);
  ASSERT_TRUE(second.ok()) << second.status();
  absl::StatusOr<ParsedMessage> alone = ParseMessage(sound);
  ASSERT_TRUE(alone.ok()) << alone.status();
  EXPECT_THAT(second->defects, IsEmpty());
  EXPECT_EQ(first->defects, first_defects);
  EXPECT_EQ(second->message_id, "m2@x");
  EXPECT_EQ(second->message_id, alone->message_id);
  EXPECT_EQ(second->subject, alone->subject);
  EXPECT_EQ(second->body, "second body\n");
  EXPECT_EQ(second->body, alone->body);
  EXPECT_EQ(second->date, alone->date);
  EXPECT_THAT(second->references, IsEmpty());
  ASSERT_EQ(second->from.size(), 1u);
  EXPECT_EQ(second->from[0].address, "rui@example.pt");
  // And the parser goes on to a defective message again.
  absl::StatusOr<ParsedMessage> third = parser.Parse(truncated);
  ASSERT_TRUE(third.ok()) << third.status();
  EXPECT_EQ(third->defects, first_defects);
  EXPECT_EQ(third->references, first->references);
}

TEST(ParseMessage, InvalidBytesComeOutAsValidUtf8) {
  absl::StatusOr<ParsedMessage> m =
      ParseMessage("From: a@example.com\nSubject: caf\xE9 \xFF\n\nbad \xC3\x28 bytes\n");
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_TRUE(IsValidUtf8(m->subject)) << m->subject;
  EXPECT_TRUE(IsValidUtf8(m->body)) << m->body;
}

// CRLF and lone CR line ends become LF in the body; header values and names become one line,
// their blanks (folding, tabs, runs of spaces) one space each.
TEST(ParseMessage, LineEndsAndBlanksComeOutNormalized) {
  absl::StatusOr<ParsedMessage> m = ParseMessage(
      "From: \"Ana   Silva \" <ana@example.pt>\r\nSubject: Where  is\r\n\tmy   order \r\n"
      "\r\nfirst line\r\nsecond\rthird\r\n");
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->subject, "Where is my order");
  ASSERT_EQ(m->from.size(), 1u);
  EXPECT_EQ(m->from[0].name, "Ana Silva");
  EXPECT_EQ(m->body, "first line\nsecond\nthird\n");
}

TEST(LooksLikeRfc5322DateTime, NeedsADateAndATimeOfDay) {
  EXPECT_TRUE(LooksLikeRfc5322DateTime("Mon, 7 Sep 2026 15:48:10 +0530"));
  EXPECT_TRUE(LooksLikeRfc5322DateTime("7 Sep 26 15:48 EST"));
  EXPECT_FALSE(LooksLikeRfc5322DateTime("Thu, 10 Sep 2026 %H:%M:%S +0100"));
  EXPECT_FALSE(LooksLikeRfc5322DateTime("Thu, 10 Sep 2026"));
  EXPECT_FALSE(LooksLikeRfc5322DateTime("yesterday"));
}

}  // namespace
}  // namespace cxhub::email::test
