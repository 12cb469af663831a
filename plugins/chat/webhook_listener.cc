#include "plugins/chat/webhook_listener.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "plugins/chat/http_request_head.h"
#include "plugins/chat/spool_writer.h"
#include "plugins/common/json_field_reader.h"
#include "simdjson.h"

namespace cxhub::chat {
namespace {

constexpr size_t kMaxHeadBytes = 16 * 1024;

struct Response {
  int code;
  std::string message;
};

std::string ReasonPhrase(int code) {
  switch (code) {
    case 202:
      return "Accepted";
    case 400:
      return "Bad Request";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 411:
      return "Length Required";
    case 413:
      return "Content Too Large";
    case 431:
      return "Request Header Fields Too Large";
    default:
      return "Service Unavailable";
  }
}

void SendAll(int fd, absl::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

void SendResponse(int fd, const Response& response) {
  const std::string body = absl::StrCat(response.message, "\n");
  std::string text = absl::StrCat("HTTP/1.1 ", response.code, " ", ReasonPhrase(response.code),
                                  "\r\nContent-Type: text/plain; charset=utf-8\r\n");
  if (response.code == 405) absl::StrAppend(&text, "Allow: POST\r\n");
  absl::StrAppend(&text, "Content-Length: ", body.size(), "\r\nConnection: close\r\n\r\n", body);
  SendAll(fd, text);
}

// Reads what is available into `buffer` (up to `limit` bytes in all), waiting until `deadline`.
// False on timeout, end of stream, error, or a wake-up on `wake_fd` (stop).
bool ReceiveSome(int fd, int wake_fd, std::string& buffer, size_t limit, absl::Time deadline) {
  while (true) {
    const absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) return false;
    pollfd fds[2] = {{fd, POLLIN, 0}, {wake_fd, POLLIN, 0}};
    const int ready = poll(fds, 2, static_cast<int>(absl::ToInt64Milliseconds(left)) + 1);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0 || (fds[1].revents & POLLIN) != 0) return false;
    char chunk[16 * 1024];
    const size_t want = std::min(sizeof(chunk), limit - buffer.size());
    if (want == 0) return false;
    const ssize_t n = recv(fd, chunk, want, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<size_t>(n));
    return true;
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<WebhookListener>> WebhookListener::Start(WebhookConfig config) {
  std::unique_ptr<WebhookListener> listener(new WebhookListener(std::move(config)));
  const WebhookConfig& cfg = listener->config_;
  const std::string where = absl::StrCat(cfg.address, ":", cfg.port);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(cfg.port);
  if (inet_pton(AF_INET, cfg.address.c_str(), &address.sin_addr) != 1) {
    return absl::InvalidArgumentError(absl::StrCat("webhook: '", cfg.address, "' is not IPv4"));
  }
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return absl::UnavailableError(absl::StrCat("webhook: socket: ", strerror(errno)));
  listener->listen_fd_ = fd;  // closed by the destructor from here on
  const int on = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
  if (bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0 ||
      listen(fd, 16) != 0) {
    return absl::UnavailableError(
        absl::StrCat("webhook: cannot listen on ", where, ": ", strerror(errno)));
  }
  socklen_t length = sizeof(address);
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    return absl::UnavailableError(absl::StrCat("webhook: getsockname: ", strerror(errno)));
  }
  listener->port_ = ntohs(address.sin_port);
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC | O_NONBLOCK) != 0) {
    return absl::UnavailableError(absl::StrCat("webhook: pipe: ", strerror(errno)));
  }
  listener->wake_read_fd_ = pipe_fds[0];
  listener->wake_write_fd_ = pipe_fds[1];
  listener->thread_ = std::thread([raw = listener.get()] { raw->Run(); });
  return listener;
}

WebhookListener::~WebhookListener() {
  if (thread_.joinable()) {
    const char byte = 'x';
    while (write(wake_write_fd_, &byte, 1) < 0 && errno == EINTR) {
    }
    thread_.join();
  }
  for (int fd : {listen_fd_, wake_read_fd_, wake_write_fd_}) {
    if (fd >= 0) close(fd);
  }
}

