// The phone connector's cursor: where each configured file was left, and which file that was.
//
// Encoded as versioned text, one line per file (the host stores it as opaque bytes):
//
//   cxhub-phone-cursor 1
//   <device> <inode> <offset> <fingerprint size> <fingerprint, 16 hex digits> <path>
//   ...
//
// The numbers are device, inode and offset (in that order); the format of the file lines is
// plugins/common/file_position.h's, shared with the chat and social connectors.
#ifndef CXHUB_PLUGINS_PHONE_CDR_CURSOR_H_
#define CXHUB_PLUGINS_PHONE_CDR_CURSOR_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "plugins/common/file_position.h"

namespace cxhub::phone {

using ::cxhub::plugin_common::FileIdentity;
using ::cxhub::plugin_common::FilePosition;

// The position of every configured file read so far, by configured path.
struct CdrCursor {
  plugin_common::FilePositions files;
};

// The text form above. Paths must not contain a newline (options refuse them).
std::string EncodeCdrCursor(const CdrCursor& cursor);

// Parses EncodeCdrCursor's output; an empty text is the empty cursor ("from the beginning").
// INVALID_ARGUMENT for anything else, including another version.
absl::StatusOr<CdrCursor> DecodeCdrCursor(absl::string_view text);

}  // namespace cxhub::phone

#endif  // CXHUB_PLUGINS_PHONE_CDR_CURSOR_H_
