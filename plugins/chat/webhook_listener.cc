#include "plugins/chat/webhook_listener.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "plugins/chat/spool_writer.h"
#include "plugins/common/json_field_reader.h"
#include "simdjson.h"

namespace cxhub::chat {

struct WebhookListener::Answer {
  unsigned code;
  std::string message;
};

namespace {

// libmicrohttpd keeps a connection's head and read buffer in one pool of this size, so a head
// that does not fit is refused by the library (431) before it reaches us.
constexpr size_t kConnectionMemoryBytes = 32 * 1024;

// What libmicrohttpd keeps between the calls of one request.
struct PendingRequest {
  std::string body;
  bool answered = false;
};

std::optional<std::string> HeaderValue(MHD_Connection* connection, const char* name) {
  const char* value = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, name);
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

MHD_Result Respond(MHD_Connection* connection, unsigned code, const std::string& message) {
  const std::string body = absl::StrCat(message, "\n");
  MHD_Response* response = MHD_create_response_from_buffer(
      body.size(), const_cast<char*>(body.data()), MHD_RESPMEM_MUST_COPY);
  if (response == nullptr) return MHD_NO;
  MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain; charset=utf-8");
  MHD_add_response_header(response, MHD_HTTP_HEADER_CONNECTION, "close");
  if (code == MHD_HTTP_METHOD_NOT_ALLOWED) {
    MHD_add_response_header(response, MHD_HTTP_HEADER_ALLOW, "POST");
  }
  const MHD_Result queued = MHD_queue_response(connection, code, response);
  MHD_destroy_response(response);
  return queued;
}

// When the connection was accepted: the start of its head's deadline.
absl::Time ConnectedAt(MHD_Connection* connection) {
  const MHD_ConnectionInfo* info =
      MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  if (info == nullptr || info->socket_context == nullptr) return absl::Now();
  return *static_cast<const absl::Time*>(info->socket_context);
}

}  // namespace

// libmicrohttpd's callbacks; `cls` is the listener.
struct WebhookCallbacks {
  static MHD_Result OnRequest(void* cls, MHD_Connection* connection, const char* /*url*/,
                              const char* method, const char* /*version*/, const char* upload_data,
                              size_t* upload_data_size, void** request_context) {
    auto* listener = static_cast<WebhookListener*>(cls);
    if (*request_context == nullptr) {  // the head is in
      auto* request = new PendingRequest();
      *request_context = request;
      std::optional<WebhookListener::Answer> refusal = listener->CheckHead(connection, method);
      if (!refusal.has_value()) return MHD_YES;
      request->answered = true;
      listener->Count(false, absl::StrCat(refusal->code, " ", refusal->message));
      return Respond(connection, refusal->code, refusal->message);
    }
    auto* request = static_cast<PendingRequest*>(*request_context);
    if (*upload_data_size > 0) {  // a piece of the body, within Content-Length (checked)
      request->body.append(upload_data, *upload_data_size);
      *upload_data_size = 0;
      return MHD_YES;
    }
    if (request->answered) return MHD_YES;
    request->answered = true;
    const WebhookListener::Answer answer = listener->Accept(connection, request->body);
    listener->Count(answer.code == MHD_HTTP_ACCEPTED,
                    absl::StrCat(answer.code, " ", answer.message));
    return Respond(connection, answer.code, answer.message);
  }

  static void OnRequestEnded(void* cls, MHD_Connection* /*connection*/, void** request_context,
                             MHD_RequestTerminationCode /*why*/) {
    auto* request = static_cast<PendingRequest*>(*request_context);
    if (request != nullptr && !request->answered) {
      static_cast<WebhookListener*>(cls)->Count(
          false, "a connection closed or timed out before its request ended");
    }
    delete request;
    *request_context = nullptr;
  }

