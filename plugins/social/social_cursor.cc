#include "plugins/social/social_cursor.h"

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace cxhub::social {
namespace {

constexpr absl::string_view kHeader = "cxhub-social-cursor 1";
constexpr absl::string_view kHeaderPrefix = "cxhub-social-cursor ";

absl::Status Malformed(absl::string_view line, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("social cursor line '", line.substr(0, 200), "' is malformed: ", why));
}

absl::Status DecodeFile(absl::string_view line, absl::string_view rest, SocialCursor& cursor) {
  std::vector<absl::string_view> parts = absl::StrSplit(rest, absl::MaxSplits(' ', 5));
  if (parts.size() != 6 || parts[5].empty()) {
    return Malformed(line, "expected file <device> <inode> <offset> <size> <fingerprint> <path>");
  }
  FilePosition position;
  if (!absl::SimpleAtoi(parts[0], &position.identity.device) ||
      !absl::SimpleAtoi(parts[1], &position.identity.inode) ||
      !absl::SimpleAtoi(parts[2], &position.offset) ||
      !absl::SimpleAtoi(parts[3], &position.identity.fingerprint_size) ||
      position.identity.fingerprint_size > phone::kFingerprintBytes) {
    return Malformed(line, "device, inode, offset and fingerprint size must be numbers");
  }
  if (parts[4].size() != 16 || !absl::SimpleHexAtoi(parts[4], &position.identity.fingerprint)) {
    return Malformed(line, "the fingerprint must be 16 hex digits");
  }
  if (!cursor.files.emplace(std::string(parts[5]), position).second) {
    return Malformed(line, "the file appears twice");
  }
  return absl::OkStatus();
}

}  // namespace

std::string EncodeSocialCursor(const SocialCursor& cursor) {
  std::string text(kHeader);
  text.push_back('\n');
  for (const auto& [path, position] : cursor.files) {
    absl::StrAppendFormat(&text, "file %d %d %d %d %016x %s\n", position.identity.device,
                          position.identity.inode, position.offset,
                          position.identity.fingerprint_size, position.identity.fingerprint, path);
  }
  for (const ThreadEntry& entry : cursor.threads) {
    absl::StrAppend(&text, "thread ", entry.status_id, " ", entry.root_id, "\n");
  }
  return text;
}

absl::StatusOr<SocialCursor> DecodeSocialCursor(absl::string_view text) {
  SocialCursor cursor;
  if (text.empty()) return cursor;
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  if (lines.back().empty()) lines.pop_back();
  if (lines.empty() || lines[0] != kHeader) {
    if (!lines.empty() && absl::StartsWith(lines[0], kHeaderPrefix)) {
      return absl::InvalidArgumentError(
          absl::StrCat("social cursor version '", lines[0].substr(kHeaderPrefix.size(), 20),
                       "' is not supported (this plugin reads version 1)"));
    }
    return absl::InvalidArgumentError(absl::StrCat(
        "the cursor is not a social connector cursor (it does not start with '", kHeader, "')"));
  }
  for (size_t i = 1; i < lines.size(); ++i) {
    const absl::string_view line = lines[i];
    if (absl::StartsWith(line, "file ")) {
      if (absl::Status status = DecodeFile(line, line.substr(5), cursor); !status.ok()) {
        return status;
      }
    } else if (absl::StartsWith(line, "thread ")) {
      std::vector<absl::string_view> parts = absl::StrSplit(line.substr(7), ' ');
      if (parts.size() != 2 || parts[0].empty() || parts[1].empty()) {
        return Malformed(line, "expected thread <status id> <root id>");
      }
      cursor.threads.push_back({std::string(parts[0]), std::string(parts[1])});
    } else {
      return Malformed(line, "expected a file or thread line");
    }
  }
  return cursor;
}

}  // namespace cxhub::social
