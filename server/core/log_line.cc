#include "server/core/log_line.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace cxhub {
namespace {

constexpr absl::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

// The length of the valid UTF-8 sequence starting at text[at], or 0 if it is not one (a stray
// continuation byte, a truncated or overlong sequence, a surrogate, or beyond U+10FFFF).
size_t ValidUtf8SequenceLength(absl::string_view text, size_t at) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[at + i]); };
  const unsigned char lead = byte(0);
  size_t length;
  unsigned char min_second = 0x80;
  unsigned char max_second = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) min_second = 0xA0;  // Overlong.
    if (lead == 0xED) max_second = 0x9F;  // Surrogates.
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) min_second = 0x90;  // Overlong.
    if (lead == 0xF4) max_second = 0x8F;  // Beyond U+10FFFF.
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  if (byte(1) < min_second || byte(1) > max_second) return 0;
  for (size_t i = 2; i < length; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
  }
  return length;
}

// JSON's two-character escape of an ASCII character, or "" when it has none.
absl::string_view ShortEscape(unsigned char c) {
  switch (c) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default:
      return "";
  }
}

// Appends `text` with the JSON string escapes, keeping valid UTF-8 and replacing each invalid
// byte with U+FFFD.
void AppendEscaped(std::string& out, absl::string_view text) {
  for (size_t at = 0; at < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[at]);
    if (c >= 0x80) {
      const size_t length = ValidUtf8SequenceLength(text, at);
      if (length == 0) {
        out.append(kReplacementCharacter.data(), kReplacementCharacter.size());
        ++at;
      } else {
        out.append(text.data() + at, length);
        at += length;
      }
      continue;
    }
    if (const absl::string_view escape = ShortEscape(c); !escape.empty()) {
      out.append(escape.data(), escape.size());
    } else if (c < 0x20 || c == 0x7F) {
      absl::StrAppendFormat(&out, "\\u%04x", c);
    } else {
      out += static_cast<char>(c);
    }
    ++at;
  }
}

bool NeedsQuotes(absl::string_view text) {
  if (text.empty()) return true;
  for (const char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F || c == '"' || c == '=' || c == '\\') return true;
  }
  return false;
}

void AppendTextValue(std::string& out, absl::string_view text) {
  if (!NeedsQuotes(text)) return AppendEscaped(out, text);  // Only repairs UTF-8.
  out += '"';
  AppendEscaped(out, text);
  out += '"';
}

void AppendJsonString(std::string& out, absl::string_view text) {
  out += '"';
  AppendEscaped(out, text);
  out += '"';
}

// Numbers and booleans are written the same way in both formats (JSON has no NaN or infinity:
// those become null there).
void AppendValue(std::string& out, LogFormat format, const LogField& field) {
  struct Visitor {
    std::string& out;
    LogFormat format;
    void operator()(const std::string& text) const {
      format == LogFormat::kJson ? AppendJsonString(out, text) : AppendTextValue(out, text);
    }
    void operator()(int64_t number) const { absl::StrAppend(&out, number); }
    void operator()(uint64_t number) const { absl::StrAppend(&out, number); }
    void operator()(double number) const {
      if (format == LogFormat::kJson && !std::isfinite(number)) {
        out += "null";
      } else {
        absl::StrAppend(&out, number);
      }
    }
    void operator()(bool flag) const { out += flag ? "true" : "false"; }
  };
  std::visit(Visitor{out, format}, field.value());
}

std::string FormatLogTime(absl::Time time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", time, absl::UTCTimeZone());
}

std::string FormatText(absl::Time time, LogLevel level, absl::string_view event,
                       absl::Span<const LogField> fields) {
  std::string line = absl::StrCat(FormatLogTime(time), " ", LogLevelName(level), " ");
  AppendTextValue(line, event);
  for (const LogField& field : fields) {
    line += ' ';
    AppendEscaped(line, field.key());
    line += '=';
    AppendValue(line, LogFormat::kText, field);
  }
  line += '\n';
  return line;
}

std::string FormatJson(absl::Time time, LogLevel level, absl::string_view event,
                       absl::Span<const LogField> fields) {
  std::string line = absl::StrCat("{\"time\":\"", FormatLogTime(time), "\",\"level\":\"",
                                  absl::AsciiStrToLower(LogLevelName(level)), "\",\"event\":");
  AppendJsonString(line, event);
  line += ",\"fields\":{";
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    AppendJsonString(line, fields[i].key());
    line += ':';
    AppendValue(line, LogFormat::kJson, fields[i]);
  }
  line += "}}\n";
  return line;
}

}  // namespace

absl::string_view LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "DEBUG";
    case LogLevel::kInfo:
      return "INFO";
    case LogLevel::kWarning:
      return "WARNING";
    case LogLevel::kError:
      return "ERROR";
  }
  return "INFO";
}

std::string FormatLogLine(LogFormat format, absl::Time time, LogLevel level,
                          absl::string_view event, absl::Span<const LogField> fields) {
  return format == LogFormat::kJson ? FormatJson(time, level, event, fields)
                                    : FormatText(time, level, event, fields);
}

}  // namespace cxhub
