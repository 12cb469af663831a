#include "plugins/common/json_line_parser.h"

#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace cxhub::plugin_common {

absl::StatusOr<simdjson::dom::element> JsonLineParser::Parse(absl::string_view line) {
  buffer_.resize(line.size() + simdjson::SIMDJSON_PADDING);
  if (!line.empty()) std::memcpy(buffer_.data(), line.data(), line.size());
  simdjson::dom::element root;
  const simdjson::error_code error = parser_.parse(buffer_.data(), line.size(), false).get(root);
  if (error != simdjson::SUCCESS) {
    const bool truncated = error == simdjson::UNCLOSED_STRING || error == simdjson::TAPE_ERROR ||
                           error == simdjson::INCOMPLETE_ARRAY_OR_OBJECT ||
                           error == simdjson::EMPTY;
    return absl::InvalidArgumentError(absl::StrCat(
        "$: invalid JSON", truncated ? " (truncated?)" : "", ": ", simdjson::error_message(error)));
  }
  return root;
}

}  // namespace cxhub::plugin_common
