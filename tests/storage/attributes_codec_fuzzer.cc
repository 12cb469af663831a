// libFuzzer target: any bytes as a stored attributes blob. Decoding must never crash; what
// decodes must encode back to a blob that decodes to the same attributes; and attributes built
// from the input must survive encode then decode.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "absl/strings/string_view.h"
#include "server/storage/attributes_codec.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (absl::StatusOr<cxhub::Attributes> decoded = cxhub::DecodeAttributes(bytes); decoded.ok()) {
    absl::StatusOr<cxhub::Attributes> again =
        cxhub::DecodeAttributes(cxhub::EncodeAttributes(*decoded));
    Check(again.ok() && *again == *decoded);
  }
  // The input cut into key/value pairs at every NUL byte.
  cxhub::Attributes built;
  size_t start = 0;
  std::string key;
  bool have_key = false;
  for (size_t i = 0; i <= size; ++i) {
    if (i < size && data[i] != 0) continue;
    const std::string piece(bytes.substr(start, i - start));
    if (have_key)
      built[key] = piece;
    else
      key = piece;
    have_key = !have_key;
    start = i + 1;
  }
  absl::StatusOr<cxhub::Attributes> round = cxhub::DecodeAttributes(cxhub::EncodeAttributes(built));
  Check(round.ok() && *round == built);
  return 0;
}
