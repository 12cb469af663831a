// The phone connector's cursor: where each configured file was left, and which file that was.
//
// Encoded as versioned text, one line per file (the host stores it as opaque bytes):
//
//   cxhub-phone-cursor 1
//   <device> <inode> <offset> <fingerprint size> <fingerprint, 16 hex digits> <path>
//   ...
//
// `offset` is just past the last complete line handled. The fingerprint is a 64-bit FNV-1a hash
// of the file's first `fingerprint size` bytes (at most kFingerprintBytes), so a file that was
// replaced or rewritten in place is told apart from the one the offset belongs to even when the
// file system reuses its inode. The path is the configured one and runs to the end of the line.
#ifndef CXHUB_PLUGINS_PHONE_CDR_CURSOR_H_
#define CXHUB_PLUGINS_PHONE_CDR_CURSOR_H_

#include <cstdint>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cxhub::phone {

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

// The position of every configured file read so far, by configured path.
struct CdrCursor {
  std::map<std::string, FilePosition> files;
};

// The text form above. Paths must not contain a newline (options refuse them).
std::string EncodeCdrCursor(const CdrCursor& cursor);

// Parses EncodeCdrCursor's output; an empty text is the empty cursor ("from the beginning").
// INVALID_ARGUMENT for anything else, including another version.
absl::StatusOr<CdrCursor> DecodeCdrCursor(absl::string_view text);

}  // namespace cxhub::phone

#endif  // CXHUB_PLUGINS_PHONE_CDR_CURSOR_H_
