// libFuzzer target: any bytes as a page token of every collection. Decoding must never crash; a
// token that decodes to a position must mean what that position's own token means (decode,
// encode, decode gives the same value), and every value must survive encode then decode. The
// empty token is the first page (position 0), which has no token of its own.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "absl/strings/string_view.h"
#include "server/api/page_token.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view token(reinterpret_cast<const char*>(data), size);
  if (absl::StatusOr<cxhub::CustomerId> id = cxhub::DecodeCustomerPageToken(token);
      id.ok() && *id > 0) {
    absl::StatusOr<cxhub::CustomerId> again =
        cxhub::DecodeCustomerPageToken(cxhub::EncodeCustomerPageToken(*id));
    Check(again.ok() && *again == *id);
  }
  if (absl::StatusOr<cxhub::OperationId> id = cxhub::DecodeOperationPageToken(token, "f");
      id.ok() && *id > 0) {
    absl::StatusOr<cxhub::OperationId> again =
        cxhub::DecodeOperationPageToken(cxhub::EncodeOperationPageToken(*id, "f"), "f");
    Check(again.ok() && *again == *id);
  }
  if (size >= sizeof(int64_t)) {
    int64_t value = 0;
    std::memcpy(&value, data, sizeof value);
    value = (value & INT64_MAX) | 1;  // ids are positive
    const std::string encoded = cxhub::EncodeTouchpointPageToken(value);
    absl::StatusOr<cxhub::TouchpointId> decoded = cxhub::DecodeTouchpointPageToken(encoded);
    Check(decoded.ok() && *decoded == value);
    cxhub::InteractionCursor cursor;
    cursor.occur_time =
        absl::FromUnixSeconds(value % 253402300799) + absl::Nanoseconds(value % 1000000000);
    cursor.id = value;
    absl::StatusOr<std::optional<cxhub::InteractionCursor>> back =
        cxhub::DecodeInteractionPageToken(cxhub::EncodeInteractionPageToken(cursor, 7), 7);
    Check(back.ok() && back->has_value() && (*back)->id == value &&
          (*back)->occur_time == cursor.occur_time);
  }
  // A token of one filter is refused under another.
  (void)cxhub::DecodeInteractionPageToken(token, 1);
  (void)cxhub::DecodeTouchpointRulePageToken(token, 3);
  return 0;
}
