#include "plugins/chat/http_request_head.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::chat {
namespace {

using ::testing::HasSubstr;

TEST(HttpRequestHead, ParsesMethodTargetAndTheHeadersItNeeds) {
  absl::StatusOr<HttpRequestHead> head = ParseHttpRequestHead(
      "POST /chatwoot HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-length:  1234 \r\n"
      "Expect: 100-continue\r\nUser-Agent: rest-client");
  ASSERT_TRUE(head.ok()) << head.status();
  EXPECT_EQ(head->method, "POST");
  EXPECT_EQ(head->target, "/chatwoot");
  EXPECT_EQ(head->content_length, 1234u);
  EXPECT_TRUE(head->expect_continue);
  EXPECT_FALSE(head->chunked);
}

TEST(HttpRequestHead, NotesChunkedAndMissingLength) {
  absl::StatusOr<HttpRequestHead> head =
      ParseHttpRequestHead("POST / HTTP/1.1\nTransfer-Encoding: chunked");
  ASSERT_TRUE(head.ok()) << head.status();
  EXPECT_TRUE(head->chunked);
  EXPECT_FALSE(head->content_length.has_value());
}

TEST(HttpRequestHead, RefusesMalformedHeads) {
  EXPECT_THAT(ParseHttpRequestHead("").status().message(), HasSubstr("empty request line"));
  EXPECT_THAT(ParseHttpRequestHead("POST /\r\n").status().message(),
              HasSubstr("malformed request line"));
  EXPECT_THAT(ParseHttpRequestHead("POST / HTTP/2\r\n").status().message(),
              HasSubstr("malformed request line"));
  EXPECT_THAT(ParseHttpRequestHead("POST / HTTP/1.1\r\nno colon").status().message(),
              HasSubstr("malformed header"));
  EXPECT_THAT(ParseHttpRequestHead("POST / HTTP/1.1\r\nContent-Length: -1").status().message(),
              HasSubstr("bad Content-Length"));
  EXPECT_THAT(ParseHttpRequestHead("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2")
                  .status()
                  .message(),
              HasSubstr("contradictory"));
}

}  // namespace
}  // namespace cxhub::chat
