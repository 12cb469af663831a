#include "plugins/phone/extension_pattern.h"

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace cxhub::phone {
namespace {

bool CharMatches(char pattern, char c) {
  switch (pattern) {
    case 'X':
      return c >= '0' && c <= '9';
    case 'Z':
      return c >= '1' && c <= '9';
    case 'N':
      return c >= '2' && c <= '9';
    default:
      return pattern == c;
  }
}

}  // namespace

absl::StatusOr<ExtensionPatterns> ExtensionPatterns::Parse(absl::string_view text) {
  ExtensionPatterns result;
  for (absl::string_view piece : absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    std::string pattern = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(piece));
    if (!pattern.empty() && pattern.front() == '_') pattern.erase(0, 1);
    if (pattern.empty() || pattern.find_first_not_of("0123456789XZN") != std::string::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("extension pattern '", absl::StripAsciiWhitespace(piece),
                       "' may contain only digits and X (0-9), Z (1-9), N (2-9), e.g. 1XX"));
    }
    result.patterns_.push_back(std::move(pattern));
  }
  return result;
}

bool ExtensionPatterns::Matches(absl::string_view number) const {
  number = absl::StripAsciiWhitespace(number);
  for (const std::string& pattern : patterns_) {
    if (pattern.size() != number.size()) continue;
    bool all = true;
    for (size_t i = 0; i < pattern.size() && all; ++i) all = CharMatches(pattern[i], number[i]);
    if (all) return true;
  }
  return false;
}

}  // namespace cxhub::phone
