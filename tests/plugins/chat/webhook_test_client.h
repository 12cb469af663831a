// A client of the chat plugin's webhook endpoint for the tests: opens the real cxhub_chat.so
// listening on a free loopback port and talks HTTP to it over a real socket.
#ifndef CXHUB_TESTS_PLUGINS_CHAT_WEBHOOK_TEST_CLIENT_H_
#define CXHUB_TESTS_PLUGINS_CHAT_WEBHOOK_TEST_CLIENT_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/plugins/recording_host.h"

namespace cxhub::chat::test {

using ::cxhub::plugins::LoadPlugin;
using ::cxhub::plugins::PluginInstance;

// A socket connected to 127.0.0.1:`port`, or -1.
inline int ConnectLoopback(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

struct Endpoint {
  PluginInstance instance;
  int port = 0;
};

// Opens the plugin listening on a free loopback port (found in its open log line) with `extra`
// options.
inline Endpoint OpenWebhook(const std::string& spool, absl::string_view extra) {
  absl::StatusOr<plugins::LoadedPlugin> plugin = LoadPlugin(CXHUB_CHAT_PLUGIN_PATH);
  EXPECT_TRUE(plugin.ok()) << plugin.status();
  std::vector<std::string> logs;
  absl::StatusOr<PluginInstance> instance = plugin->Open(
      absl::StrCat("account_id=7\nlisten=127.0.0.1:0\nspool=", spool, "\n", extra),
      [&](plugins::PluginLogLevel, absl::string_view message) { logs.emplace_back(message); });
  EXPECT_TRUE(instance.ok()) << instance.status();
  int port = 0;
  for (const std::string& log : logs) {
    // "webhook listening on http://127.0.0.1:<port>/ ..." (https:// with TLS).
    if (!absl::StartsWith(log, "webhook listening on ")) continue;
    const std::string address = "127.0.0.1:";
    const std::string rest = log.substr(log.find(address) + address.size());
    EXPECT_TRUE(absl::SimpleAtoi(rest.substr(0, rest.find('/')), &port)) << log;
  }
  EXPECT_GT(port, 0) << "no 'webhook listening on' log line at open";
  return Endpoint{*std::move(instance), port};
}

// Sends `request` as is and returns the whole answer (the server closes the connection).
inline std::string Exchange(int port, absl::string_view request) {
  const int fd = ConnectLoopback(port);
  EXPECT_GE(fd, 0);
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

inline std::string Post(int port, absl::string_view body, absl::string_view extra_headers = "") {
  return Exchange(port, absl::StrCat("POST /chatwoot HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                     "Content-Type: application/json\r\nContent-Length: ",
                                     body.size(), "\r\n", extra_headers, "\r\n", body));
}

// "HTTP/1.1 202 Accepted..." -> 202: the final status, after any interim "100 Continue".
inline int StatusOf(absl::string_view answer) {
  constexpr absl::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
  if (absl::StartsWith(answer, kContinue)) answer.remove_prefix(kContinue.size());
  int code = 0;
  if (answer.size() < 12 || !absl::SimpleAtoi(answer.substr(9, 3), &code)) return -1;
  return code;
}

}  // namespace cxhub::chat::test

#endif  // CXHUB_TESTS_PLUGINS_CHAT_WEBHOOK_TEST_CLIENT_H_
