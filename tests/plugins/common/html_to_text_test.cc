// The shared HTML-to-text walk: its options, its bounds, and the nesting guard in front of Gumbo.
// The email and Mastodon rules are pinned by the tests of those connectors.
#include "plugins/common/html_to_text.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/common/html_nesting_guard.h"

namespace cxhub::plugin_common {
namespace {

using ::testing::ElementsAre;
using ::testing::Optional;

std::string Repeat(absl::string_view unit, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) absl::StrAppend(&out, unit);
  return out;
}

std::string Text(absl::string_view html, const HtmlToTextOptions& options = {}) {
  return HtmlToText(html, options).text;
}

TEST(HtmlToText, RecoversFromBrokenMarkupAsABrowserDoes) {
  EXPECT_EQ(Text("<p>one<p>two"), "one\n\ntwo");
  EXPECT_EQ(Text("<b><i>bold</b>plain</i> end"), "boldplain end");
  EXPECT_EQ(Text("<ul><li>a<li>b</ul>"), "a\nb");
  EXPECT_EQ(Text("x <!-- unterminated comment <p>y"), "x");
}

TEST(HtmlToText, ChannelRulesAreOptions) {
  HtmlToTextOptions options;
  options.paragraph_elements = {"p", "ul", "blockquote"};
  options.line_elements = {"li", "tr", "pre"};
  options.quote_blockquotes = true;
  options.list_item_marker = "- ";
  options.separate_table_cells = true;
  options.keep_preformatted_text = true;
  EXPECT_EQ(Text("<p>see</p><ul><li>one</li><li> two</li></ul>", options), "see\n\n- one\n- two");
  EXPECT_EQ(Text("<blockquote>a<blockquote>b</blockquote>c</blockquote>", options),
            "> a\n\n> > b\n\n> c");
  EXPECT_EQ(Text("<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>", options),
            "a b\nc");
  EXPECT_EQ(Text("<pre>  x = 1;\n  y = 2;</pre>after", options), "x = 1;\n  y = 2;\nafter");
}

TEST(HtmlToText, NoBreakSpaceIsKeptOrReadAsASpace) {
  EXPECT_EQ(Text("a&nbsp;&nbsp;b"),
            "a\xC2\xA0\xC2\xA0"
            "b");
  HtmlToTextOptions options;
  options.no_break_space_is_space = true;
  EXPECT_EQ(Text("a&nbsp;&nbsp;b&nbsp;", options), "a b");
}

TEST(HtmlToText, AtMostOneEmptyLineWhenAsked) {
  EXPECT_EQ(Text("a<br><br><br>b"), "a\n\n\nb");
  HtmlToTextOptions options;
  options.at_most_one_empty_line = true;
  EXPECT_EQ(Text("a<br><br><br>b", options), "a\n\nb");
}

TEST(HtmlToText, CollectsLinksOnceExceptUncollectedClasses) {
  HtmlToTextOptions options;
  options.collect_links = true;
  options.uncollected_link_classes = {"mention"};
  const HtmlText text = HtmlToText(
      "<a href='https://b.example/?a=1&amp;b=2'>b</a> <a class='u-url  mention' "
      "href='https://m.example/@x'>@x</a> <a href='https://b.example/?a=1&b=2'>again</a> "
      "<a href=''>empty</a> <a>none</a>",
      options);
  EXPECT_THAT(text.links, ElementsAre("https://b.example/?a=1&b=2"));
  EXPECT_THAT(HtmlToText("<a href='https://b.example/'>b</a>", {}).links, testing::IsEmpty());
}

TEST(HtmlToText, OutputStopsAtItsLimitOnACharacterBoundary) {
  HtmlToTextOptions options;
  options.max_output_bytes = 8;
  const HtmlText text = HtmlToText("<p>caf\xC3\xA9 caf\xC3\xA9 caf\xC3\xA9</p>", options);
  EXPECT_TRUE(text.truncated);
  EXPECT_EQ(text.text, "caf\xC3\xA9 ca");
  options.max_output_bytes = 5;
  EXPECT_EQ(HtmlToText("caf\xC3\xA9!", options).text, "caf\xC3\xA9");
  options.max_output_bytes = 4;
  EXPECT_EQ(HtmlToText("caf\xC3\xA9!", options).text, "caf");
  EXPECT_FALSE(HtmlToText("short", {}).truncated);
}

TEST(HtmlToText, ElementsBeyondTheDepthLimitAreFlattenedAndTheirTextKept) {
  HtmlToTextOptions options;
  options.max_depth = 3;
  EXPECT_EQ(Text("<div>a<div>b<div>c<div>d<p>e</p></div></div></div></div>", options),
            "a\nb\nc d e");
}

// Each of these nests 100000 elements; Gumbo takes seconds per 16000 levels. What keeps the work
// linear is that the nesting guard cuts every one of them to the depth limit before Gumbo parses
// (checked as a property, not timed), and the text still comes out.
TEST(HtmlToText, DeepNestingIsCutBeforeParsingAndTheTextKept) {
  struct Case {
    std::string html;
    std::string text;
  };
  const Case cases[] = {
      {Repeat("<div>", 100000) + "x", "x"},
      {Repeat("<span>", 100000) + "x", "x"},
      {Repeat("<b><div></b>", 50000) + "x", "x"},
      {Repeat("<div><object></div>", 50000) + "x", "x"},
      // Inside <svg>, <style> is an element with children, not raw text (and not shown).
      {"<svg><style>" + Repeat("<g>", 100000) + "x", ""},
      {"<p><a =' '>" + Repeat("<i>", 100000) + "x", "x"},
  };
  for (const Case& deep : cases) {
    EXPECT_TRUE(CapHtmlNesting(deep.html, HtmlToTextOptions().max_depth).has_value())
        << deep.html.substr(0, 40);
    EXPECT_EQ(HtmlToText(deep.html, {}).text, deep.text) << deep.html.substr(0, 40);
  }
}

TEST(CapHtmlNesting, LeavesShallowMarkupAlone) {
  EXPECT_EQ(CapHtmlNesting("<div><p>a</p><p>b<br>c</div><!-- <div><div> -->", 2), std::nullopt);
  EXPECT_EQ(CapHtmlNesting("<ul><li>a<li>b<li>c</ul><script>'<b><b><b>'</script>", 2),
            std::nullopt);
}

TEST(CapHtmlNesting, DropsStartTagsBeyondTheLimit) {
  EXPECT_THAT(CapHtmlNesting("<div><div title='>'><div>x</div></div></div>", 2),
              Optional(std::string("<div><div title='>'> x</div></div></div>")));
  EXPECT_THAT(CapHtmlNesting("<b><div></b><b><div></b>x", 2),
              Optional(std::string("<b><div></b>  </b>x")));
}

TEST(CapHtmlNesting, EndsTheInputWhereAnUnterminatedTagStarts) {
  EXPECT_THAT(CapHtmlNesting("a <a href=\"x", 8), Optional(std::string("a ")));
}

}  // namespace
}  // namespace cxhub::plugin_common
