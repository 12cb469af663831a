#include "plugins/common/html_text_layout.h"

#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"

namespace cxhub::plugin_common {
namespace {

constexpr absl::string_view kNoBreakSpace = "\xC2\xA0";

bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// `text` without an incomplete UTF-8 sequence at its end.
void DropIncompleteUtf8Tail(std::string& text) {
  size_t lead = text.size();
  while (lead > 0 && (static_cast<unsigned char>(text[lead - 1]) & 0xC0) == 0x80) --lead;
  if (lead == 0) return;
  const unsigned char first = static_cast<unsigned char>(text[lead - 1]);
  const size_t length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1;
  if (text.size() - (lead - 1) < length) text.resize(lead - 1);
}

}  // namespace

void HtmlTextLayout::Text(absl::string_view text, bool preformatted) {
  for (size_t i = 0; i < text.size() && !full_; ++i) {
    const char c = text[i];
    const bool no_break_space = options_.no_break_space_is_space &&
                                text.compare(i, kNoBreakSpace.size(), kNoBreakSpace) == 0;
    if (preformatted) {
      if (c == '\n') {
        LineBreak();
        continue;
      }
      WritePendingBreaks();
      pending_space_ = false;
      Put(no_break_space ? ' ' : c);
    } else if (IsHtmlSpace(c) || no_break_space) {
      pending_space_ = true;
    } else {
      WritePendingBreaks();
      WritePendingSpace();
      Put(c);
    }
    if (no_break_space) ++i;
  }
}

void HtmlTextLayout::Marker(absl::string_view text) {
  WritePendingBreaks();
  WritePendingSpace();
  for (char c : text) Put(c);
}

void HtmlTextLayout::RequestBreak(int newlines) {
  pending_space_ = false;
  if (out_.empty()) return;
  pending_breaks_ = std::max(pending_breaks_, newlines);
}

void HtmlTextLayout::LineBreak() {
  WritePendingBreaks();
  pending_space_ = false;
  if (!out_.empty()) NewLine();
}

void HtmlTextLayout::WritePendingBreaks() {
  if (pending_breaks_ == 0) return;
  int existing = 0;
  TrimTrailingSpaces();
  for (auto it = out_.rbegin(); it != out_.rend() && *it == '\n'; ++it) ++existing;
  for (int i = existing; i < pending_breaks_; ++i) NewLine();
  pending_breaks_ = 0;
  pending_space_ = false;
}

void HtmlTextLayout::WritePendingSpace() {
  if (pending_space_ && !at_line_start_ && !out_.empty() && out_.back() != ' ') Put(' ');
  pending_space_ = false;
}

void HtmlTextLayout::NewLine() {
  TrimTrailingSpaces();
  at_line_start_ = true;
  if (options_.at_most_one_empty_line && out_.size() >= 2 && out_[out_.size() - 1] == '\n' &&
      out_[out_.size() - 2] == '\n') {
    return;
  }
  Put('\n');
  at_line_start_ = true;
}

void HtmlTextLayout::Put(char c) {
  if (at_line_start_ && c != '\n') {
    at_line_start_ = false;
    const int levels = std::min(quote_depth_, options_.max_quote_prefix_levels);
    for (int i = 0; i < levels; ++i) {
      Put('>');
      Put(' ');
    }
  }
  if (out_.size() >= options_.max_bytes) {
    full_ = true;
    return;
  }
  out_.push_back(c);
}

void HtmlTextLayout::TrimTrailingSpaces() {
  while (!out_.empty() && out_.back() == ' ') out_.pop_back();
}

std::string HtmlTextLayout::Finish() {
  if (full_) DropIncompleteUtf8Tail(out_);
  const absl::string_view text = absl::StripAsciiWhitespace(out_);
  return std::string(text);
}

}  // namespace cxhub::plugin_common
