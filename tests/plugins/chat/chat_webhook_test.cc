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
#include "tests/plugins/recording_host.h"

namespace cxhub::chat {
namespace {

using ::cxhub::plugins::LoadPlugin;
using ::cxhub::plugins::PluginInstance;
using ::cxhub::test::ReadLog;
using ::cxhub::test::ReadOnce;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

struct Endpoint {
  PluginInstance instance;
  int port = 0;
};

// Opens the plugin listening on a free loopback port, found in its open log line.
Endpoint OpenListening(const std::string& spool, absl::string_view extra = "") {
  absl::StatusOr<plugins::LoadedPlugin> plugin = LoadPlugin(CXHUB_CHAT_PLUGIN_PATH);
  EXPECT_TRUE(plugin.ok()) << plugin.status();
  std::vector<std::string> logs;
  absl::StatusOr<PluginInstance> instance = plugin->Open(
      absl::StrCat("account_id=7\nlisten=127.0.0.1:0\nspool=", spool, "\n", extra),
      [&](plugins::PluginLogLevel, absl::string_view message) { logs.emplace_back(message); });
  EXPECT_TRUE(instance.ok()) << instance.status();
  int port = 0;
  for (const std::string& log : logs) {
    constexpr absl::string_view kPrefix = "webhook listening on http://127.0.0.1:";
    if (!absl::StartsWith(log, kPrefix)) continue;
    const std::string rest = log.substr(kPrefix.size());
    EXPECT_TRUE(absl::SimpleAtoi(rest.substr(0, rest.find('/')), &port)) << log;
  }
  EXPECT_GT(port, 0) << "no 'webhook listening on' log line at open";
  return Endpoint{*std::move(instance), port};
}

// Sends `request` as is and returns the whole answer (the server closes the connection).
std::string Exchange(int port, absl::string_view request) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  EXPECT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  size_t sent = 0;
  while (sent < request.size()) {
    const ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string answer;
  char buffer[4096];
  while (true) {
    const ssize_t n = recv(fd, buffer, sizeof(buffer), 0);
    if (n <= 0) break;
    answer.append(buffer, static_cast<size_t>(n));
  }
  close(fd);
  return answer;
}

std::string Post(int port, absl::string_view body, absl::string_view extra_headers = "") {
  return Exchange(port, absl::StrCat("POST /chatwoot HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                     "Content-Type: application/json\r\nContent-Length: ",
                                     body.size(), "\r\n", extra_headers, "\r\n", body));
}

// "HTTP/1.1 202 Accepted..." -> 202.
int StatusOf(absl::string_view answer) {
  int code = 0;
  if (answer.size() < 12 || !absl::SimpleAtoi(answer.substr(9, 3), &code)) return -1;
  return code;
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
  EXPECT_EQ(StatusOf(Exchange(endpoint.port, "garbage\r\n\r\n")), 400);
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
