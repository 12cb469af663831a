// The signed webhook endpoint of the real cxhub_chat.so over real HTTP on 127.0.0.1: good, bad,
// stale, replayed and missing signatures, and a good delivery served while many slow clients
// hold connections open.
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "chat_test_files.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/chat/webhook_signature.h"
#include "tests/plugins/chat/webhook_test_client.h"
#include "tests/plugins/recording_host.h"

namespace cxhub::chat {
namespace {

using ::cxhub::chat::test::ConnectLoopback;
using ::cxhub::chat::test::Endpoint;
using ::cxhub::chat::test::OpenWebhook;
using ::cxhub::chat::test::Post;
using ::cxhub::chat::test::StatusOf;
using ::cxhub::test::ReadOnce;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr absl::string_view kSecret = "a-chatwoot-webhook-secret";

// The endpoint spooling to `dir`/spool.jsonl, with a secret file holding kSecret (and a
// newline, as editors leave it).
Endpoint OpenSigned(const test::TempDir& dir, absl::string_view extra = "") {
  std::ofstream(dir.File("chatwoot.secret")) << kSecret << "\n";
  return OpenWebhook(dir.File("spool.jsonl"),
                     absl::StrCat("secret_file=", dir.File("chatwoot.secret"), "\n", extra));
}

// The signature headers Chatwoot sends for `body` at `sent`.
std::string SignatureHeaders(absl::string_view body, absl::Time sent, absl::string_view delivery_id,
                             absl::string_view secret = kSecret) {
  const std::string timestamp = absl::StrCat(absl::ToUnixSeconds(sent));
  return absl::StrCat("X-Chatwoot-Signature: sha256=", ChatwootSignature(secret, timestamp, body),
                      "\r\nX-Chatwoot-Timestamp: ", timestamp,
                      "\r\nX-Chatwoot-Delivery: ", delivery_id, "\r\n");
}

TEST(SignedChatWebhook, GoodSignatureIsSpooledAndRead) {
  test::TempDir dir;
  Endpoint endpoint = OpenSigned(dir);
  const std::string body = test::MinimalMessage();
  const std::string answer =
      Post(endpoint.port, body, SignatureHeaders(body, absl::Now(), "uuid-1"));
  EXPECT_EQ(StatusOf(answer), 202) << answer;
  EXPECT_THAT(ReadOnce(endpoint.instance, "").ExternalIds(), ElementsAre("message:1001"));
}

TEST(SignedChatWebhook, BadStaleAndMissingSignaturesGet401AndNothingIsSpooled) {
  test::TempDir dir;
  Endpoint endpoint = OpenSigned(dir);
  const int port = endpoint.port;
  const std::string body = test::MinimalMessage();
  const std::string wrong_secret =
      Post(port, body, SignatureHeaders(body, absl::Now(), "u-1", "another secret"));
  EXPECT_EQ(StatusOf(wrong_secret), 401) << wrong_secret;
  EXPECT_THAT(wrong_secret, HasSubstr("does not match"));
  const std::string tampered =
      Post(port, absl::StrCat(body, " "), SignatureHeaders(body, absl::Now(), "u-2"));
  EXPECT_EQ(StatusOf(tampered), 401) << tampered;
  const std::string stale =
      Post(port, body, SignatureHeaders(body, absl::Now() - absl::Minutes(6), "u-3"));
  EXPECT_EQ(StatusOf(stale), 401) << stale;
  EXPECT_THAT(stale, HasSubstr("more than 5m"));
  const std::string missing = Post(port, body);
  EXPECT_EQ(StatusOf(missing), 401) << missing;
  EXPECT_THAT(missing, HasSubstr("X-Chatwoot-Signature is missing"));
  EXPECT_FALSE(std::ifstream(dir.File("spool.jsonl")).good()) << "something was spooled";
  EXPECT_THAT(ReadOnce(endpoint.instance, "").logs,
              testing::Contains(HasSubstr("webhook: queued 0 events, rejected 4")));
}

TEST(SignedChatWebhook, ReplayedDeliveryGets401AndIsSpooledOnce) {
  test::TempDir dir;
  Endpoint endpoint = OpenSigned(dir);
  const int port = endpoint.port;
  const std::string body = test::MinimalMessage();
  const std::string headers = SignatureHeaders(body, absl::Now(), "uuid-7");
  EXPECT_EQ(StatusOf(Post(port, body, headers)), 202);
  const std::string replay = Post(port, body, headers);
  EXPECT_EQ(StatusOf(replay), 401) << replay;
  EXPECT_THAT(replay, HasSubstr("already accepted"));
  // Chatwoot's retry: same delivery id, signed again with a later timestamp.
  const std::string retry =
      Post(port, body, SignatureHeaders(body, absl::Now() + absl::Seconds(1), "uuid-7"));
  EXPECT_EQ(StatusOf(retry), 401) << retry;
  EXPECT_EQ(test::ReadWholeFile(dir.File("spool.jsonl")), body + "\n");
}

TEST(SignedChatWebhook, OpenFailsWithoutItsSecretFile) {
  test::TempDir dir;
  absl::StatusOr<plugins::LoadedPlugin> plugin = plugins::LoadPlugin(CXHUB_CHAT_PLUGIN_PATH);
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  absl::StatusOr<plugins::PluginInstance> instance =
      plugin->Open(absl::StrCat("account_id=7\nlisten=127.0.0.1:0\nspool=", dir.File("s.jsonl"),
                                "\nsecret_file=", dir.File("absent.secret")),
                   [](plugins::PluginLogLevel, absl::string_view) {});
  ASSERT_FALSE(instance.ok());
  EXPECT_THAT(instance.status().message(), HasSubstr("absent.secret"));
}

TEST(SignedChatWebhook, GoodDeliveryIsServedWithinASecondWhileAHundredClientsStall) {
  test::TempDir dir;
  Endpoint endpoint = OpenSigned(dir, "max_connections_per_ip=200\n");
  const int port = endpoint.port;
  std::vector<int> stalled;
  for (int i = 0; i < 100; ++i) {
    const int fd = ConnectLoopback(port);
    ASSERT_GE(fd, 0);
    constexpr absl::string_view kHalfHead = "POST /chatwoot HTTP/1.1\r\nHost: 127.0.0.1\r\nCont";
    ASSERT_EQ(send(fd, kHalfHead.data(), kHalfHead.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(kHalfHead.size()));
    stalled.push_back(fd);
  }
  const std::string body = test::MinimalMessage();
  const absl::Time started = absl::Now();
  const std::string answer = Post(port, body, SignatureHeaders(body, absl::Now(), "uuid-slow"));
  const absl::Duration took = absl::Now() - started;
  EXPECT_EQ(StatusOf(answer), 202) << answer;
  EXPECT_LT(took, absl::Seconds(1));
  for (int fd : stalled) close(fd);
}

}  // namespace
}  // namespace cxhub::chat
