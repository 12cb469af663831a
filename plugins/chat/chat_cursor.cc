#include "plugins/chat/chat_cursor.h"

#include <utility>

namespace cxhub::chat {
namespace {

constexpr plugin_common::CursorFormat kFormat = {
    "chat", 1, plugin_common::PositionFields::kOffsetDeviceInode, ""};

}  // namespace

std::string EncodeChatCursor(const ChatCursor& cursor) {
  return plugin_common::EncodeFilePositions(kFormat, cursor.files);
}

absl::StatusOr<ChatCursor> DecodeChatCursor(absl::string_view text) {
  absl::StatusOr<plugin_common::FilePositions> files =
      plugin_common::DecodeFilePositions(kFormat, text);
  if (!files.ok()) return files.status();
  return ChatCursor{*std::move(files)};
}

}  // namespace cxhub::chat
