#include "plugins/social/mastodon_html.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"

namespace cxhub::social {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

void AppendUtf8(char32_t code_point, std::string& out) {
  if (code_point == 0 || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    code_point = kReplacement;
  }
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

// Decodes the reference starting at text[0] == '&'. Returns the bytes consumed (0: not a
// reference, the '&' is literal).
size_t DecodeReference(absl::string_view text, std::string& out) {
  const size_t semicolon = text.find(';', 1);
  if (semicolon == absl::string_view::npos || semicolon > 32) return 0;
  const absl::string_view name = text.substr(1, semicolon - 1);
  if (name.size() >= 2 && name[0] == '#') {
    const bool hex = name[1] == 'x' || name[1] == 'X';
    const absl::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    uint32_t value = 0;
    for (const char c : digits) {
      int digit;
      if (absl::ascii_isdigit(static_cast<unsigned char>(c))) {
        digit = c - '0';
      } else if (hex && absl::ascii_isxdigit(static_cast<unsigned char>(c))) {
        digit = absl::ascii_tolower(static_cast<unsigned char>(c)) - 'a' + 10;
      } else {
        return 0;
      }
      value = value * (hex ? 16 : 10) + static_cast<uint32_t>(digit);
      if (value > 0x10FFFF) value = 0x110000;  // stays invalid, never overflows
    }
    AppendUtf8(static_cast<char32_t>(value), out);
    return semicolon + 1;
  }
  struct Named {
    absl::string_view name;
    absl::string_view text;
  };
  static constexpr Named kNamed[] = {{"amp", "&"},
                                     {"lt", "<"},
                                     {"gt", ">"},
                                     {"quot", "\""},
                                     {"apos", "'"},
                                     {"nbsp", "\xC2\xA0"},
                                     {"hellip", "\xE2\x80\xA6"}};
  for (const Named& named : kNamed) {
    if (name == named.name) {
      out.append(named.text.data(), named.text.size());
      return semicolon + 1;
    }
  }
  return 0;
}

struct Tag {
  std::string name;  // lower-case, without '/'
  bool closing = false;
  std::string href;   // decoded
  std::string klass;  // raw class attribute
};

// Reads the attributes of a tag body (after its name) for the few this converter uses.
void ReadAttributes(absl::string_view body, Tag& tag) {
  size_t i = 0;
  while (i < body.size()) {
    while (i < body.size() &&
           (absl::ascii_isspace(static_cast<unsigned char>(body[i])) || body[i] == '/')) {
      ++i;
    }
    const size_t name_start = i;
    while (i < body.size() && body[i] != '=' && body[i] != '/' &&
           !absl::ascii_isspace(static_cast<unsigned char>(body[i]))) {
      ++i;
    }
    const std::string name = absl::AsciiStrToLower(body.substr(name_start, i - name_start));
    while (i < body.size() && absl::ascii_isspace(static_cast<unsigned char>(body[i]))) ++i;
    absl::string_view value;
    if (i < body.size() && body[i] == '=') {
      ++i;
      while (i < body.size() && absl::ascii_isspace(static_cast<unsigned char>(body[i]))) ++i;
      if (i < body.size() && (body[i] == '"' || body[i] == '\'')) {
        const char quote = body[i++];
        const size_t end = std::min(body.find(quote, i), body.size());
        value = body.substr(i, end - i);
        i = end + 1;
      } else {
        const size_t start = i;
        while (i < body.size() && !absl::ascii_isspace(static_cast<unsigned char>(body[i]))) ++i;
        value = body.substr(start, i - start);
      }
    }
    if (name == "href") {
      tag.href.clear();
      AppendDecodedEntities(value, tag.href);
    } else if (name == "class") {
      tag.klass = std::string(value);
    }
    if (name.empty() && i == name_start) ++i;  // stray character: move on
  }
}

// Finds the '>' that ends the tag opened at text[0] == '<', skipping quoted attribute values.
size_t TagEnd(absl::string_view text) {
  char quote = 0;
  for (size_t i = 1; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i;
    }
  }
  return absl::string_view::npos;
}

bool HasClass(absl::string_view klass, absl::string_view wanted) {
  for (absl::string_view one : absl::StrSplit(klass, ' ', absl::SkipEmpty())) {
    if (one == wanted) return true;
  }
  return false;
}

bool IsBlock(absl::string_view name) {
  return name == "blockquote" || name == "li" || name == "ul" || name == "ol" || name == "pre" ||
         name == "div" || (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6');
}

// Builds the text: collapses white space and never lets breaks pile up beyond a blank line.
class TextBuilder {
 public:
  void Text(absl::string_view text) {
    for (const char c : text) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        pending_space_ = true;
      } else {
        Flush();
        out_.push_back(c);
      }
    }
  }
  // Decoded text that may contain U+00A0 etc.; spaces in it are literal.
  void Literal(absl::string_view text) {
    Flush();
    out_.append(text.data(), text.size());
  }
  // Ends the line; `blank` leaves an empty line after it (a paragraph break).
  void Break(bool blank) {
    pending_space_ = false;
    if (out_.empty()) return;
    const int wanted = blank ? 2 : 1;
    wanted_breaks_ = std::max(wanted_breaks_, wanted);
  }
  void HardBreak() {
    pending_space_ = false;
    MaterializeBreaks();
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    out_.push_back('\n');
  }
  std::string Finish() {
    const absl::string_view trimmed = absl::StripAsciiWhitespace(out_);
    return std::string(trimmed);
  }

