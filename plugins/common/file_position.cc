#include "plugins/common/file_position.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "plugins/common/utf8_clip.h"

namespace cxhub::plugin_common {

std::string CursorHeader(absl::string_view connector, int version) {
  return absl::StrCat("cxhub-", connector, "-cursor ", version);
}

absl::StatusOr<std::vector<absl::string_view>> CursorLines(absl::string_view text,
                                                           absl::string_view connector,
                                                           int version) {
  if (text.empty()) return std::vector<absl::string_view>();
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  if (lines.back().empty()) lines.pop_back();
  const std::string header = CursorHeader(connector, version);
  if (lines.empty() || lines[0] != header) {
    const std::string prefix = absl::StrCat("cxhub-", connector, "-cursor ");
    if (!lines.empty() && absl::StartsWith(lines[0], prefix)) {
      return absl::InvalidArgumentError(
          absl::StrCat(connector, " cursor version '", lines[0].substr(prefix.size(), 20),
                       "' is not supported (this plugin reads version ", version, ")"));
    }
    return absl::InvalidArgumentError(absl::StrCat("the cursor is not a ", connector,
                                                   " connector cursor (it does not start with '",
                                                   header, "')"));
  }
  lines.erase(lines.begin());
  return lines;
}

absl::Status MalformedCursorLine(absl::string_view connector, absl::string_view line,
                                 absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat(connector, " cursor line '", ClipUtf8(line, 200), "' is malformed: ", why));
}

void AppendFilePositionLine(std::string& text, absl::string_view keyword, PositionFields order,
                            absl::string_view path, const FilePosition& position) {
  const FileIdentity& id = position.identity;
  if (order == PositionFields::kDeviceInodeOffset) {
    absl::StrAppendFormat(&text, "%s%d %d %d %d %016x %s\n", keyword, id.device, id.inode,
                          position.offset, id.fingerprint_size, id.fingerprint, path);
  } else {
    absl::StrAppendFormat(&text, "%s%d %d %d %d %016x %s\n", keyword, position.offset, id.device,
                          id.inode, id.fingerprint_size, id.fingerprint, path);
  }
}

absl::Status ParseFilePositionLine(absl::string_view line, absl::string_view keyword,
                                   PositionFields order, FilePositions& files) {
  const bool device_first = order == PositionFields::kDeviceInodeOffset;
  std::vector<absl::string_view> parts =
      absl::StrSplit(line.substr(keyword.size()), absl::MaxSplits(' ', 5));
  if (parts.size() != 6 || parts[5].empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("expected ", keyword,
                     device_first ? "<device> <inode> <offset>" : "<offset> <device> <inode>",
                     " <size> <fingerprint> <path>"));
  }
  FilePosition position;
  uint64_t* const numbers[3] = {
      device_first ? &position.identity.device : &position.offset,
      device_first ? &position.identity.inode : &position.identity.device,
      device_first ? &position.offset : &position.identity.inode,
  };
  if (!absl::SimpleAtoi(parts[0], numbers[0]) || !absl::SimpleAtoi(parts[1], numbers[1]) ||
      !absl::SimpleAtoi(parts[2], numbers[2]) ||
      !absl::SimpleAtoi(parts[3], &position.identity.fingerprint_size) ||
      position.identity.fingerprint_size > kFingerprintBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(device_first ? "device, inode, offset" : "offset, device, inode",
                     " and fingerprint size must be numbers"));
  }
  if (parts[4].size() != 16 || !absl::SimpleHexAtoi(parts[4], &position.identity.fingerprint)) {
    return absl::InvalidArgumentError("the fingerprint must be 16 hex digits");
  }
  if (!files.emplace(std::string(parts[5]), position).second) {
    return absl::InvalidArgumentError("the file appears twice");
  }
  return absl::OkStatus();
}

std::string EncodeFilePositions(const CursorFormat& format, const FilePositions& files) {
  std::string text = CursorHeader(format.connector, format.version);
  text.push_back('\n');
  for (const auto& [path, position] : files) {
    AppendFilePositionLine(text, format.file_keyword, format.order, path, position);
  }
  return text;
}

absl::StatusOr<FilePositions> DecodeFilePositions(const CursorFormat& format,
                                                  absl::string_view text) {
  absl::StatusOr<std::vector<absl::string_view>> lines =
      CursorLines(text, format.connector, format.version);
  if (!lines.ok()) return lines.status();
  FilePositions files;
  for (const absl::string_view line : *lines) {
    absl::Status status =
        absl::StartsWith(line, format.file_keyword)
            ? ParseFilePositionLine(line, format.file_keyword, format.order, files)
            : absl::InvalidArgumentError("expected a file line");
    if (!status.ok()) return MalformedCursorLine(format.connector, line, status.message());
  }
  return files;
}

}  // namespace cxhub::plugin_common
