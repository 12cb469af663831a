// Which file a tailed source is, how far it was read, and the cursor text that records it.
//
// A connector cursor (stored by the host as opaque bytes) is versioned text:
//
//   cxhub-<connector>-cursor <version>
//   [<keyword>]<three numbers> <fingerprint size> <fingerprint, 16 hex digits> <path>
//   ...
//
// The three numbers are device, inode and offset, in the order the connector chose when its
// format was fixed (PositionFields). `offset` is just past the last complete line handled. The
// fingerprint is a 64-bit FNV-1a hash (fnv1a_hash.h) of the file's first `fingerprint size` bytes
// (at most kFingerprintBytes), so a file that was replaced or rewritten in place is told apart
// from the one the offset belongs to even when the file system reuses its inode. The path is the
// configured one and runs to the end of the line (it must not contain a newline).
#ifndef CXHUB_PLUGINS_COMMON_FILE_POSITION_H_
#define CXHUB_PLUGINS_COMMON_FILE_POSITION_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cxhub::plugin_common {

// How many leading bytes of a file its fingerprint covers (fewer while the file is shorter).
inline constexpr uint64_t kFingerprintBytes = 1024;

// Which file: device and inode, plus a hash of its first bytes.
struct FileIdentity {
  uint64_t device = 0;
  uint64_t inode = 0;
  uint64_t fingerprint_size = 0;
  uint64_t fingerprint = 0;

  bool operator==(const FileIdentity& other) const {
    return device == other.device && inode == other.inode &&
           fingerprint_size == other.fingerprint_size && fingerprint == other.fingerprint;
  }
};

struct FilePosition {
  FileIdentity identity;
  uint64_t offset = 0;

  bool operator==(const FilePosition& other) const {
    return identity == other.identity && offset == other.offset;
  }
};

// The position of every file read so far, by configured path.
using FilePositions = std::map<std::string, FilePosition>;

// The order of the numbers on a file line.
enum class PositionFields {
  kDeviceInodeOffset,  // "<device> <inode> <offset> ..." (phone, social)
  kOffsetDeviceInode,  // "<offset> <device> <inode> ..." (chat)
};

// "cxhub-<connector>-cursor <version>", the first line of a cursor.
std::string CursorHeader(absl::string_view connector, int version);

// The lines after the header of a cursor `text` (empty for an empty text: "from the start").
// INVALID_ARGUMENT when the text does not start with CursorHeader(connector, version), saying
// whether it is another version of the connector's cursor or not its cursor at all.
absl::StatusOr<std::vector<absl::string_view>> CursorLines(absl::string_view text,
                                                           absl::string_view connector,
                                                           int version);

// INVALID_ARGUMENT "<connector> cursor line '<line>' is malformed: <why>".
absl::Status MalformedCursorLine(absl::string_view connector, absl::string_view line,
                                 absl::string_view why);

// Appends "<keyword><numbers> <fingerprint size> <fingerprint> <path>\n" to `text`.
void AppendFilePositionLine(std::string& text, absl::string_view keyword, PositionFields order,
                            absl::string_view path, const FilePosition& position);

// Parses one line AppendFilePositionLine wrote (the caller has matched `keyword` at its start)
// into `files`. INVALID_ARGUMENT whose message is only the reason (for MalformedCursorLine): the
// wrong number of fields, a field that is not a number, a bad fingerprint, a repeated path.
absl::Status ParseFilePositionLine(absl::string_view line, absl::string_view keyword,
                                   PositionFields order, FilePositions& files);

// The cursor of one connector: whose it is, its version, the order of the numbers on its file
// lines and the keyword they start with ("" or, say, "file ").
struct CursorFormat {
  absl::string_view connector;
  int version = 1;
  PositionFields order = PositionFields::kDeviceInodeOffset;
  absl::string_view file_keyword;
};

// The header line and a file line per entry of `files`, in path order.
std::string EncodeFilePositions(const CursorFormat& format, const FilePositions& files);

// The files of a cursor made of the header and file lines only (EncodeFilePositions); an empty
// text has none. Errors: those of CursorLines, and MalformedCursorLine for a bad line.
absl::StatusOr<FilePositions> DecodeFilePositions(const CursorFormat& format,
                                                  absl::string_view text);

}  // namespace cxhub::plugin_common

#endif  // CXHUB_PLUGINS_COMMON_FILE_POSITION_H_
