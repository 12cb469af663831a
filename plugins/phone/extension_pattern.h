// Which numbers in a CDR are the business's own extensions.
//
// A pattern is written like an Asterisk dialplan pattern, without its ranges and wildcards, so it
// matches numbers of exactly its length:
//   X  any digit 0-9      Z  a digit 1-9      N  a digit 2-9      0-9  that digit
// An optional leading `_` (as in the dialplan) is ignored, letters are case-insensitive.
// Examples: `1XX` matches 100-199; `2XXX` matches 2000-2999; `100` matches only 100.
#ifndef CXHUB_PLUGINS_PHONE_EXTENSION_PATTERN_H_
#define CXHUB_PLUGINS_PHONE_EXTENSION_PATTERN_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cxhub::phone {

class ExtensionPatterns {
 public:
  ExtensionPatterns() = default;

  // Parses comma-separated patterns ("1XX,2XXX"); spaces around them are ignored. An empty text
  // gives no patterns (no number is an extension). INVALID_ARGUMENT naming the pattern otherwise.
  static absl::StatusOr<ExtensionPatterns> Parse(absl::string_view text);

  // True when `number` (spaces around it ignored) matches one of the patterns.
  bool Matches(absl::string_view number) const;

  const std::vector<std::string>& patterns() const { return patterns_; }

 private:
  std::vector<std::string> patterns_;  // upper-case, without the leading `_`
};

}  // namespace cxhub::phone

#endif  // CXHUB_PLUGINS_PHONE_EXTENSION_PATTERN_H_
