#include "plugins/common/html_nesting_guard.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"

namespace cxhub::plugin_common {
namespace {

constexpr size_t kNotFound = absl::string_view::npos;

bool IsOneOf(absl::string_view name, std::initializer_list<absl::string_view> names) {
  for (absl::string_view one : names) {
    if (absl::EqualsIgnoreCase(name, one)) return true;
  }
  return false;
}

// Elements that never have content.
bool IsVoid(absl::string_view name) {
  return IsOneOf(name,
                 {"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img",
                  "input", "keygen", "link", "meta", "param", "source", "track", "wbr"});
}

// Elements whose end tag may be left out: the next sibling or the parent's end closes them.
bool HasOptionalEndTag(absl::string_view name) {
  return IsOneOf(name, {"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody",
                        "thead", "tfoot", "rb", "rp", "rt", "rtc"});
}

// Elements whose content the HTML tokenizer reads as text up to their end tag.
bool HasRawTextContent(absl::string_view name) {
  return IsOneOf(name,
                 {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"});
}

bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// The index of the '>' that ends the tag whose name ends at `pos`, following the tokenizer's
// attribute states (quotes count only where an attribute value starts); kNotFound if none.
size_t TagEnd(absl::string_view html, size_t pos) {
  enum class State { kBetween, kName, kAfterName, kBeforeValue, kUnquotedValue };
  State state = State::kBetween;
  for (; pos < html.size(); ++pos) {
    const char c = html[pos];
    if (c == '>' && state != State::kBeforeValue) return pos;
    switch (state) {
      case State::kBetween:
        if (!IsHtmlSpace(c) && c != '/') state = State::kName;
        break;
      case State::kName:
      case State::kAfterName:
        if (c == '=') {
          state = State::kBeforeValue;
        } else if (c == '/') {
          state = State::kBetween;
        } else if (IsHtmlSpace(c)) {
          state = State::kAfterName;
        } else {
          state = State::kName;
        }
        break;
      case State::kBeforeValue:
        if (c == '>') return pos;
        if (c == '"' || c == '\'') {
          pos = html.find(c, pos + 1);
          if (pos == kNotFound) return kNotFound;
          state = State::kBetween;
        } else if (!IsHtmlSpace(c)) {
          state = State::kUnquotedValue;
        }
        break;
      case State::kUnquotedValue:
        if (IsHtmlSpace(c)) state = State::kBetween;
        break;
    }
  }
  return kNotFound;
}

// Where the comment starting at `lt` ("<!--") ends: after "-->", "--!>", or the abrupt "<!-->"
// and "<!--->"; kNotFound if it runs to the end.
size_t CommentEnd(absl::string_view html, size_t lt) {
  if (html.compare(lt, 5, "<!-->") == 0) return lt + 5;
  if (html.compare(lt, 6, "<!--->") == 0) return lt + 6;
  for (size_t dashes = html.find("--", lt + 4); dashes != kNotFound;
       dashes = html.find("--", dashes + 1)) {
    if (html.compare(dashes, 3, "-->") == 0) return dashes + 3;
    if (html.compare(dashes, 4, "--!>") == 0) return dashes + 4;
  }
  return kNotFound;
}

// Follows the tags of an HTML text, keeping an over-estimate of the stack of open elements and
// a copy without the start tags that would go deeper than the limit.
class NestingScan {
 public:
  NestingScan(absl::string_view html, int max_depth) : html_(html), max_depth_(max_depth) {}

  std::optional<std::string> Run() {
    size_t pos = 0;
    while (pos < html_.size()) {
      const size_t lt = html_.find('<', pos);
      if (lt == kNotFound) break;
      pos = Markup(lt);
    }
    if (!changed_) return std::nullopt;
    kept_.append(html_.data() + copied_, end_ - copied_);
    return std::move(kept_);
  }

 private:
  // Reads the markup at `lt` and returns where the scan goes on.
  size_t Markup(size_t lt) {
    const absl::string_view rest = html_.substr(lt);
    if (absl::StartsWith(rest, "<!--")) return Unless(CommentEnd(html_, lt), lt);
    if (rest.size() < 2) return html_.size();
    const char next = rest[1];
    if (next == '!' || next == '?') return Unless(html_.find('>', lt), lt, 1);
    const bool end_tag = next == '/';
    const size_t name_start = lt + (end_tag ? 2 : 1);
    if (name_start >= html_.size()) return html_.size();
    if (!absl::ascii_isalpha(static_cast<unsigned char>(html_[name_start]))) {
      if (!end_tag) return lt + 1;  // a '<' that starts no tag is text
      return Unless(html_.find('>', lt), lt, 1);
    }
    size_t name_end = name_start;
    while (name_end < html_.size() && !IsHtmlSpace(html_[name_end]) && html_[name_end] != '/' &&
           html_[name_end] != '>') {
      ++name_end;
    }
    const absl::string_view name = html_.substr(name_start, name_end - name_start);
    const size_t gt = TagEnd(html_, name_end);
    if (gt == kNotFound) return Unless(gt, lt);
    if (end_tag) {
      Close(name);
      return gt + 1;
    }
    return StartTag(name, lt, gt + 1);
  }

  size_t StartTag(absl::string_view name, size_t lt, size_t after) {
    if (IsVoid(name)) return after;
    if (HasRawTextContent(name) && !InForeignContent()) return RawTextEnd(name, after);
    if (HasOptionalEndTag(name)) Close(name);
    if (open_.size() >= static_cast<size_t>(max_depth_)) {
      kept_.append(html_.data() + copied_, lt - copied_);
      kept_.push_back(' ');  // keeps the words on either side apart
      copied_ = after;
      changed_ = true;
      return after;
    }
    open_.push_back(name);
    return after;
  }

  // Closes `name` if it is open on top of the stack, past elements with optional end tags.
  void Close(absl::string_view name) {
    for (size_t i = open_.size(); i > 0; --i) {
      if (absl::EqualsIgnoreCase(open_[i - 1], name)) {
        open_.resize(i - 1);
        return;
      }
      if (!HasOptionalEndTag(open_[i - 1])) return;
    }
  }

  bool InForeignContent() const {
    for (absl::string_view open : open_) {
      if (absl::EqualsIgnoreCase(open, "svg") || absl::EqualsIgnoreCase(open, "math")) return true;
    }
    return false;
  }

  // Where the raw text of `name`, starting at `pos`, ends: at its end tag "</name".
  size_t RawTextEnd(absl::string_view name, size_t pos) {
    for (size_t close = html_.find("</", pos); close != kNotFound;
         close = html_.find("</", close + 2)) {
      if (absl::EqualsIgnoreCase(html_.substr(close + 2, name.size()), name)) return close;
    }
    return html_.size();
  }

  // `found` if the markup at `lt` ends there (plus `extra` bytes); otherwise the markup runs to
  // the end of the input, which the parser drops, so the input ends at `lt`.
  size_t Unless(size_t found, size_t lt, size_t extra = 0) {
    if (found != kNotFound) return found + extra;
    end_ = lt;
    changed_ = changed_ || lt < html_.size();
    return html_.size();
  }

  absl::string_view html_;
  int max_depth_;
  std::vector<absl::string_view> open_;
  std::string kept_;
  size_t copied_ = 0;
  size_t end_ = html_.size();
  bool changed_ = false;
};

}  // namespace

std::optional<std::string> CapHtmlNesting(absl::string_view html, int max_depth) {
  return NestingScan(html, max_depth).Run();
}

}  // namespace cxhub::plugin_common
