// Hostile JSON lines for the connectors that read one JSON object per line (chat's Chatwoot
// events, social's Mastodon entities). Header-only.
#ifndef CXHUB_TESTS_PLUGINS_HOSTILE_JSON_LINES_H_
#define CXHUB_TESTS_PLUGINS_HOSTILE_JSON_LINES_H_

#include <cstddef>
#include <string>

#include "absl/strings/str_cat.h"

namespace cxhub::test {

// `depth` nested JSON arrays, "[[[...]]]": valid JSON that no mapper expects.
inline std::string NestedJsonArrays(size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

// A valid JSON object of more than `bytes` bytes: {"padding":"xxx..."}.
inline std::string LongJsonLine(size_t bytes) {
  return absl::StrCat(R"({"padding":")", std::string(bytes, 'x'), R"("})");
}

}  // namespace cxhub::test

#endif  // CXHUB_TESTS_PLUGINS_HOSTILE_JSON_LINES_H_
