#include "plugins/survey/survey_cursor.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "plugins/common/fnv1a_hash.h"

namespace cxhub::survey {
namespace {

using ::cxhub::plugin_common::PositionFields;

constexpr absl::string_view kConnector = "survey";
constexpr int kVersion = 1;
constexpr absl::string_view kBeforeKeyword = "before ";

absl::Status ParseBeforeLine(absl::string_view line, BytesBefore& before) {
  std::vector<absl::string_view> parts = absl::StrSplit(line.substr(kBeforeKeyword.size()), ' ');
  if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &before.size) ||
      before.size > kBytesBeforeCheck || parts[1].size() != 16 ||
      !absl::SimpleHexAtoi(parts[1], &before.hash)) {
    return absl::InvalidArgumentError("expected before <size up to 256> <hash, 16 hex digits>");
  }
  return absl::OkStatus();
}

}  // namespace

std::string EncodeSurveyCursor(const SurveyCursor& cursor) {
  std::string text = plugin_common::CursorHeader(kConnector, kVersion);
  text.push_back('\n');
  if (cursor.path.empty()) return text;
  plugin_common::AppendFilePositionLine(text, "", PositionFields::kDeviceInodeOffset, cursor.path,
                                        cursor.position);
  absl::StrAppendFormat(&text, "%s%d %016x\n", kBeforeKeyword, cursor.before.size,
                        cursor.before.hash);
  return text;
}

absl::StatusOr<std::optional<SurveyCursor>> DecodeSurveyCursor(absl::string_view text) {
  absl::StatusOr<std::vector<absl::string_view>> lines =
      plugin_common::CursorLines(text, kConnector, kVersion);
  if (!lines.ok()) return lines.status();
  if (lines->empty()) return std::nullopt;
  if (lines->size() != 2) {
    return absl::InvalidArgumentError(
        "the survey cursor must have one file line and one 'before' line");
  }
  plugin_common::FilePositions files;
  absl::Status status = plugin_common::ParseFilePositionLine(
      (*lines)[0], "", PositionFields::kDeviceInodeOffset, files);
  if (!status.ok())
    return plugin_common::MalformedCursorLine(kConnector, (*lines)[0], status.message());
  SurveyCursor cursor;
  cursor.path = files.begin()->first;
  cursor.position = files.begin()->second;
  status = absl::StartsWith((*lines)[1], kBeforeKeyword)
               ? ParseBeforeLine((*lines)[1], cursor.before)
               : absl::InvalidArgumentError("expected a 'before' line");
  if (!status.ok())
    return plugin_common::MalformedCursorLine(kConnector, (*lines)[1], status.message());
  if (cursor.before.size > cursor.position.offset) {
    return plugin_common::MalformedCursorLine(kConnector, (*lines)[1],
                                              "it covers more bytes than the offset");
  }
  return cursor;
}

absl::StatusOr<BytesBefore> HashBytesBefore(const std::string& path, uint64_t offset) {
  BytesBefore before;
  before.size = offset < kBytesBeforeCheck ? offset : kBytesBeforeCheck;
  std::string bytes(before.size, '\0');
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return absl::UnavailableError(absl::StrCat("cannot open '", path, "': ", std::strerror(errno)));
  }
  size_t done = 0;
  int error_number = 0;
  while (done < bytes.size()) {
    const ssize_t n = pread(fd, bytes.data() + done, bytes.size() - done,
                            static_cast<off_t>(offset - before.size + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) error_number = errno;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  close(fd);
  if (error_number != 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot read '", path, "': ", std::strerror(error_number)));
  }
  if (done < bytes.size()) {
    return absl::UnavailableError(absl::StrCat("'", path, "' is shorter than ", offset, " bytes"));
  }
  before.hash = plugin_common::Fnv1a64(bytes);
  return before;
}

}  // namespace cxhub::survey
