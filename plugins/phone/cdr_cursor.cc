#include "plugins/phone/cdr_cursor.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace cxhub::phone {
namespace {

constexpr absl::string_view kHeader = "cxhub-phone-cursor 1";
constexpr absl::string_view kHeaderPrefix = "cxhub-phone-cursor ";

absl::Status Malformed(absl::string_view line, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("phone cursor line '", line.substr(0, 200), "' is malformed: ", why));
}

}  // namespace

std::string EncodeCdrCursor(const CdrCursor& cursor) {
  std::string text(kHeader);
  text.push_back('\n');
  for (const auto& [path, position] : cursor.files) {
    absl::StrAppendFormat(&text, "%d %d %d %d %016x %s\n", position.identity.device,
                          position.identity.inode, position.offset,
                          position.identity.fingerprint_size, position.identity.fingerprint, path);
  }
  return text;
}

absl::StatusOr<CdrCursor> DecodeCdrCursor(absl::string_view text) {
  CdrCursor cursor;
  if (text.empty()) return cursor;
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  if (lines.back().empty()) lines.pop_back();
  if (lines.empty() || lines[0] != kHeader) {
    if (!lines.empty() && absl::StartsWith(lines[0], kHeaderPrefix)) {
      return absl::InvalidArgumentError(
          absl::StrCat("phone cursor version '", lines[0].substr(kHeaderPrefix.size(), 20),
                       "' is not supported (this plugin reads version 1)"));
    }
    return absl::InvalidArgumentError(
        "the cursor is not a phone connector cursor (it does not start with '" +
        std::string(kHeader) + "')");
  }
  for (size_t i = 1; i < lines.size(); ++i) {
    const absl::string_view line = lines[i];
    std::vector<absl::string_view> parts = absl::StrSplit(line, absl::MaxSplits(' ', 5));
    if (parts.size() != 6 || parts[5].empty()) {
      return Malformed(line, "expected <device> <inode> <offset> <size> <fingerprint> <path>");
    }
    FilePosition position;
    if (!absl::SimpleAtoi(parts[0], &position.identity.device) ||
        !absl::SimpleAtoi(parts[1], &position.identity.inode) ||
        !absl::SimpleAtoi(parts[2], &position.offset) ||
        !absl::SimpleAtoi(parts[3], &position.identity.fingerprint_size) ||
        position.identity.fingerprint_size > kFingerprintBytes) {
      return Malformed(line, "device, inode, offset and fingerprint size must be numbers");
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

}  // namespace cxhub::phone
