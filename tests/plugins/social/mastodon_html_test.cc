// The Mastodon rules of the shared HTML-to-text walk (MastodonHtmlOptions).
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/common/html_to_text.h"
#include "plugins/social/status_mapper.h"

namespace cxhub::social {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

using MastodonText = plugin_common::HtmlText;

MastodonText MastodonHtmlToText(absl::string_view html) {
  return plugin_common::HtmlToText(html, MastodonHtmlOptions());
}

std::string Text(absl::string_view html) { return MastodonHtmlToText(html).text; }

TEST(MastodonHtml, ParagraphsAreSeparatedByABlankLine) {
  EXPECT_EQ(Text("<p>First.</p><p>Second.</p><p>Third.</p>"), "First.\n\nSecond.\n\nThird.");
}

TEST(MastodonHtml, LineBreaksBecomeNewlines) {
  EXPECT_EQ(Text("<p>one<br>two<br/>three<br />four</p><p>next</p>"),
            "one\ntwo\nthree\nfour\n\nnext");
}

TEST(MastodonHtml, MentionReadsAsAtUser) {
  EXPECT_EQ(
      Text(R"(<p><span class="h-card" translate="no"><a href="https://fosstodon.example/@priya" )"
           R"(class="u-url mention">@<span>priya</span></a></span> thanks</p>)"),
      "@priya thanks");
}

TEST(MastodonHtml, HashtagReadsAsHashAndIsNotALink) {
  const MastodonText text = MastodonHtmlToText(
      R"(<p>Go <a href="https://mastodon.example/tags/caminhada" class="mention hashtag" )"
      R"(rel="tag">#<span>caminhada</span></a></p>)");
  EXPECT_EQ(text.text, "Go #caminhada");
  EXPECT_THAT(text.links, IsEmpty());
}

TEST(MastodonHtml, LinkWithInvisibleSpansReadsAsTheFullUrlAndIsListed) {
  const MastodonText text = MastodonHtmlToText(
      R"(<p>open <a href="https://northwind.example/help" target="_blank" rel="nofollow noopener" )"
      R"(translate="no"><span class="invisible">https://</span><span class="">)"
      R"(northwind.example/help</span><span class="invisible"></span></a> now</p>)");
  EXPECT_EQ(text.text, "open https://northwind.example/help now");
  EXPECT_THAT(text.links, ElementsAre("https://northwind.example/help"));
}

TEST(MastodonHtml, ShortenedLinkKeepsItsHiddenTail) {
  const MastodonText text = MastodonHtmlToText(
      R"(<a href="https://example.com/a/very/long/path?x=1&amp;y=2"><span class="invisible">)"
      R"(https://</span><span class="ellipsis">example.com/a/very/lo</span><span )"
      R"(class="invisible">ng/path?x=1&amp;y=2</span></a>)");
  EXPECT_EQ(text.text, "https://example.com/a/very/long/path?x=1&y=2");
  EXPECT_THAT(text.links, ElementsAre("https://example.com/a/very/long/path?x=1&y=2"));
}

TEST(MastodonHtml, RepeatedLinkIsListedOnce) {
  EXPECT_THAT(
      MastodonHtmlToText(R"(<a href="https://a.example/">a</a> <a href='https://a.example/'>b</a>)")
          .links,
      ElementsAre("https://a.example/"));
}

TEST(MastodonHtml, DecodesNamedDecimalAndHexReferences) {
  EXPECT_EQ(Text("<p>Tom &amp; Jerry&#39;s &quot;cat&quot; &lt;3 &gt; &apos;x&#x27;</p>"),
            "Tom & Jerry's \"cat\" <3 > 'x'");
  EXPECT_EQ(Text("smile &#128512; &#x1F600; caf&#233;"),
            "smile \xF0\x9F\x98\x80 \xF0\x9F\x98\x80 caf\xC3\xA9");
  EXPECT_EQ(Text("a&nbsp;b"),
            "a\xC2\xA0"
            "b");
}

TEST(MastodonHtml, InvalidCodePointsBecomeReplacementCharacters) {
  EXPECT_EQ(Text("&#0;|&#xD800;|&#99999999999;"), "\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD");
}

TEST(MastodonHtml, UnknownOrBareAmpersandsStayAsWritten) {
  EXPECT_EQ(Text("R&D &unknown; &#; &#xZZ; a & b"), "R&D &unknown; &#; &#xZZ; a & b");
  // "&amp" without its ';' is one of HTML5's legacy references, which browsers decode.
  EXPECT_EQ(Text("a & b &amp"), "a & b &");
}

TEST(MastodonHtml, WhiteSpaceCollapsesAndIsTrimmed) {
  EXPECT_EQ(Text("  <p>  a \n\t b  </p>\n<p> c </p>  "), "a b\n\nc");
}

TEST(MastodonHtml, LessThanThatStartsNoTagIsText) {
  EXPECT_EQ(Text("<p>1 < 2 and 3 <= 4</p>"), "1 < 2 and 3 <= 4");
  // "<a" does start a tag; one that the input ends inside is dropped, as browsers drop it.
  EXPECT_EQ(Text("unclosed <a href=\"x"), "unclosed");
}

TEST(MastodonHtml, ScriptStyleAndCommentsAreDropped) {
  EXPECT_EQ(Text("<p>a<script>alert('x')</script>b<!-- note -->c<STYLE>p{}</Style>d</p>"), "abcd");
}

TEST(MastodonHtml, BlockElementsStartNewLines) {
  EXPECT_EQ(Text("<p>list:</p><ul><li>one</li><li>two</li></ul><blockquote>quoted</blockquote>"),
            "list:\n\none\ntwo\nquoted");
}

TEST(MastodonHtml, EmptyContentIsEmptyText) {
  EXPECT_EQ(Text(""), "");
  EXPECT_EQ(Text("<p></p>"), "");
}

TEST(MastodonHtml, EntitiesDecodeOutsideMarkupToo) { EXPECT_EQ(Text("a&amp;b&#39;c&"), "a&b'c&"); }

}  // namespace
}  // namespace cxhub::social
