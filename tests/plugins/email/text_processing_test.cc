// Subject prefixes, thread roots, quoted reply tails and HTML to text.
#include <string>

#include "gtest/gtest.h"
#include "plugins/common/html_to_text.h"
#include "plugins/email/message_parser.h"
#include "plugins/email/quoted_reply.h"
#include "plugins/email/thread_fields.h"

namespace cxhub::email {
namespace {

std::string HtmlToText(absl::string_view html) {
  return plugin_common::HtmlToText(html, EmailHtmlOptions()).text;
}

TEST(NormalizeSubject, RemovesRepeatedReplyAndForwardPrefixesInAnyCase) {
  EXPECT_EQ(NormalizeSubject("Re: Where is my order NW-10517?"), "Where is my order NW-10517?");
  EXPECT_EQ(NormalizeSubject("RE: AW: Fwd:  SV: re[2]: Hello   world"), "Hello world");
  EXPECT_EQ(NormalizeSubject("Fw : Re^3: x"), "x");
  EXPECT_EQ(NormalizeSubject("Regarding: the refund"), "Regarding: the refund");
  EXPECT_EQ(NormalizeSubject("Re:"), "Re:");
  EXPECT_EQ(NormalizeSubject(""), "");
}

TEST(ThreadRoot, PrefersTheFirstReferenceThenInReplyToThenOwnId) {
  EXPECT_EQ(ThreadRoot({"root@x", "mid@x"}, {"mid@x"}, "own@x"), "root@x");
  EXPECT_EQ(ThreadRoot({}, {"parent@x"}, "own@x"), "parent@x");
  EXPECT_EQ(ThreadRoot({}, {}, "own@x"), "own@x");
}

TEST(StripQuotedReply, CutsTheAttributionAndTheTrailingQuote) {
  EXPECT_EQ(StripQuotedReply("Hi Rui,\n\nthanks.\n\nTom\n\n"
                             "On Tue, Sep 08, 2026 at 11:30:45AM +0100, Support wrote:\n"
                             ">Hi Tom,\n>\n>>From our data\n\n"),
            "Hi Rui,\n\nthanks.\n\nTom");
}

TEST(StripQuotedReply, HandlesAFoldedAttributionAndOtherLanguages) {
  EXPECT_EQ(StripQuotedReply("Ok.\n\nOn Tue, Sep 8, 2026 at 11:30 AM Northwind Support <\n"
                             "support@northwind.example> wrote:\n\n> quoted\n"),
            "Ok.");
  EXPECT_EQ(StripQuotedReply("Danke.\nAm 8. Sep. 2026 um 11:30 schrieb Support:\n> alt\n"),
            "Danke.");
  EXPECT_EQ(StripQuotedReply("Obrigada.\n\nEm qui., 10/09/2026 às 14:20, Orders escreveu:\n> x\n"),
            "Obrigada.");
}

TEST(StripQuotedReply, KeepsInlineAnswersAndAllQuoteTexts) {
  const std::string inline_answer = "> question one\nanswer one\n> question two\nanswer two";
  EXPECT_EQ(StripQuotedReply(inline_answer), inline_answer);
  EXPECT_EQ(StripQuotedReply("> only a quote\n"), "> only a quote");
}

TEST(StripQuotedReply, CutsAnOutlookOriginalMessageBlock) {
  EXPECT_EQ(StripQuotedReply("See below.\n\n-----Original Message-----\nFrom: x\nSubject: y\n\nz"),
            "See below.");
}

TEST(HtmlToText, TurnsMarkupIntoReadableLines) {
  EXPECT_EQ(HtmlToText("<html><head><title>t</title><style>p{}</style></head><body>"
                       "<p>Hi Tom,</p><p>Extension&nbsp;101 &amp; more&ndash;ok</p>"
                       "<p>Kind regards,<br>Rui</p></body></html>"),
            "Hi Tom,\n\nExtension 101 & more\xE2\x80\x93ok\n\nKind regards,\nRui");
  EXPECT_EQ(HtmlToText("<div dir=\"ltr\">a<div><br></div><div>b &#233;&#x20AC;</div></div>"),
            "a\n\nb \xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(HtmlToText("<p>new</p><blockquote><p>old</p></blockquote>"), "new\n\n> old");
  EXPECT_EQ(HtmlToText("<!-- hidden --><script>x()</script>1 &lt; 2"), "1 < 2");
}

}  // namespace
}  // namespace cxhub::email
