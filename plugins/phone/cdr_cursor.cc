#include "plugins/phone/cdr_cursor.h"

#include <vector>

namespace cxhub::phone {
namespace {

using ::cxhub::plugin_common::PositionFields;

constexpr absl::string_view kConnector = "phone";
constexpr int kVersion = 1;
constexpr PositionFields kOrder = PositionFields::kDeviceInodeOffset;

}  // namespace

std::string EncodeCdrCursor(const CdrCursor& cursor) {
  std::string text = plugin_common::CursorHeader(kConnector, kVersion);
  text.push_back('\n');
  for (const auto& [path, position] : cursor.files) {
    plugin_common::AppendFilePositionLine(text, "", kOrder, path, position);
  }
  return text;
}

absl::StatusOr<CdrCursor> DecodeCdrCursor(absl::string_view text) {
  absl::StatusOr<std::vector<absl::string_view>> lines =
      plugin_common::CursorLines(text, kConnector, kVersion);
  if (!lines.ok()) return lines.status();
  CdrCursor cursor;
  for (const absl::string_view line : *lines) {
    if (absl::Status status = plugin_common::ParseFilePositionLine(line, "", kOrder, cursor.files);
        !status.ok()) {
      return plugin_common::MalformedCursorLine(kConnector, line, status.message());
    }
  }
  return cursor;
}

}  // namespace cxhub::phone
