#include "plugins/chat/chat_cursor.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace cxhub::chat {
namespace {

constexpr absl::string_view kMagic = "cxhub-chat-cursor ";
constexpr absl::string_view kVersion = "1";

absl::Status Malformed(absl::string_view line, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("chat cursor line '", line.substr(0, 200), "' is malformed: ", why));
}

}  // namespace

std::string EncodeChatCursor(const ChatCursor& cursor) {
  std::string text = absl::StrCat(kMagic, kVersion, "\n");
  for (const auto& [path, position] : cursor.files) {
    absl::StrAppendFormat(&text, "%d %d %d %d %016x %s\n", position.offset,
                          position.identity.device, position.identity.inode,
                          position.identity.fingerprint_size, position.identity.fingerprint, path);
  }
  return text;
}

absl::StatusOr<ChatCursor> DecodeChatCursor(absl::string_view text) {
  ChatCursor cursor;
  if (text.empty()) return cursor;
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  if (lines.back().empty()) lines.pop_back();
  if (lines.empty() || !absl::StartsWith(lines[0], kMagic)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the cursor is not a chat connector cursor (it does not start with '", kMagic, "')"));
  }
  if (lines[0].substr(kMagic.size()) != kVersion) {
    return absl::InvalidArgumentError(
        absl::StrCat("chat cursor version '", lines[0].substr(kMagic.size(), 20),
                     "' is not supported (this plugin reads version ", kVersion, ")"));
  }
  for (size_t i = 1; i < lines.size(); ++i) {
    const absl::string_view line = lines[i];
    std::vector<absl::string_view> parts = absl::StrSplit(line, absl::MaxSplits(' ', 5));
    if (parts.size() != 6 || parts[5].empty()) {
      return Malformed(line, "expected <offset> <device> <inode> <size> <fingerprint> <path>");
    }
    FilePosition position;
    if (!absl::SimpleAtoi(parts[0], &position.offset) ||
        !absl::SimpleAtoi(parts[1], &position.identity.device) ||
        !absl::SimpleAtoi(parts[2], &position.identity.inode) ||
        !absl::SimpleAtoi(parts[3], &position.identity.fingerprint_size) ||
        position.identity.fingerprint_size > phone::kFingerprintBytes) {
      return Malformed(line, "offset, device, inode and fingerprint size must be numbers");
    }
    if (parts[4].size() != 16 || !absl::SimpleHexAtoi(parts[4], &position.identity.fingerprint)) {
      return Malformed(line, "the fingerprint must be 16 hex digits");
    }
    if (!cursor.files.emplace(std::string(parts[5]), position).second) {
      return Malformed(line, "the file appears twice");
    }
  }
  return cursor;
}

}  // namespace cxhub::chat
