#include "server/storage/mysql_script.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"

namespace cxhub {

absl::StatusOr<std::vector<std::string>> SplitMysqlScript(absl::string_view script) {
  std::vector<std::string> statements;
  std::string current;
  auto finish = [&]() {
    absl::string_view trimmed = absl::StripAsciiWhitespace(current);
    if (!trimmed.empty()) statements.emplace_back(trimmed);
    current.clear();
  };
  size_t i = 0;
  const size_t n = script.size();
  while (i < n) {
    const char c = script[i];
    const char next = i + 1 < n ? script[i + 1] : '\0';
    if (c == '#' ||
        (c == '-' && next == '-' && (i + 2 >= n || absl::ascii_isspace(script[i + 2])))) {
      // A line comment: skip to the end of the line, keep the newline as a separator.
      while (i < n && script[i] != '\n') ++i;
      current += ' ';
      continue;
    }
    if (c == '/' && next == '*') {
      const size_t end = script.find("*/", i + 2);
      if (end == absl::string_view::npos) {
        return absl::InvalidArgumentError("unterminated /* comment in SQL script");
      }
      i = end + 2;
      current += ' ';
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
      // Copy the quoted text as is. A doubled quote stands for itself; in '...' and "..."
      // a backslash escapes the next character (the default sql_mode).
      current += c;
      ++i;
      bool closed = false;
      while (i < n) {
        const char q = script[i];
        current += q;
        ++i;
        if (q == '\\' && c != '`' && i < n) {
          current += script[i];
          ++i;
          continue;
        }
        if (q == c) {
          if (i < n && script[i] == c) {
            current += c;
            ++i;
            continue;
          }
          closed = true;
          break;
        }
      }
      if (!closed) return absl::InvalidArgumentError("unterminated quote in SQL script");
      continue;
    }
    if (c == ';') {
      finish();
      ++i;
      continue;
    }
    current += c;
    ++i;
  }
  finish();
  return statements;
}

}  // namespace cxhub
