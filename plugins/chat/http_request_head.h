// Parses the head (request line and header fields) of an HTTP/1.x request, as much of HTTP as the
// webhook endpoint needs: method, target, Content-Length, Transfer-Encoding, Expect.
#ifndef CXHUB_PLUGINS_CHAT_HTTP_REQUEST_HEAD_H_
#define CXHUB_PLUGINS_CHAT_HTTP_REQUEST_HEAD_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cxhub::chat {

struct HttpRequestHead {
  std::string method;
  std::string target;
  std::optional<uint64_t> content_length;  // nullopt when absent
  bool chunked = false;                    // a Transfer-Encoding header is present
  bool expect_continue = false;            // "Expect: 100-continue"
};

// `head` is everything before the blank line ("\r\n\r\n"; bare "\n" line ends are accepted).
// INVALID_ARGUMENT for a malformed request line or header, a version other than HTTP/1.x, or a
// bad or contradictory Content-Length.
absl::StatusOr<HttpRequestHead> ParseHttpRequestHead(absl::string_view head);

}  // namespace cxhub::chat

#endif  // CXHUB_PLUGINS_CHAT_HTTP_REQUEST_HEAD_H_
