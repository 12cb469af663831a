#include "plugins/email/html_text.h"

#include <cstdint>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/string_view.h"

namespace cxhub::email {
namespace {

struct NamedEntity {
  const char* name;
  char32_t code_point;
};

constexpr NamedEntity kEntities[] = {
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},      {"apos", '\''},
    {"nbsp", ' '},     {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026}, {"lsquo", 0x2018},
    {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"euro", 0x20AC},   {"copy", 0xA9},
    {"reg", 0xAE},     {"trade", 0x2122}, {"laquo", 0xAB},   {"raquo", 0xBB},    {"bull", 0x2022},
    {"middot", 0xB7},  {"deg", 0xB0},     {"times", 0xD7},   {"rarr", 0x2192},   {"larr", 0x2190},
    {"pound", 0xA3},   {"yen", 0xA5},     {"cent", 0xA2},    {"sect", 0xA7},     {"para", 0xB6},
    {"iexcl", 0xA1},   {"iquest", 0xBF},  {"aacute", 0xE1},  {"eacute", 0xE9},   {"iacute", 0xED},
    {"oacute", 0xF3},  {"uacute", 0xFA},  {"agrave", 0xE0},  {"egrave", 0xE8},   {"atilde", 0xE3},
    {"otilde", 0xF5},  {"ccedil", 0xE7},  {"acirc", 0xE2},   {"ecirc", 0xEA},    {"ocirc", 0xF4},
    {"auml", 0xE4},    {"ouml", 0xF6},    {"uuml", 0xFC},    {"szlig", 0xDF},    {"aring", 0xE5},
    {"oslash", 0xF8},  {"aelig", 0xE6},   {"ntilde", 0xF1},  {"Aacute", 0xC1},   {"Eacute", 0xC9},
    {"Ccedil", 0xC7},  {"Atilde", 0xC3},  {"Auml", 0xC4},    {"Ouml", 0xD6},     {"Uuml", 0xDC},
    {"Aring", 0xC5},   {"Oslash", 0xD8},  {"AElig", 0xC6},   {"Ntilde", 0xD1},
};

bool IsBlockTag(absl::string_view tag) {
  static constexpr absl::string_view kBlocks[] = {
      "p",       "div",     "li",       "ul",     "ol",   "tr", "table", "h1",
      "h2",      "h3",      "h4",       "h5",     "h6",   "hr", "pre",   "address",
      "section", "article", "header",   "footer", "dl",   "dt", "dd",    "blockquote",
      "center",  "form",    "fieldset", "tbody",  "thead"};
  for (absl::string_view block : kBlocks) {
    if (tag == block) return true;
  }
  return false;
}

bool IsParagraphTag(absl::string_view tag) {
  return tag == "p" || tag == "h1" || tag == "h2" || tag == "h3" || tag == "h4" || tag == "h5" ||
         tag == "h6" || tag == "table" || tag == "ul" || tag == "ol" || tag == "blockquote";
}

// Builds the text line by line, with blockquote prefixes and collapsed white space.
class TextBuilder {
 public:
  void Text(absl::string_view text, bool preformatted) {
    for (char c : text) {
      if (preformatted) {
        if (c == '\n') {
          LineBreak();
        } else {
          Put(c);
        }
        continue;
      }
      if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
        pending_space_ = true;
        continue;
      }
      if (pending_space_ && !at_line_start_) Put(' ');
      pending_space_ = false;
      Put(c);
    }
  }
  void Literal(absl::string_view text) {
    if (pending_space_ && !at_line_start_) Put(' ');
    pending_space_ = false;
    for (char c : text) Put(c);
  }
  void LineBreak() {
    TrimTrailingSpaces();
    out_.push_back('\n');
    at_line_start_ = true;
    pending_space_ = false;
  }
  // Ends the current line unless it is empty.
  void EnsureLineStart() {
    if (!at_line_start_) LineBreak();
    pending_space_ = false;
  }
  void ParagraphBreak() {
    EnsureLineStart();
    if (!out_.empty() && !absl::EndsWith(out_, "\n\n")) LineBreak();
  }
  void set_quote_depth(int depth) { quote_depth_ = depth < 0 ? 0 : depth; }

  std::string Finish() {
    TrimTrailingSpaces();
    std::string result;
    int newlines = 0;
    for (char c : out_) {
      if (c == '\n') {
        if (++newlines > 2) continue;
      } else {
        newlines = 0;
      }
      result.push_back(c);
    }
    size_t begin = result.find_first_not_of('\n');
    if (begin == std::string::npos) return "";
    size_t end = result.find_last_not_of('\n');
    return result.substr(begin, end - begin + 1);
  }

