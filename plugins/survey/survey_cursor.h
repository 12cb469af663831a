// The survey connector's cursor: how far the export was read, which file that was, and a check
// of the bytes just before that point.
//
// Versioned text (the host stores it as opaque bytes):
//
//   cxhub-survey-cursor 1
//   <device> <inode> <offset> <fingerprint size> <fingerprint, 16 hex digits> <path>
//   before <size> <hash, 16 hex digits>
//
// The file line is plugins/common's (file_position.h): `offset` is just past the last complete
// record handled, device, inode and the FNV-1a fingerprint of the first KiB tell the file apart
// as LineFileTailer does. The `before` line is the FNV-1a hash of the `size` bytes (at most
// kBytesBeforeCheck) that end at `offset`: an export rewritten in place whose first KiB did not
// change (a new export repeating the old rows, then others) is still told apart when the record
// before the cursor is not the same, and is read again from the start instead of from the middle
// of a record. An empty cursor is "from the beginning".
#ifndef CXHUB_PLUGINS_SURVEY_SURVEY_CURSOR_H_
#define CXHUB_PLUGINS_SURVEY_SURVEY_CURSOR_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "plugins/common/file_position.h"

namespace cxhub::survey {

inline constexpr uint64_t kBytesBeforeCheck = 256;

// The hash of the bytes before a position.
struct BytesBefore {
  uint64_t size = 0;
  uint64_t hash = 0;

  bool operator==(const BytesBefore& other) const {
    return size == other.size && hash == other.hash;
  }
};

struct SurveyCursor {
  std::string path;  // the configured path (empty: nothing read yet)
  plugin_common::FilePosition position;
  BytesBefore before;
};

std::string EncodeSurveyCursor(const SurveyCursor& cursor);

// Parses EncodeSurveyCursor's output; nullopt for an empty text. INVALID_ARGUMENT for anything
// else, another version included.
absl::StatusOr<std::optional<SurveyCursor>> DecodeSurveyCursor(absl::string_view text);

// The hash of the min(offset, kBytesBeforeCheck) bytes of the file `path` that end at `offset`.
// UNAVAILABLE naming the file when it cannot be opened or read, or is shorter than `offset`.
absl::StatusOr<BytesBefore> HashBytesBefore(const std::string& path, uint64_t offset);

}  // namespace cxhub::survey

#endif  // CXHUB_PLUGINS_SURVEY_SURVEY_CURSOR_H_
