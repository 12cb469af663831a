#include "plugins/common/utf8_repair.h"

#include <cstdint>
#include <cstring>

namespace cxhub::plugin_common {
namespace {

constexpr absl::string_view kReplacement = "\xEF\xBF\xBD";

// The length of the well-formed UTF-8 sequence at `at`, or 0 when the byte there starts none.
size_t SequenceLength(absl::string_view text, size_t at) {
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(text[i]); };
  const uint8_t lead = byte(at);
  if (lead < 0x80) return 1;
  size_t length = 0;
  uint8_t low = 0x80;  // the range of the second byte (RFC 3629, table 3-7 of Unicode)
  uint8_t high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  if (byte(at + 1) < low || byte(at + 1) > high) return 0;
  for (size_t i = 2; i < length; ++i) {
    if (byte(at + i) < 0x80 || byte(at + i) > 0xBF) return 0;
  }
  return length;
}

// The length of the longest start of `text` made of well-formed sequences: all of it when it
// is valid.
size_t ValidPrefixLength(absl::string_view text) {
  constexpr uint64_t kHighBits = 0x8080808080808080;
  size_t at = 0;
  while (at < text.size()) {
    // ASCII, which most text is, eight bytes at a time.
    for (uint64_t word = 0; at + sizeof word <= text.size(); at += sizeof word) {
      std::memcpy(&word, text.data() + at, sizeof word);
      if ((word & kHighBits) != 0) break;
    }
    if (at == text.size()) break;
    const size_t length = SequenceLength(text, at);
    if (length == 0) break;
    at += length;
  }
  return at;
}

}  // namespace

bool IsValidUtf8(absl::string_view text) { return ValidPrefixLength(text) == text.size(); }

std::string RepairUtf8(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (true) {
    const size_t valid = ValidPrefixLength(text);
    out.append(text.data(), valid);
    if (valid == text.size()) return out;
    out.append(kReplacement.data(), kReplacement.size());
    text.remove_prefix(valid + 1);
  }
}

}  // namespace cxhub::plugin_common
