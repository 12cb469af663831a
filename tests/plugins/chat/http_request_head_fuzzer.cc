// libFuzzer target: any bytes as an HTTP request head. It must never crash, and a head it accepts
// has a method and a target.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "plugins/chat/http_request_head.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view head(reinterpret_cast<const char*>(data), size);
  const absl::StatusOr<cxhub::chat::HttpRequestHead> parsed =
      cxhub::chat::ParseHttpRequestHead(head);
  if (parsed.ok() && (parsed->method.empty() || parsed->target.empty())) std::abort();
  return 0;
}