WebhookStats WebhookListener::TakeStats() {
  std::lock_guard<std::mutex> lock(mutex_);
  WebhookStats stats = std::move(stats_);
  stats_ = WebhookStats{};
  return stats;
}

void WebhookListener::Count(bool queued, std::string problem) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (queued) {
    ++stats_.queued;
  } else {
    ++stats_.rejected;
    stats_.last_problem = std::move(problem);
  }
}

void WebhookListener::Run() {
  while (true) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_read_fd_, POLLIN, 0}};
    const int ready = poll(fds, 2, -1);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0 || (fds[1].revents & POLLIN) != 0) return;
    if ((fds[0].revents & POLLIN) == 0) continue;
    const int connection = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (connection < 0) continue;  // the client gave up, or out of descriptors: try again
    Serve(connection);
    shutdown(connection, SHUT_RDWR);
    close(connection);
  }
}

void WebhookListener::Serve(int connection) {
  const absl::Time deadline = absl::Now() + config_.io_timeout;
  const auto answer = [&](int code, std::string message) {
    SendResponse(connection, {code, message});
    Count(code == 202, absl::StrCat(code, " ", message));
  };
  std::string buffer;
  size_t head_end = std::string::npos;
  size_t body_start = 0;
  while (true) {
    if (const size_t crlf = buffer.find("\r\n\r\n"); crlf != std::string::npos) {
      head_end = crlf;
      body_start = crlf + 4;
      break;
    }
    if (const size_t lf = buffer.find("\n\n"); lf != std::string::npos) {
      head_end = lf;
      body_start = lf + 2;
      break;
    }
    if (buffer.size() >= kMaxHeadBytes) {
      return answer(431, absl::StrCat("the request head is over ", kMaxHeadBytes, " bytes"));
    }
    if (!ReceiveSome(connection, wake_read_fd_, buffer, kMaxHeadBytes, deadline)) {
      return Count(false, "a connection closed or timed out before its request head ended");
    }
  }
  absl::StatusOr<HttpRequestHead> head =
      ParseHttpRequestHead(absl::string_view(buffer).substr(0, head_end));
  if (!head.ok()) return answer(400, std::string(head.status().message()));
  if (head->method != "POST") return answer(405, "only POST is accepted");
  if (head->chunked) return answer(411, "Transfer-Encoding is not supported; send Content-Length");
  if (!head->content_length) return answer(411, "Content-Length is required");
  if (*head->content_length > config_.max_body_bytes) {
    return answer(413, absl::StrCat("the body is over ", config_.max_body_bytes, " bytes"));
  }
  const size_t length = static_cast<size_t>(*head->content_length);
  std::string body = buffer.substr(body_start);
  if (body.size() < length && head->expect_continue) {
    SendAll(connection, "HTTP/1.1 100 Continue\r\n\r\n");
  }
  while (body.size() < length) {
    if (!ReceiveSome(connection, wake_read_fd_, body, length, deadline)) {
      return Count(false, "a connection closed or timed out before its body ended");
    }
  }
  body.resize(length);

  simdjson::dom::parser parser;
  simdjson::dom::element document;
  if (const simdjson::error_code error = parser.parse(body).get(document);
      error != simdjson::SUCCESS) {
    return answer(400, absl::StrCat("the body is not JSON: ", simdjson::error_message(error)));
  }
  if (document.type() != simdjson::dom::element_type::OBJECT) {
    return answer(400, absl::StrCat("the body is a JSON ", plugin_common::JsonTypeName(document),
                                    ", not an object (one event per request)"));
  }
  std::string line(body.size(), '\0');
  size_t line_length = 0;
  if (simdjson::minify(body.data(), body.size(), line.data(), line_length) != simdjson::SUCCESS) {
    return answer(400, "the body could not be minified");
  }
  line.resize(line_length);
  if (absl::Status status = AppendSpoolLine(config_.spool_path, line); !status.ok()) {
    return answer(503, std::string(status.message()));
  }
  answer(202, "queued");
}

}  // namespace cxhub::chat
