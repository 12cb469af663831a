// Lays out the text of an HTML walk: collapses white space, turns requested breaks into lines,
// prefixes quoted lines and stops at a size limit. Used by html_to_text.cc only.
#ifndef CXHUB_PLUGINS_COMMON_HTML_TEXT_LAYOUT_H_
#define CXHUB_PLUGINS_COMMON_HTML_TEXT_LAYOUT_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace cxhub::plugin_common {

struct HtmlTextLayoutOptions {
  bool no_break_space_is_space = false;  // U+00A0 collapses like a space
  bool at_most_one_empty_line = false;
  size_t max_bytes = size_t{1} << 20;
  // At most this many "> " start a quoted line, however deep the quote: the prefix is written on
  // every line, so without a cap the text grows with depth x lines.
  int max_quote_prefix_levels = 8;
};

class HtmlTextLayout {
 public:
  explicit HtmlTextLayout(const HtmlTextLayoutOptions& options) : options_(options) {}

  // Text as it appears in the markup: runs of white space collapse to one space, which never
  // starts or ends a line. `preformatted` keeps spaces and turns newlines into line breaks.
  void Text(absl::string_view text, bool preformatted);
  // Text written as is at the current position, after the pending breaks (a list marker).
  void Marker(absl::string_view text);
  // A space that collapses with white space around it (between table cells).
  void Space() { pending_space_ = true; }
  // Asks for the next text to start `newlines` lines down (1: a new line, 2: after an empty
  // line). Requests combine to the largest; nothing is written before the first text.
  void RequestBreak(int newlines);
  // A line break that always counts (<br>), after the pending breaks.
  void LineBreak();
  // Lines started from now on begin with "> " this many times.
  void set_quote_depth(int depth) { quote_depth_ = depth; }

  // True once the text reached the size limit: nothing more is written.
  bool full() const { return full_; }
  // The text, without leading or trailing white space and cut at a UTF-8 boundary if full.
  std::string Finish();

 private:
  void WritePendingBreaks();
  void WritePendingSpace();
  void NewLine();
  void Put(char c);
  void TrimTrailingSpaces();

  HtmlTextLayoutOptions options_;
  std::string out_;
  bool at_line_start_ = true;
  bool pending_space_ = false;
  int pending_breaks_ = 0;
  int quote_depth_ = 0;
  bool full_ = false;
};

}  // namespace cxhub::plugin_common

#endif  // CXHUB_PLUGINS_COMMON_HTML_TEXT_LAYOUT_H_
