// The chat connector's webhook endpoint: a small HTTP/1.1 server on one thread that queues each
// Chatwoot event it is sent as one line of the spool file, durably, before answering.
//
//   POST <any path> with Content-Length and a JSON object body   -> appended + fsynced, then 202
//   a body that is not a JSON object                              -> 400, nothing spooled
//   a body over max_body_bytes                                    -> 413 (body not read)
//   no Content-Length (or Transfer-Encoding: chunked)             -> 411
//   another method                                                -> 405 (Allow: POST)
//   the spool cannot be written                                   -> 503
//
// One request per connection (the answer says "Connection: close"); requests are handled one
// after another, each within `io_timeout`. "Expect: 100-continue" is honoured. The body is stored
// minified (whitespace outside strings removed), so a pretty-printed body is still one line.
// Plain HTTP only: no TLS. The connector's read tails the spool like any other file.
//
// This is the only thread the chat plugin starts. It makes no host callback (those happen in
// read only); what it did is collected in counters the connector logs from read.
#ifndef CXHUB_PLUGINS_CHAT_WEBHOOK_LISTENER_H_
#define CXHUB_PLUGINS_CHAT_WEBHOOK_LISTENER_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace cxhub::chat {

struct WebhookConfig {
  std::string address;  // dotted IPv4
  uint16_t port = 0;    // 0: any free port (see WebhookListener::port)
  std::string spool_path;
  size_t max_body_bytes = 65536;
  absl::Duration io_timeout = absl::Seconds(10);
};

struct WebhookStats {
  int64_t queued = 0;    // answered 202
  int64_t rejected = 0;  // answered 4xx/5xx, or dropped on timeout
  std::string last_problem;
};

class WebhookListener {
 public:
  // Binds, listens and starts the thread. UNAVAILABLE when the address cannot be bound (in use,
  // not local), naming it.
  static absl::StatusOr<std::unique_ptr<WebhookListener>> Start(WebhookConfig config);
  // Stops: no new connection is accepted, a request in progress is abandoned unanswered (unless
  // already spooled), and the thread is joined.
  ~WebhookListener();
  WebhookListener(const WebhookListener&) = delete;
  WebhookListener& operator=(const WebhookListener&) = delete;

  // The port bound (the chosen one when the configured port was 0).
  uint16_t port() const { return port_; }

  // What happened since the previous call; thread-safe.
  WebhookStats TakeStats();

 private:
  explicit WebhookListener(WebhookConfig config) : config_(std::move(config)) {}
  void Run();
  void Serve(int connection);
  void Count(bool queued, std::string problem);

  const WebhookConfig config_;
  int listen_fd_ = -1;
  int wake_read_fd_ = -1;
  int wake_write_fd_ = -1;
  uint16_t port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  WebhookStats stats_;  // guarded by mutex_
};

}  // namespace cxhub::chat

#endif  // CXHUB_PLUGINS_CHAT_WEBHOOK_LISTENER_H_
