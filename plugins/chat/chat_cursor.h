// The chat connector's cursor: how far each source file (the configured JSONL files and the
// webhook spool) was read, and which file that was.
//
// Versioned text, one line per file (the host stores it as opaque bytes):
//
//   cxhub-chat-cursor 1
//   <offset> <device> <inode> <fingerprint size> <fingerprint, 16 hex digits> <path>
//
// `offset` is just past the last complete line handled; device, inode and fingerprint (FNV-1a of
// the first bytes) identify the file as plugins/common's LineFileTailer does (file_position.h,
// whose file lines this is, with the offset first). The path runs to the end of the line.
#ifndef CXHUB_PLUGINS_CHAT_CHAT_CURSOR_H_
#define CXHUB_PLUGINS_CHAT_CHAT_CURSOR_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "plugins/common/file_position.h"

namespace cxhub::chat {

using ::cxhub::plugin_common::FilePosition;

struct ChatCursor {
  plugin_common::FilePositions files;  // by path as configured
};

// The text form above. Paths must not contain a newline (options refuse them).
std::string EncodeChatCursor(const ChatCursor& cursor);

// Parses EncodeChatCursor's output; empty text is the empty cursor ("from the beginning").
// INVALID_ARGUMENT for anything else, including another version.
absl::StatusOr<ChatCursor> DecodeChatCursor(absl::string_view text);

}  // namespace cxhub::chat

#endif  // CXHUB_PLUGINS_CHAT_CHAT_CURSOR_H_
