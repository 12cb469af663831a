// 64-bit FNV-1a: a small, stable (across versions and machines) non-cryptographic hash, used for
// file fingerprints in cursors (file_position.h) and, in the phone connector, for the external
// id of lines without a uniqueid.
#ifndef CXHUB_PLUGINS_COMMON_FNV1A_HASH_H_
#define CXHUB_PLUGINS_COMMON_FNV1A_HASH_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace cxhub::plugin_common {

inline constexpr uint64_t kFnv1a64Offset = 14695981039346656037ULL;

// Continues the hash `hash` over `bytes`; start with kFnv1a64Offset.
inline uint64_t Fnv1a64(absl::string_view bytes, uint64_t hash = kFnv1a64Offset) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

}  // namespace cxhub::plugin_common

#endif  // CXHUB_PLUGINS_COMMON_FNV1A_HASH_H_
