// The webhook listener when its process runs out of file descriptors (EMFILE): it runs in a
// forked child with a low RLIMIT_NOFILE, idle connections from this process use up the child's
// descriptors, and a new delivery goes unanswered instead of the listener crashing; once the
// idle connections close, a good signed delivery is accepted and spooled.
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "chat_test_files.h"
#include "gtest/gtest.h"
#include "plugins/chat/webhook_listener.h"
#include "plugins/chat/webhook_signature.h"
#include "simdjson.h"
#include "tests/plugins/chat/webhook_test_client.h"

namespace cxhub::chat {
namespace {

using ::cxhub::chat::test::ConnectLoopback;
using ::cxhub::chat::test::StatusOf;

constexpr char kSecret[] = "a-chatwoot-webhook-secret";
// Descriptors the child may open beyond those it inherits: enough for the listener's own
// (listening socket, epoll and wake-up descriptors of its threads) and a few connections.
constexpr int kSpareDescriptors = 24;
constexpr int kIdleConnections = 64;  // well over what is spare

// Runs simdjson's parse and minify once, as a delivery does, so that its first use (which picks
// the CPU's implementation) happens while descriptors are plentiful. The sanitizer build's check
// of that virtual call could still need a descriptor later, whenever its cache lost the entry
// (2 CI runs in 18), so the sanitizer build leaves it out (cxhub_simdjson_build_flags).
void UseSimdjsonOnce() {
  constexpr char kJson[] = R"({"warm": [1, "up"]})";
  simdjson::dom::parser parser;
  simdjson::dom::element document;
  if (parser.parse(kJson, sizeof(kJson) - 1).get(document) != simdjson::SUCCESS) _exit(5);
  std::string minified(sizeof(kJson), '\0');
  size_t length = 0;
  if (simdjson::minify(kJson, sizeof(kJson) - 1, minified.data(), length) != simdjson::SUCCESS) {
    _exit(5);
  }
}

// The listener in a child process that may open only `kSpareDescriptors` descriptors beyond
// stdin, stdout, stderr and `port_pipe`; writes its port to the pipe and serves until killed.
// Exits non-zero if it cannot start.
[[noreturn]] void ServeWithFewDescriptors(const std::string& spool, int port_pipe) {
  UseSimdjsonOnce();
  // The limit bounds descriptor numbers, so the inherited ones (some may be high) go first.
  constexpr int kPipe = 3;
  if (port_pipe != kPipe && dup2(port_pipe, kPipe) != kPipe) _exit(2);
  for (int fd = kPipe + 1; fd < 4096; ++fd) close(fd);
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = static_cast<rlim_t>(kPipe + 1 + kSpareDescriptors);
  if (setrlimit(RLIMIT_NOFILE, &limit) != 0) _exit(2);
  WebhookConfig config;
  config.address = "127.0.0.1";
  config.spool_path = spool;
  config.secret = kSecret;
  config.threads = 1;
  config.max_connections_per_address = 1000;  // the descriptors run out first
  config.idle_timeout = absl::Seconds(120);   // only the test closes the idle connections
  config.head_deadline = absl::Seconds(120);
  absl::StatusOr<std::unique_ptr<WebhookListener>> listener = WebhookListener::Start(config);
  if (!listener.ok()) _exit(3);
  const uint16_t port = (*listener)->port();
  if (write(kPipe, &port, sizeof(port)) != sizeof(port)) _exit(4);
  while (true) pause();
}

// A signed delivery of `body` with delivery id `delivery`.
std::string SignedPost(const std::string& body, const std::string& delivery) {
  const std::string timestamp = absl::StrCat(absl::ToUnixSeconds(absl::Now()));
  return absl::StrCat(
      "POST /chatwoot HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Content-Length: ",
      body.size(), "\r\nX-Chatwoot-Signature: sha256=", ChatwootSignature(kSecret, timestamp, body),
      "\r\nX-Chatwoot-Timestamp: ", timestamp, "\r\nX-Chatwoot-Delivery: ", delivery, "\r\n\r\n",
      body);
}

// Sends `request` on a new connection and reads the answer for up to `wait`: "" when the
// connection could not be made or nothing came back in time.
std::string ExchangeWithin(int port, const std::string& request, absl::Duration wait) {
  const int fd = ConnectLoopback(port);
  if (fd < 0) return "";
  const timeval timeout = absl::ToTimeval(wait);
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  std::string answer;
  if (send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
      static_cast<ssize_t>(request.size())) {
    char buffer[4096];
    ssize_t n;
    while ((n = recv(fd, buffer, sizeof(buffer), 0)) > 0) answer.append(buffer, n);
  }
  close(fd);
  return answer;
}

std::string ReadFile(const std::string& path) {
  std::ifstream file(path);
  std::stringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

TEST(ChatWebhookOutOfDescriptors, DropsNewConnectionsThenAcceptsOnceIdleOnesClose) {
  test::TempDir dir;
  const std::string spool = dir.File("spool.jsonl");
  int port_pipe[2];
  ASSERT_EQ(pipe(port_pipe), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(port_pipe[0]);
    ServeWithFewDescriptors(spool, port_pipe[1]);
  }
  close(port_pipe[1]);
  uint16_t port = 0;
  ASSERT_EQ(read(port_pipe[0], &port, sizeof(port)), static_cast<ssize_t>(sizeof(port)));
  close(port_pipe[0]);

  std::vector<int> idle;
  for (int i = 0; i < kIdleConnections; ++i) {
    const int fd = ConnectLoopback(port);
    if (fd >= 0) idle.push_back(fd);
  }
  EXPECT_GT(idle.size(), static_cast<size_t>(kSpareDescriptors));
  const std::string body = test::MinimalMessage();
  // The child has no descriptor left for it: not served.
  const std::string refused =
      ExchangeWithin(port, SignedPost(body, "while-full"), absl::Seconds(1));
  EXPECT_NE(StatusOf(refused), 202) << refused;
  int child_status = 0;
  ASSERT_EQ(waitpid(child, &child_status, WNOHANG), 0) << "the listener died: " << child_status;

  for (int fd : idle) close(fd);
  std::string accepted;
  for (int attempt = 0; attempt < 50 && StatusOf(accepted) != 202; ++attempt) {
    accepted =
        ExchangeWithin(port, SignedPost(body, absl::StrCat("after-", attempt)), absl::Seconds(2));
    if (StatusOf(accepted) != 202) absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_EQ(StatusOf(accepted), 202) << accepted;
  EXPECT_TRUE(absl::StrContains(ReadFile(spool), "\"id\":1001")) << ReadFile(spool);
  EXPECT_EQ(waitpid(child, &child_status, WNOHANG), 0) << "the listener died: " << child_status;

  kill(child, SIGKILL);
  waitpid(child, &child_status, 0);
}

}  // namespace
}  // namespace cxhub::chat
