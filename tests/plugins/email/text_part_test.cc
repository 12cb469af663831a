// DecodedText against GMime's own g_mime_text_part_get_text: the same text for every charset and
// transfer encoding, whether the conversion is left out or not.
#include "plugins/email/text_part.h"

#include <gmime/gmime.h>

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "plugins/email/gmime_init.h"
#include "plugins/email/gobject_ptr.h"

namespace cxhub::email::test {
namespace {

struct TextCase {
  std::string name;
  std::string content_type;  // the Content-Type header's value
  std::string encoding;      // Content-Transfer-Encoding, empty for none
  std::string body;          // as it stands in the message (already encoded)
};

// The single text part of a message with `text_case`'s headers and body, parsed by GMime.
GObjectPtr<GMimeMessage> Parse(const TextCase& text_case) {
  std::string raw = absl::StrCat(
      "From: a@example.com\r\nMIME-Version: 1.0\r\nContent-Type: ", text_case.content_type, "\r\n");
  if (!text_case.encoding.empty()) {
    absl::StrAppend(&raw, "Content-Transfer-Encoding: ", text_case.encoding, "\r\n");
  }
  absl::StrAppend(&raw, "\r\n", text_case.body);
  EnsureGMimeInitialized();
  GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  return GObjectPtr<GMimeMessage>(g_mime_parser_construct_message(parser.get(), nullptr));
}

GMimeTextPart* TextPartOf(GMimeMessage* message) {
  GMimeObject* body = g_mime_message_get_mime_part(message);
  return GMIME_IS_TEXT_PART(body) ? GMIME_TEXT_PART(body) : nullptr;
}

std::string GMimeText(GMimeTextPart* part) {
  GCharPtr text(g_mime_text_part_get_text(part));
  return text == nullptr ? "" : std::string(text.get());
}

// Long enough that decoding and converting run in more than one chunk of GMime's streams, with a
// two-byte character across every chunk boundary.
std::string LongUtf8() {
  std::string text;
  while (text.size() < 20000) text += "Grüße, ";
  return text;
}

std::vector<TextCase> Cases() {
  const std::string long_utf8 = LongUtf8();
  return {
      {"no charset, ASCII", "text/plain", "", "plain words\r\nsecond line\r\n"},
      {"no charset, 8-bit", "text/plain", "8bit", "caf\xe9 au lait\r\n"},
      {"us-ascii, ASCII", "text/plain; charset=us-ascii", "7bit", "hello there\r\n"},
      {"us-ascii, 8-bit bytes", "text/plain; charset=us-ascii", "8bit", "caf\xc3\xa9\r\n"},
      {"utf-8, valid", "text/plain; charset=utf-8", "8bit", "Grüße aus Köln €\r\n"},
      {"UTF-8 in capitals, quoted-printable", "text/plain; charset=\"UTF-8\"", "quoted-printable",
       "Gr=C3=BC=C3=9Fe=\r\n aus K=C3=B6ln\r\n"},
      {"utf-8, long, base64", "text/plain; charset=utf-8", "base64",
       absl::StrCat(absl::Base64Escape(long_utf8), "\r\n")},
      {"utf-8, invalid bytes", "text/plain; charset=utf-8", "8bit", "bad \xff\xfe bytes\r\n"},
      {"utf-8, truncated sequence at the end", "text/plain; charset=utf8", "8bit", "end \xe2\x82"},
      {"iso-8859-1, 8-bit", "text/plain; charset=iso-8859-1", "8bit", "caf\xe9 cr\xe8me\r\n"},
      {"ISO-8859-15, ASCII", "text/plain; charset=ISO-8859-15", "7bit", "only ascii\r\n"},
      {"windows-1252, euro", "text/plain; charset=windows-1252", "quoted-printable",
       "price =80 5\r\n"},
      {"utf-7, ASCII bytes that are not ASCII text", "text/plain; charset=utf-7", "7bit",
       "A+ImIDkQ. and +AKM-1\r\n"},
      {"utf-16, base64", "text/plain; charset=utf-16le", "base64",
       absl::StrCat(absl::Base64Escape(std::string("h\0i\0", 4)), "\r\n")},
      {"unknown charset, ASCII", "text/plain; charset=x-unheard-of", "7bit", "plain\r\n"},
      {"unknown charset, 8-bit", "text/plain; charset=iso-8859-99", "8bit", "caf\xe9\r\n"},
      {"a NUL in the content", "text/plain; charset=us-ascii", "base64",
       absl::StrCat(absl::Base64Escape(std::string("before\0after", 12)), "\r\n")},
      {"a NUL in valid UTF-8", "text/plain; charset=utf-8", "base64",
       absl::StrCat(absl::Base64Escape(std::string("K\xc3\xb6ln\0rest", 10)), "\r\n")},
      {"HTML, latin-1", "text/html; charset=iso-8859-1", "quoted-printable", "<p>caf=E9</p>\r\n"},
      {"empty body", "text/plain; charset=utf-8", "", ""},
  };
}

TEST(DecodedText, GivesWhatGMimeGivesForEveryCharsetAndEncoding) {
  for (const TextCase& text_case : Cases()) {
    SCOPED_TRACE(text_case.name);
    GObjectPtr<GMimeMessage> message = Parse(text_case);
    ASSERT_NE(message, nullptr);
    GMimeTextPart* part = TextPartOf(message.get());
    ASSERT_NE(part, nullptr);
    EXPECT_EQ(DecodedText(part), GMimeText(part));
  }
}

TEST(DecodedText, DecodesAndConverts) {
  const std::vector<TextCase> cases = Cases();
  const auto text_of = [&](const std::string& name) {
    for (const TextCase& text_case : cases) {
      if (text_case.name != name) continue;
      GObjectPtr<GMimeMessage> message = Parse(text_case);
      return message == nullptr ? std::string("(no message)")
                                : DecodedText(TextPartOf(message.get()));
    }
    return std::string("(no case)");
  };
  EXPECT_EQ(text_of("UTF-8 in capitals, quoted-printable"), "Grüße aus Köln\r\n");
  EXPECT_EQ(text_of("utf-8, long, base64"), LongUtf8());
  EXPECT_EQ(text_of("iso-8859-1, 8-bit"), "café crème\r\n");
  EXPECT_EQ(text_of("windows-1252, euro"), "price € 5\r\n");
  EXPECT_EQ(text_of("utf-7, ASCII bytes that are not ASCII text"), "A≢Α. and £1\r\n");
  EXPECT_EQ(text_of("utf-16, base64"), "hi");
  EXPECT_EQ(text_of("a NUL in the content"), "before");
  EXPECT_EQ(text_of("a NUL in valid UTF-8"), "Köln");
  EXPECT_EQ(text_of("no charset, 8-bit"), "caf\xe9 au lait\r\n");
}

}  // namespace
}  // namespace cxhub::email::test
