#include "plugins/common/utf8_clip.h"

namespace cxhub::plugin_common {
namespace {

bool IsContinuationByte(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

}  // namespace

absl::string_view ClipUtf8(absl::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  // text[end] is the first byte left out: while it continues a character, that character would
  // be split, so it is left out whole.
  for (int backed_off = 0; backed_off < 3 && end > 0 && IsContinuationByte(text[end]);
       ++backed_off) {
    --end;
  }
  return text.substr(0, end);
}

}  // namespace cxhub::plugin_common
