// Cutting UTF-8 text short without splitting a character, for the excerpts of input that error
// messages and dead-letter reasons quote: a reason cut inside a character would not be valid
// UTF-8, which the host's store and the API's string fields require.
#ifndef CXHUB_PLUGINS_COMMON_UTF8_CLIP_H_
#define CXHUB_PLUGINS_COMMON_UTF8_CLIP_H_

#include <cstddef>

#include "absl/strings/string_view.h"

namespace cxhub::plugin_common {

// The longest start of `text` of at most `max_bytes` bytes that does not end inside a UTF-8
// character: `text` itself when it fits. On text that is not valid UTF-8 it backs off at most the
// three bytes a character can have after its first.
absl::string_view ClipUtf8(absl::string_view text, size_t max_bytes);

}  // namespace cxhub::plugin_common

#endif  // CXHUB_PLUGINS_COMMON_UTF8_CLIP_H_