 private:
  void Put(char c) {
    if (at_line_start_) {
      for (int i = 0; i < quote_depth_; ++i) out_.append("> ");
      at_line_start_ = false;
    }
    out_.push_back(c);
  }
  void TrimTrailingSpaces() {
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
  }

  std::string out_;
  bool at_line_start_ = true;
  bool pending_space_ = false;
  int quote_depth_ = 0;
};

// Decodes the character reference starting at html[pos] == '&'. Returns the number of bytes it
// used (0 when it is not a reference) and appends the character to `out`.
size_t DecodeReference(absl::string_view html, size_t pos, std::string& out) {
  size_t semicolon = html.find(';', pos);
  if (semicolon == absl::string_view::npos || semicolon - pos > 12) return 0;
  absl::string_view name = html.substr(pos + 1, semicolon - pos - 1);
  if (name.empty()) return 0;
  if (name[0] == '#') {
    uint32_t value = 0;
    bool ok = (name.size() > 1 && (name[1] == 'x' || name[1] == 'X'))
                  ? absl::SimpleHexAtoi(name.substr(2), &value)
                  : absl::SimpleAtoi(name.substr(1), &value);
    if (!ok) return 0;
    AppendUtf8(value == 0xA0 ? ' ' : static_cast<char32_t>(value), out);
    return semicolon - pos + 1;
  }
  for (const NamedEntity& entity : kEntities) {
    if (name == entity.name) {
      AppendUtf8(entity.code_point, out);
      return semicolon - pos + 1;
    }
  }
  return 0;
}

// The lower-cased tag name of the tag body (text between '<' and '>'), without a leading '/'.
std::string TagName(absl::string_view body) {
  if (!body.empty() && body[0] == '/') body.remove_prefix(1);
  size_t end = 0;
  while (end < body.size() && (absl::ascii_isalnum(static_cast<unsigned char>(body[end])))) ++end;
  return absl::AsciiStrToLower(body.substr(0, end));
}

}  // namespace

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string HtmlToText(absl::string_view html) {
  TextBuilder builder;
  int quote_depth = 0;
  int pre_depth = 0;
  std::string skip_until;  // closing tag of a skipped element (script, style, head, title)
  size_t pos = 0;
  std::string text;
  const auto flush_text = [&] {
    builder.Text(text, pre_depth > 0);
    text.clear();
  };
  while (pos < html.size()) {
    char c = html[pos];
    if (c == '<') {
      if (html.substr(pos, 4) == "<!--") {
        size_t end = html.find("-->", pos + 4);
        pos = end == absl::string_view::npos ? html.size() : end + 3;
        continue;
      }
      // Find the end of the tag, skipping quoted attribute values.
      size_t end = pos + 1;
      char quote = 0;
      while (end < html.size()) {
        char d = html[end];
        if (quote != 0) {
          if (d == quote) quote = 0;
        } else if (d == '"' || d == '\'') {
          quote = d;
        } else if (d == '>') {
          break;
        }
        ++end;
      }
      absl::string_view body = html.substr(pos + 1, end - pos - 1);
      pos = end < html.size() ? end + 1 : html.size();
      bool closing = !body.empty() && body[0] == '/';
      std::string tag = TagName(body);
      if (tag.empty()) {
        if (skip_until.empty()) text.append("<").append(body.data(), body.size());
        continue;
      }
      if (!skip_until.empty()) {
        if (closing && tag == skip_until) skip_until.clear();
        continue;
      }
      flush_text();
      if (!closing && (tag == "script" || tag == "style" || tag == "head" || tag == "title")) {
        if (!absl::EndsWith(body, "/")) skip_until = tag;
        continue;
      }
      if (tag == "br") {
        builder.LineBreak();
      } else if (tag == "blockquote") {
        builder.ParagraphBreak();
        quote_depth += closing ? -1 : 1;
        builder.set_quote_depth(quote_depth);
      } else if (tag == "pre") {
        builder.EnsureLineStart();
        pre_depth += closing ? (pre_depth > 0 ? -1 : 0) : 1;
      } else if (tag == "li" && !closing) {
        builder.EnsureLineStart();
        builder.Literal("- ");
      } else if (tag == "td" || tag == "th") {
        if (!closing) builder.Literal(" ");
      } else if (IsParagraphTag(tag)) {
        builder.ParagraphBreak();
      } else if (IsBlockTag(tag)) {
        builder.EnsureLineStart();
      }
      continue;
    }
    if (!skip_until.empty()) {
      ++pos;
      continue;
    }
    if (c == '&') {
      size_t used = DecodeReference(html, pos, text);
      if (used > 0) {
        pos += used;
        continue;
      }
    }
    text.push_back(c);
    ++pos;
  }
  flush_text();
  return builder.Finish();
}

}  // namespace cxhub::email
