// The chat connector's webhook endpoint: an HTTP server (libmicrohttpd, its own epoll threads)
// that queues each Chatwoot event it is sent as one line of the spool file, durably, before
// answering.
//
//   POST <any path> with Content-Length, a valid signature and a JSON object body
//                                                   -> appended + fsynced, then 202
//   a missing, wrong, stale or replayed signature  -> 401, nothing spooled (unless unsigned)
//   a body that is not a JSON object               -> 400, nothing spooled
//   a body over max_body_bytes                     -> 413 (body not read)
//   no Content-Length (or Transfer-Encoding)       -> 411
//   another method                                 -> 405 (Allow: POST)
//   a request head that took over head_deadline    -> 408
//   the spool cannot be written                    -> 503
//
// Many connections are served at once, within a connection limit, a per-client-address limit
// and an idle timeout; a head over 16 KiB is refused by the library (431). One request per
// connection ("Connection: close"). "Expect: 100-continue" is honoured. The body is stored
// minified, so a pretty-printed body is still one line. With a certificate and key the endpoint
// speaks HTTPS.
//
// The listener lives as long as its object, independently of reads: the connector's read tails
// the spool like any other file. Its threads make no host callback (those happen in read only);
// what they did is collected in counters the connector logs from read.
#ifndef CXHUB_PLUGINS_CHAT_WEBHOOK_LISTENER_H_
#define CXHUB_PLUGINS_CHAT_WEBHOOK_LISTENER_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "plugins/chat/webhook_signature.h"

struct MHD_Daemon;
struct MHD_Connection;

namespace cxhub::chat {

struct WebhookConfig {
  std::string address;  // dotted IPv4
  uint16_t port = 0;    // 0: any free port (see WebhookListener::port)
  std::string spool_path;
  size_t max_body_bytes = 65536;
  std::optional<std::string> secret;  // nullopt: deliveries are not signed (configured so)
  std::string tls_certificate_pem;    // both empty: plain HTTP
  std::string tls_key_pem;
  unsigned max_connections = 256;
  unsigned max_connections_per_address = 32;
  unsigned threads = 4;
  absl::Duration idle_timeout = absl::Seconds(10);  // no byte for this long: closed
  absl::Duration head_deadline = absl::Seconds(5);  // connect to end of the head
};

struct WebhookStats {
  int64_t queued = 0;    // answered 202
  int64_t rejected = 0;  // answered 4xx/5xx, or dropped on timeout
  std::string last_problem;
};

class WebhookListener {
 public:
  // Binds, listens and starts the threads. UNAVAILABLE when the address cannot be bound (in use,
  // not local), naming it; FAILED_PRECONDITION for TLS without TLS support in libmicrohttpd.
  static absl::StatusOr<std::unique_ptr<WebhookListener>> Start(WebhookConfig config);
  // Stops: no new connection is accepted, requests in progress are abandoned unanswered (unless
  // already spooled), and the threads are joined.
  ~WebhookListener();
  WebhookListener(const WebhookListener&) = delete;
  WebhookListener& operator=(const WebhookListener&) = delete;

  // The port bound (the chosen one when the configured port was 0).
  uint16_t port() const { return port_; }

  // What happened since the previous call; thread-safe.
  WebhookStats TakeStats();

 private:
  struct Answer;
  friend struct WebhookCallbacks;  // libmicrohttpd's C callbacks, in webhook_listener.cc

  explicit WebhookListener(WebhookConfig config);
  std::optional<Answer> CheckHead(MHD_Connection* connection, const char* method) const;
  Answer Accept(MHD_Connection* connection, const std::string& body);
  Answer Queue(const std::string& body);
  void Count(bool queued, std::string problem);

  const WebhookConfig config_;
  std::unique_ptr<WebhookSignatureVerifier> verifier_;  // null when unsigned
  MHD_Daemon* daemon_ = nullptr;
  uint16_t port_ = 0;
  std::mutex spool_mutex_;  // one append at a time: the spool writer is thread-compatible
  std::mutex stats_mutex_;
  WebhookStats stats_;  // guarded by stats_mutex_
};

}  // namespace cxhub::chat

#endif  // CXHUB_PLUGINS_CHAT_WEBHOOK_LISTENER_H_
