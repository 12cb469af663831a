// The webhook endpoint of the real cxhub_chat.so: a real socket on 127.0.0.1, the spool file on a
// temporary folder, and reads through the SDK's plugin loader.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "chat_test_files.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/plugins/chat/webhook_test_client.h"
#include "tests/plugins/recording_host.h"

namespace cxhub::chat {
namespace {

using ::cxhub::chat::test::Endpoint;
using ::cxhub::chat::test::Exchange;
using ::cxhub::chat::test::OpenWebhook;
using ::cxhub::chat::test::Post;
using ::cxhub::chat::test::StatusOf;
using ::cxhub::test::ReadLog;
using ::cxhub::test::ReadOnce;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// The existing endpoint tests run unsigned; signed_webhook_test.cc covers signatures.
Endpoint OpenListening(const std::string& spool, absl::string_view extra = "") {
  return OpenWebhook(spool, absl::StrCat("unsigned=true\n", extra));
}

bool Exists(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0;
}

TEST(ChatWebhook, PostedEventIsSpooledBeforeTheAnswerAndReadAfterwards) {
  test::TempDir dir;
  const std::string spool = dir.File("spool.jsonl");
  Endpoint endpoint = OpenListening(spool);
  const std::string line = test::SampleLines()[1];
  const std::string answer = Post(endpoint.port, line);
  EXPECT_EQ(StatusOf(answer), 202) << answer;
  // The answer came after the event was durably in the spool.
  EXPECT_EQ(test::ReadWholeFile(spool), line + "\n");
  const ReadLog log = ReadOnce(endpoint.instance, "");
  ASSERT_TRUE(log.status.ok()) << log.status;
  EXPECT_THAT(log.ExternalIds(), ElementsAre("message:90412"));
  EXPECT_THAT(log.logs, testing::Contains(HasSubstr("webhook: queued 1 events, rejected 0")));
  EXPECT_THAT(ReadOnce(endpoint.instance, log.checkpoints.back()).sequence, IsEmpty());
}

TEST(ChatWebhook, PrettyPrintedBodyIsSpooledAsOneLine) {
  test::TempDir dir;
  const std::string spool = dir.File("spool.jsonl");
  Endpoint endpoint = OpenListening(spool);
  const std::string pretty =
      absl::StrReplaceAll(test::MinimalMessage(), {{",", ",\n  "}, {"{", "{\n  "}});
  EXPECT_EQ(StatusOf(Post(endpoint.port, pretty)), 202);
  EXPECT_EQ(test::ReadWholeFile(spool), test::MinimalMessage() + "\n");
  EXPECT_THAT(ReadOnce(endpoint.instance, "").ExternalIds(), ElementsAre("message:1001"));
}

TEST(ChatWebhook, BodyThatIsNotAJsonObjectIsRefusedAndNothingSpooled) {
  test::TempDir dir;
  const std::string spool = dir.File("spool.jsonl");
  Endpoint endpoint = OpenListening(spool);
  const std::string array = Post(endpoint.port, "[1,2]");
  EXPECT_EQ(StatusOf(array), 400) << array;
  EXPECT_THAT(array, HasSubstr("the body is a JSON array, not an object"));
  const std::string broken = Post(endpoint.port, R"({"event":"message_created",)");
  EXPECT_EQ(StatusOf(broken), 400) << broken;
  EXPECT_THAT(broken, HasSubstr("the body is not JSON"));
  EXPECT_FALSE(Exists(spool));
  const ReadLog log = ReadOnce(endpoint.instance, "");
  EXPECT_TRUE(log.records.empty());
  EXPECT_THAT(log.logs, testing::Contains(HasSubstr("webhook: queued 0 events, rejected 2")));
}

TEST(ChatWebhook, OtherMethodsTooLargeBodiesAndMissingLengthsAreRefused) {
  test::TempDir dir;
  const std::string spool = dir.File("spool.jsonl");
  Endpoint endpoint = OpenListening(spool, "max_body_bytes=100");
  const std::string get = Exchange(endpoint.port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(StatusOf(get), 405) << get;
  EXPECT_THAT(get, HasSubstr("Allow: POST"));
  EXPECT_EQ(StatusOf(Post(endpoint.port, std::string(101, ' '))), 413);
  EXPECT_EQ(StatusOf(Exchange(endpoint.port, "POST / HTTP/1.1\r\nHost: x\r\n\r\n{}")), 411);
  EXPECT_EQ(StatusOf(Exchange(endpoint.port,
                              "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0"
                              "\r\n\r\n")),
            411);
  // libmicrohttpd 0.9.75 (Debian 12) closes on a malformed request line without an answer;
  // later versions answer 400.
  EXPECT_THAT(StatusOf(Exchange(endpoint.port, "garbage\r\n\r\n")), testing::AnyOf(400, -1));
  EXPECT_FALSE(Exists(spool));
}

TEST(ChatWebhook, ExpectContinueIsAnswered) {
  test::TempDir dir;
  Endpoint endpoint = OpenListening(dir.File("spool.jsonl"));
  const std::string answer =
      Post(endpoint.port, test::MinimalMessage(), "Expect: 100-continue\r\n");
  EXPECT_EQ(StatusOf(answer), 202) << answer;
}

TEST(ChatWebhook, SpoolSurvivesCloseAndReopen) {
  test::TempDir dir;
  const std::string spool = dir.File("spool.jsonl");
  std::string cursor;
  {
    Endpoint endpoint = OpenListening(spool);
    EXPECT_EQ(StatusOf(Post(endpoint.port, test::SampleLines()[13])), 202);
    const ReadLog log = ReadOnce(endpoint.instance, "");
    EXPECT_THAT(log.ExternalIds(), ElementsAre("message:90502"));
    cursor = log.checkpoints.back();
    EXPECT_EQ(StatusOf(Post(endpoint.port, test::SampleLines()[14])), 202);
  }  // closed before reading the second event
  Endpoint reopened = OpenListening(spool);
  EXPECT_EQ(StatusOf(Post(reopened.port, test::SampleLines()[15])), 202);
  const ReadLog log = ReadOnce(reopened.instance, cursor);
  ASSERT_TRUE(log.status.ok()) << log.status;
  EXPECT_THAT(log.ExternalIds(), ElementsAre("message:90505", "message:90507"));
}

TEST(ChatWebhook, CloseStopsTheListener) {
  test::TempDir dir;
  int port = 0;
  {
    Endpoint endpoint = OpenListening(dir.File("spool.jsonl"));
    port = endpoint.port;
  }
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_NE(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  close(fd);
}

}  // namespace
}  // namespace cxhub::chat
