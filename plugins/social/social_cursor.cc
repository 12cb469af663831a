#include "plugins/social/social_cursor.h"

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace cxhub::social {
namespace {

using ::cxhub::plugin_common::PositionFields;

constexpr absl::string_view kConnector = "social";
constexpr int kVersion = 1;
constexpr PositionFields kOrder = PositionFields::kDeviceInodeOffset;
constexpr absl::string_view kFileKeyword = "file ";
constexpr plugin_common::CursorFormat kFormat = {kConnector, kVersion, kOrder, kFileKeyword};
constexpr absl::string_view kThreadKeyword = "thread ";

}  // namespace

std::string EncodeSocialCursor(const SocialCursor& cursor) {
  std::string text = plugin_common::EncodeFilePositions(kFormat, cursor.files);
  for (const ThreadEntry& entry : cursor.threads) {
    absl::StrAppend(&text, kThreadKeyword, entry.status_id, " ", entry.root_id, "\n");
  }
  return text;
}

absl::StatusOr<SocialCursor> DecodeSocialCursor(absl::string_view text) {
  absl::StatusOr<std::vector<absl::string_view>> lines =
      plugin_common::CursorLines(text, kConnector, kVersion);
  if (!lines.ok()) return lines.status();
  SocialCursor cursor;
  for (const absl::string_view line : *lines) {
    if (absl::StartsWith(line, kFileKeyword)) {
      if (absl::Status status =
              plugin_common::ParseFilePositionLine(line, kFileKeyword, kOrder, cursor.files);
          !status.ok()) {
        return plugin_common::MalformedCursorLine(kConnector, line, status.message());
      }
    } else if (absl::StartsWith(line, kThreadKeyword)) {
      std::vector<absl::string_view> parts =
          absl::StrSplit(line.substr(kThreadKeyword.size()), ' ');
      if (parts.size() != 2 || parts[0].empty() || parts[1].empty()) {
        return plugin_common::MalformedCursorLine(kConnector, line,
                                                  "expected thread <status id> <root id>");
      }
      cursor.threads.push_back({std::string(parts[0]), std::string(parts[1])});
    } else {
      return plugin_common::MalformedCursorLine(kConnector, line, "expected a file or thread line");
    }
  }
  return cursor;
}

}  // namespace cxhub::social