 private:
  void MaterializeBreaks() {
    if (wanted_breaks_ == 0) return;
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    int existing = 0;
    for (auto it = out_.rbegin(); it != out_.rend() && *it == '\n'; ++it) ++existing;
    for (int i = existing; i < wanted_breaks_; ++i) out_.push_back('\n');
    wanted_breaks_ = 0;
  }

  void Flush() {
    if (wanted_breaks_ > 0) {
      MaterializeBreaks();
      pending_space_ = false;
    } else if (pending_space_) {
      if (!out_.empty() && out_.back() != '\n' && out_.back() != ' ') out_.push_back(' ');
      pending_space_ = false;
    }
  }

  std::string out_;
  bool pending_space_ = false;
  int wanted_breaks_ = 0;
};

}  // namespace

void AppendDecodedEntities(absl::string_view text, std::string& out) {
  size_t i = 0;
  while (i < text.size()) {
    const size_t amp = text.find('&', i);
    if (amp == absl::string_view::npos) {
      out.append(text.data() + i, text.size() - i);
      return;
    }
    out.append(text.data() + i, amp - i);
    const size_t used = DecodeReference(text.substr(amp), out);
    if (used == 0) {
      out.push_back('&');
      i = amp + 1;
    } else {
      i = amp + used;
    }
  }
}

MastodonText MastodonHtmlToText(absl::string_view html) {
  MastodonText result;
  TextBuilder builder;
  std::string decoded;
  size_t i = 0;
  while (i < html.size()) {
    const size_t lt = html.find('<', i);
    const absl::string_view text =
        html.substr(i, (lt == absl::string_view::npos ? html.size() : lt) - i);
    if (!text.empty()) {
      // Split decoded text so that raw white space collapses but &nbsp; stays.
      size_t j = 0;
      while (j < text.size()) {
        const size_t amp = text.find('&', j);
        builder.Text(text.substr(j, (amp == absl::string_view::npos ? text.size() : amp) - j));
        if (amp == absl::string_view::npos) break;
        decoded.clear();
        const size_t used = DecodeReference(text.substr(amp), decoded);
        if (used == 0) {
          builder.Literal("&");
          j = amp + 1;
        } else {
          builder.Literal(decoded);
          j = amp + used;
        }
      }
    }
    if (lt == absl::string_view::npos) break;
    const absl::string_view rest = html.substr(lt);
    if (absl::StartsWith(rest, "<!--")) {
      const size_t end = rest.find("-->", 4);
      i = end == absl::string_view::npos ? html.size() : lt + end + 3;
      continue;
    }
    const bool is_tag =
        rest.size() > 1 && (absl::ascii_isalpha(static_cast<unsigned char>(rest[1])) ||
                            rest[1] == '/' || rest[1] == '!' || rest[1] == '?');
    const size_t end = is_tag ? TagEnd(rest) : absl::string_view::npos;
    if (end == absl::string_view::npos) {
      builder.Literal("<");
      i = lt + 1;
      continue;
    }
    i = lt + end + 1;
    absl::string_view body = rest.substr(1, end - 1);
    Tag tag;
    if (!body.empty() && body[0] == '/') {
      tag.closing = true;
      body.remove_prefix(1);
    }
    size_t name_end = 0;
    while (name_end < body.size() &&
           (absl::ascii_isalnum(static_cast<unsigned char>(body[name_end])))) {
      ++name_end;
    }
    tag.name = absl::AsciiStrToLower(body.substr(0, name_end));
    if (tag.name.empty()) continue;  // <!doctype>, <?xml?>, </ >
    if (tag.name == "script" || tag.name == "style") {
      if (tag.closing) continue;
      // Skip to the matching end tag (case-insensitive); everything up to it is dropped.
      const std::string lowered = absl::AsciiStrToLower(html.substr(i));
      const size_t close = lowered.find("</" + tag.name);
      if (close == std::string::npos) break;
      const size_t close_end = lowered.find('>', close);
      i = close_end == std::string::npos ? html.size() : i + close_end + 1;
      continue;
    }
    if (tag.name == "br") {
      builder.HardBreak();
    } else if (tag.name == "p") {
      builder.Break(/*blank=*/true);
    } else if (IsBlock(tag.name)) {
      builder.Break(/*blank=*/false);
    } else if (tag.name == "a" && !tag.closing) {
      ReadAttributes(body.substr(name_end), tag);
      if (!tag.href.empty() && !HasClass(tag.klass, "mention") && !HasClass(tag.klass, "hashtag") &&
          std::find(result.links.begin(), result.links.end(), tag.href) == result.links.end()) {
        result.links.push_back(tag.href);
      }
    }
  }
  result.text = builder.Finish();
  return result;
}

}  // namespace cxhub::social
