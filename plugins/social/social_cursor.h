// The social connector's cursor: where each configured file was left, and the thread roots of
// the statuses read so far (thread_index.h), so that a reply read later finds its root.
//
// Encoded as versioned text (the host stores it as opaque bytes):
//
//   cxhub-social-cursor 1
//   file <device> <inode> <offset> <fingerprint size> <fingerprint, 16 hex digits> <path>
//   thread <status id> <root id>
//   ...
//
// File lines are plugins/common/file_position.h's (device, inode, offset; after the keyword
// `file `), as in the phone connector's cursor: `offset` is just past the last complete line
// handled, the fingerprint is a 64-bit FNV-1a hash of the file's first bytes, and the configured
// path runs to the end of the line. Thread lines come oldest first. Ids never contain spaces (the
// entity parser refuses them).
#ifndef CXHUB_PLUGINS_SOCIAL_SOCIAL_CURSOR_H_
#define CXHUB_PLUGINS_SOCIAL_SOCIAL_CURSOR_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "plugins/common/file_position.h"
#include "plugins/social/thread_index.h"

namespace cxhub::social {

using ::cxhub::plugin_common::FilePosition;

struct SocialCursor {
  plugin_common::FilePositions files;  // by configured path
  std::vector<ThreadEntry> threads;    // oldest first
};

// The text form above. Paths must not contain a newline (options refuse them).
std::string EncodeSocialCursor(const SocialCursor& cursor);

// Parses EncodeSocialCursor's output; an empty text is the empty cursor ("from the beginning").
// INVALID_ARGUMENT for anything else, including another version.
absl::StatusOr<SocialCursor> DecodeSocialCursor(absl::string_view text);

}  // namespace cxhub::social

#endif  // CXHUB_PLUGINS_SOCIAL_SOCIAL_CURSOR_H_
