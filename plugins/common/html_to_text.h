// HTML turned into the plain text a reader sees, for every connector that receives HTML (email
// bodies, Mastodon statuses). The markup is parsed by Gumbo, an HTML5 parser that recovers from
// broken markup the way browsers do; one walk over its tree writes the text. What differs between
// channels (which elements break lines, quoting, list markers, which links to collect) is an
// option of that walk, never a second converter.
//
// Always, whatever the options:
//   - Tags are removed and their text kept; <script>, <style>, <head>, <title>, <template> and
//     comments are dropped.
//   - Character references are decoded as a browser decodes them (every HTML5 name, decimal and
//     hex; invalid code points become U+FFFD; unknown names stay as written).
//   - Runs of white space collapse to one space as a browser shows them, and never start or end
//     a line; <br> is a line break; the result has no leading or trailing white space.
//   - The work is linear in the input and the output is bounded: see max_depth and
//     max_output_bytes.
// Never fails.
#ifndef CXHUB_PLUGINS_COMMON_HTML_TO_TEXT_H_
#define CXHUB_PLUGINS_COMMON_HTML_TO_TEXT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace cxhub::plugin_common {

struct HtmlToTextOptions {
  // Lower-case names of the elements that stand apart from the text around them by an empty
  // line (a paragraph break before and after them).
  std::vector<std::string> paragraph_elements = {"p"};
  // Lower-case names of the elements that start and end a line (no empty line).
  std::vector<std::string> line_elements = {"div", "li", "ul", "ol", "blockquote", "pre",
                                            "h1",  "h2", "h3", "h4", "h5",         "h6"};
  // Prefix every line inside a <blockquote> with "> " per level, as quoted plain text reads, up to
  // max_quote_prefix_levels levels (deeper quotes read as that deep, so the prefixes stay linear
  // in the input).
  bool quote_blockquotes = false;
  int max_quote_prefix_levels = 8;
  // Written at the start of each <li>'s line ("- "); empty: nothing.
  std::string list_item_marker;
  // A space before each table cell (<td>, <th>), so cells of a row do not run together.
  bool separate_table_cells = false;
  // Inside <pre>, keep white space and line breaks as written instead of collapsing them.
  bool keep_preformatted_text = false;
  // A no-break space (U+00A0, &nbsp;) collapses like a plain space and reads as one; otherwise it
  // is kept as U+00A0.
  bool no_break_space_is_space = false;
  // At most one empty line in a row (breaks beyond two newlines are dropped); otherwise every
  // <br> counts.
  bool at_most_one_empty_line = false;

  // Collect the href of each <a> into HtmlText::links, in order, without duplicates, except links
  // carrying one of `uncollected_link_classes` in their class attribute (Mastodon's "mention",
  // "hashtag"), and empty ones.
  bool collect_links = false;
  std::vector<std::string> uncollected_link_classes;

  // Elements nested deeper than this are flattened into their ancestor at this depth: their tags
  // are dropped before parsing and their text kept. This also bounds the parser's work, which
  // grows with the depth of the tree at each tag.
  int max_depth = 256;
  // The text stops at this many bytes (at a UTF-8 boundary), and HtmlText::truncated is set.
  size_t max_output_bytes = size_t{1} << 20;
};

struct HtmlText {
  std::string text;
  std::vector<std::string> links;  // only with HtmlToTextOptions::collect_links
  bool truncated = false;          // the text reached max_output_bytes
};

// Returns the text a reader sees in `html` (UTF-8) under `options`.
HtmlText HtmlToText(absl::string_view html, const HtmlToTextOptions& options);

}  // namespace cxhub::plugin_common

#endif  // CXHUB_PLUGINS_COMMON_HTML_TO_TEXT_H_
