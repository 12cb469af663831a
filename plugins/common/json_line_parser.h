// Parses one line of a JSON-lines file into a simdjson DOM, for the connectors that read one JSON
// object per line (social's Mastodon entities, web's Matomo visits).
//
// A line that is not JSON gives INVALID_ARGUMENT "$: invalid JSON: <simdjson's message>", with
// " (truncated?)" after "JSON" when the error is one a cut-off line makes (an unclosed string,
// array or object, or nothing at all), as an export interrupted mid-line leaves.
#ifndef CXHUB_PLUGINS_COMMON_JSON_LINE_PARSER_H_
#define CXHUB_PLUGINS_COMMON_JSON_LINE_PARSER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "simdjson.h"

namespace cxhub::plugin_common {

// Reuses its buffers from line to line: keep one per thread. Not thread-safe.
class JsonLineParser {
 public:
  // The document of `line` (without its newline), valid until the next Parse.
  absl::StatusOr<simdjson::dom::element> Parse(absl::string_view line);

 private:
  simdjson::dom::parser parser_;
  std::string buffer_;  // the line plus simdjson's padding
};

}  // namespace cxhub::plugin_common

#endif  // CXHUB_PLUGINS_COMMON_JSON_LINE_PARSER_H_
