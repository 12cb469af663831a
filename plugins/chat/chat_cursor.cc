#include "plugins/chat/chat_cursor.h"

#include <vector>

namespace cxhub::chat {
namespace {

using ::cxhub::plugin_common::PositionFields;

constexpr absl::string_view kConnector = "chat";
constexpr int kVersion = 1;
constexpr PositionFields kOrder = PositionFields::kOffsetDeviceInode;

}  // namespace

std::string EncodeChatCursor(const ChatCursor& cursor) {
  std::string text = plugin_common::CursorHeader(kConnector, kVersion);
  text.push_back('\n');
  for (const auto& [path, position] : cursor.files) {
    plugin_common::AppendFilePositionLine(text, "", kOrder, path, position);
  }
  return text;
}

absl::StatusOr<ChatCursor> DecodeChatCursor(absl::string_view text) {
  absl::StatusOr<std::vector<absl::string_view>> lines =
      plugin_common::CursorLines(text, kConnector, kVersion);
  if (!lines.ok()) return lines.status();
  ChatCursor cursor;
  for (const absl::string_view line : *lines) {
    if (absl::Status status = plugin_common::ParseFilePositionLine(line, "", kOrder, cursor.files);
        !status.ok()) {
      return plugin_common::MalformedCursorLine(kConnector, line, status.message());
    }
  }
  return cursor;
}

}  // namespace cxhub::chat
