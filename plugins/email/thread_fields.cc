#include "plugins/email/thread_fields.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace cxhub::email {
namespace {

// Removes one prefix such as "Re:", "AW :", "Re[3]:" from the start of `subject`.
bool StripOnePrefix(absl::string_view& subject) {
  static constexpr absl::string_view kPrefixes[] = {"re", "fwd",  "fw",  "aw",  "wg", "sv",
                                                    "vs", "antw", "enc", "res", "tr"};
  for (absl::string_view prefix : kPrefixes) {
    if (subject.size() <= prefix.size() ||
        !absl::EqualsIgnoreCase(subject.substr(0, prefix.size()), prefix)) {
      continue;
    }
    absl::string_view rest = subject.substr(prefix.size());
    // An optional counter: "[2]" or "^2".
    if (!rest.empty() && rest[0] == '[') {
      size_t close = rest.find(']');
      if (close == absl::string_view::npos) continue;
      rest.remove_prefix(close + 1);
    } else if (!rest.empty() && rest[0] == '^') {
      size_t digits = 1;
      while (digits < rest.size() && absl::ascii_isdigit(static_cast<unsigned char>(rest[digits])))
        ++digits;
      rest.remove_prefix(digits);
    }
    rest = absl::StripLeadingAsciiWhitespace(rest);
    if (rest.empty() || rest[0] != ':') continue;
    rest.remove_prefix(1);
    rest = absl::StripLeadingAsciiWhitespace(rest);
    if (rest.empty()) return false;  // "Re:" alone is the whole subject
    subject = rest;
    return true;
  }
  return false;
}

}  // namespace

std::string NormalizeSubject(absl::string_view subject) {
  std::vector<absl::string_view> words =
      absl::StrSplit(subject, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty());
  std::string collapsed = absl::StrJoin(words, " ");
  absl::string_view rest = collapsed;
  while (StripOnePrefix(rest)) {
  }
  return std::string(rest);
}

std::string ThreadRoot(const std::vector<std::string>& references,
                       const std::vector<std::string>& in_reply_to,
                       const std::string& own_message_id) {
  if (!references.empty()) return references.front();
  if (!in_reply_to.empty()) return in_reply_to.front();
  return own_message_id;
}

}  // namespace cxhub::email