  static void OnConnection(void* /*cls*/, MHD_Connection* /*connection*/, void** socket_context,
                           MHD_ConnectionNotificationCode event) {
    if (event == MHD_CONNECTION_NOTIFY_STARTED) {
      *socket_context = new absl::Time(absl::Now());
    } else {
      delete static_cast<absl::Time*>(*socket_context);
      *socket_context = nullptr;
    }
  }
};

WebhookListener::WebhookListener(WebhookConfig config) : config_(std::move(config)) {
  if (config_.secret.has_value()) {
    verifier_ = std::make_unique<WebhookSignatureVerifier>(*config_.secret);
  }
}

absl::StatusOr<std::unique_ptr<WebhookListener>> WebhookListener::Start(WebhookConfig config) {
  std::unique_ptr<WebhookListener> listener(new WebhookListener(std::move(config)));
  const WebhookConfig& cfg = listener->config_;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(cfg.port);
  if (inet_pton(AF_INET, cfg.address.c_str(), &address.sin_addr) != 1) {
    return absl::InvalidArgumentError(absl::StrCat("webhook: '", cfg.address, "' is not IPv4"));
  }
  const bool tls = !cfg.tls_certificate_pem.empty();
  if (tls && MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
    return absl::FailedPreconditionError("webhook: this libmicrohttpd is built without TLS");
  }
  const unsigned flags = static_cast<unsigned>(MHD_USE_EPOLL_INTERNAL_THREAD) |
                         (tls ? static_cast<unsigned>(MHD_USE_TLS) : 0u);
  std::vector<MHD_OptionItem> options = {
      {MHD_OPTION_SOCK_ADDR, 0, &address},
      {MHD_OPTION_LISTENING_ADDRESS_REUSE, 1, nullptr},
      {MHD_OPTION_THREAD_POOL_SIZE, cfg.threads, nullptr},
      {MHD_OPTION_CONNECTION_LIMIT, cfg.max_connections, nullptr},
      {MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg.max_connections_per_address, nullptr},
      {MHD_OPTION_CONNECTION_TIMEOUT, absl::ToInt64Seconds(cfg.idle_timeout), nullptr},
      {MHD_OPTION_CONNECTION_MEMORY_LIMIT, static_cast<intptr_t>(kConnectionMemoryBytes), nullptr}};
  if (tls) {
    options.push_back(
        {MHD_OPTION_HTTPS_MEM_CERT, 0, const_cast<char*>(cfg.tls_certificate_pem.c_str())});
    options.push_back({MHD_OPTION_HTTPS_MEM_KEY, 0, const_cast<char*>(cfg.tls_key_pem.c_str())});
  }
  options.push_back({MHD_OPTION_END, 0, nullptr});
  listener->daemon_ = MHD_start_daemon(
      flags, cfg.port, nullptr, nullptr, &WebhookCallbacks::OnRequest, listener.get(),
      MHD_OPTION_ARRAY, options.data(), MHD_OPTION_NOTIFY_COMPLETED,
      &WebhookCallbacks::OnRequestEnded, listener.get(), MHD_OPTION_NOTIFY_CONNECTION,
      &WebhookCallbacks::OnConnection, nullptr, MHD_OPTION_END);
  if (listener->daemon_ == nullptr) {
    return absl::UnavailableError(absl::StrCat("webhook: cannot listen on ", cfg.address, ":",
                                               cfg.port, tls ? " with TLS" : "",
                                               " (address in use or not local, or a bad "
                                               "certificate or key)"));
  }
  const MHD_DaemonInfo* bound = MHD_get_daemon_info(listener->daemon_, MHD_DAEMON_INFO_BIND_PORT);
  listener->port_ = bound != nullptr ? bound->port : cfg.port;
  return listener;
}

WebhookListener::~WebhookListener() {
  if (daemon_ != nullptr) MHD_stop_daemon(daemon_);
}

WebhookStats WebhookListener::TakeStats() {
  std::lock_guard<std::mutex> lock(stats_mutex_);
  WebhookStats stats = std::move(stats_);
  stats_ = WebhookStats{};
  return stats;
}

void WebhookListener::Count(bool queued, std::string problem) {
  std::lock_guard<std::mutex> lock(stats_mutex_);
  if (queued) {
    ++stats_.queued;
  } else {
    ++stats_.rejected;
    stats_.last_problem = std::move(problem);
  }
}

std::optional<WebhookListener::Answer> WebhookListener::CheckHead(MHD_Connection* connection,
                                                                  const char* method) const {
  if (absl::Now() - ConnectedAt(connection) > config_.head_deadline) {
    return Answer{
        MHD_HTTP_REQUEST_TIMEOUT,
        absl::StrCat("the request head took over ", absl::FormatDuration(config_.head_deadline))};
  }
  if (std::string(method) != MHD_HTTP_METHOD_POST) {
    return Answer{MHD_HTTP_METHOD_NOT_ALLOWED, "only POST is accepted"};
  }
  if (HeaderValue(connection, MHD_HTTP_HEADER_TRANSFER_ENCODING).has_value()) {
    return Answer{MHD_HTTP_LENGTH_REQUIRED,
                  "Transfer-Encoding is not supported; send Content-Length"};
  }
  const std::optional<std::string> length = HeaderValue(connection, MHD_HTTP_HEADER_CONTENT_LENGTH);
  if (!length.has_value()) return Answer{MHD_HTTP_LENGTH_REQUIRED, "Content-Length is required"};
  uint64_t bytes = 0;
  if (!absl::SimpleAtoi(*length, &bytes) || bytes > config_.max_body_bytes) {
    return Answer{MHD_HTTP_CONTENT_TOO_LARGE,
                  absl::StrCat("the body is over ", config_.max_body_bytes, " bytes")};
  }
  return std::nullopt;
}

WebhookListener::Answer WebhookListener::Accept(MHD_Connection* connection,
                                                const std::string& body) {
  if (verifier_ == nullptr) return Queue(body);
  const SignedDelivery delivery{HeaderValue(connection, "X-Chatwoot-Signature"),
                                HeaderValue(connection, "X-Chatwoot-Timestamp"),
                                HeaderValue(connection, "X-Chatwoot-Delivery")};
  if (absl::Status verified = verifier_->Verify(delivery, body, absl::Now()); !verified.ok()) {
    const unsigned code =
        absl::IsResourceExhausted(verified) ? MHD_HTTP_SERVICE_UNAVAILABLE : MHD_HTTP_UNAUTHORIZED;
    return Answer{code, std::string(verified.message())};
  }
  Answer answer = Queue(body);
  // Not queued: the delivery may come again (Chatwoot retries with the same id).
  if (answer.code != MHD_HTTP_ACCEPTED) verifier_->Release(delivery);
  return answer;
}

WebhookListener::Answer WebhookListener::Queue(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::element document;
  if (const simdjson::error_code error = parser.parse(body).get(document);
      error != simdjson::SUCCESS) {
    return Answer{MHD_HTTP_BAD_REQUEST,
                  absl::StrCat("the body is not JSON: ", simdjson::error_message(error))};
  }
  if (document.type() != simdjson::dom::element_type::OBJECT) {
    return Answer{MHD_HTTP_BAD_REQUEST,
                  absl::StrCat("the body is a JSON ", plugin_common::JsonTypeName(document),
                               ", not an object (one event per request)")};
  }
  std::string line(body.size(), '\0');
  size_t line_length = 0;
  if (simdjson::minify(body.data(), body.size(), line.data(), line_length) != simdjson::SUCCESS) {
    return Answer{MHD_HTTP_BAD_REQUEST, "the body could not be minified"};
  }
  line.resize(line_length);
  std::lock_guard<std::mutex> lock(spool_mutex_);
  if (absl::Status status = AppendSpoolLine(config_.spool_path, line); !status.ok()) {
    return Answer{MHD_HTTP_SERVICE_UNAVAILABLE, std::string(status.message())};
  }
  return Answer{MHD_HTTP_ACCEPTED, "queued"};
}

}  // namespace cxhub::chat
