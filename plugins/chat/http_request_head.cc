#include "plugins/chat/http_request_head.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace cxhub::chat {

absl::StatusOr<HttpRequestHead> ParseHttpRequestHead(absl::string_view head) {
  std::vector<absl::string_view> lines = absl::StrSplit(head, '\n');
  for (absl::string_view& line : lines) absl::ConsumeSuffix(&line, "\r");
  if (lines.empty() || lines[0].empty()) {
    return absl::InvalidArgumentError("empty request line");
  }
  const std::vector<absl::string_view> parts = absl::StrSplit(lines[0], ' ');
  if (parts.size() != 3 || parts[0].empty() || parts[1].empty() ||
      !absl::StartsWith(parts[2], "HTTP/1.")) {
    return absl::InvalidArgumentError("malformed request line (expected METHOD TARGET HTTP/1.x)");
  }
  HttpRequestHead request;
  request.method = std::string(parts[0]);
  request.target = std::string(parts[1]);
  for (size_t i = 1; i < lines.size(); ++i) {
    const absl::string_view line = lines[i];
    if (line.empty()) continue;
    const size_t colon = line.find(':');
    if (colon == absl::string_view::npos || colon == 0 || line[0] == ' ' || line[0] == '\t') {
      return absl::InvalidArgumentError("malformed header field");
    }
    const std::string name = absl::AsciiStrToLower(line.substr(0, colon));
    const absl::string_view value = absl::StripAsciiWhitespace(line.substr(colon + 1));
    if (name == "content-length") {
      uint64_t length = 0;
      if (value.empty() || !absl::ascii_isdigit(static_cast<unsigned char>(value[0])) ||
          !absl::SimpleAtoi(value, &length)) {
        return absl::InvalidArgumentError("bad Content-Length");
      }
      if (request.content_length && *request.content_length != length) {
        return absl::InvalidArgumentError("contradictory Content-Length headers");
      }
      request.content_length = length;
    } else if (name == "transfer-encoding") {
      request.chunked = true;
    } else if (name == "expect") {
      request.expect_continue = absl::EqualsIgnoreCase(value, "100-continue");
    }
  }
  return request;
}

}  // namespace cxhub::chat
