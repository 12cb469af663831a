#include "plugins/chat/chat_options.h"

#include <arpa/inet.h>

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "plugins/common/tailed_file_options.h"

namespace cxhub::chat {
namespace {

// The spool is read back with kMaxLineBytes (chat_options.h) as the longest line: a longer body
// could not be read back whole.
constexpr int64_t kMaxBodyBytes = kMaxLineBytes;
constexpr int64_t kMaxConnections = 10000;

absl::Status Invalid(absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat("chat connector options: ", message));
}

absl::Status ParseListen(absl::string_view value, ChatOptions& options) {
  const size_t colon = value.rfind(':');
  uint32_t port = 0;
  in_addr address{};
  if (colon == absl::string_view::npos || !absl::SimpleAtoi(value.substr(colon + 1), &port) ||
      port > 65535 ||
      inet_pton(AF_INET, std::string(value.substr(0, colon)).c_str(), &address) != 1) {
    return Invalid(
        absl::StrCat("listen '", value, "' is not <IPv4 address>:<port> (e.g. 127.0.0.1:8091)"));
  }
  options.listen = true;
  options.listen_address = std::string(value.substr(0, colon));
  options.listen_port = static_cast<uint16_t>(port);
  return absl::OkStatus();
}

absl::Status ParseBool(absl::string_view key, absl::string_view value, bool& out) {
  if (value != "true" && value != "false") {
    return Invalid(absl::StrCat(key, " '", value, "' is not true or false"));
  }
  out = value == "true";
  return absl::OkStatus();
}

absl::Status ParsePath(absl::string_view key, absl::string_view value, std::string& out) {
  if (absl::Status status = plugin_common::CheckPathOption(key, value); !status.ok()) {
    return Invalid(status.message());
  }
  out = std::string(value);
  return absl::OkStatus();
}

absl::Status ParseCount(absl::string_view key, absl::string_view value, int64_t max, int64_t& out) {
  if (absl::Status status = plugin_common::ParseIntOption(key, value, 1, max, out); !status.ok()) {
    return Invalid(status.message());
  }
  return absl::OkStatus();
}

// The settings of the webhook endpoint and its spool.
absl::Status ParseWebhookSetting(absl::string_view key, absl::string_view value,
                                 ChatOptions& options) {
  int64_t number = 0;
  if (key == "listen") return ParseListen(value, options);
  if (key == "spool") return ParsePath(key, value, options.spool);
  if (key == "secret_file") return ParsePath(key, value, options.secret_file);
  if (key == "tls_cert") return ParsePath(key, value, options.tls_cert);
  if (key == "tls_key") return ParsePath(key, value, options.tls_key);
  if (key == "allow_remote") return ParseBool(key, value, options.allow_remote);
  if (key == "unsigned") return ParseBool(key, value, options.unsigned_deliveries);
  if (key == "max_body_bytes") {
    if (absl::Status status = ParseCount(key, value, kMaxBodyBytes, number); !status.ok())
      return status;
    options.max_body_bytes = static_cast<size_t>(number);
  } else if (key == "max_connections") {
    if (absl::Status status = ParseCount(key, value, kMaxConnections, number); !status.ok())
      return status;
    options.max_connections = static_cast<unsigned>(number);
  } else if (key == "max_connections_per_ip") {
    if (absl::Status status = ParseCount(key, value, kMaxConnections, number); !status.ok())
      return status;
    options.max_connections_per_ip = static_cast<unsigned>(number);
  }
  return absl::OkStatus();
}

absl::Status CheckWebhookOptions(const ChatOptions& options) {
  if (options.listen && options.spool.empty()) {
    return Invalid("listen needs spool=<path> (where accepted events are queued)");
  }
  if (options.listen && !options.allow_remote &&
      !absl::StartsWith(options.listen_address, "127.")) {
    return Invalid(absl::StrCat("listen address ", options.listen_address,
                                " is not loopback (127.0.0.0/8); set allow_remote=true to accept "
                                "it (with tls_cert and tls_key, or behind a TLS proxy)"));
  }
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    return Invalid("tls_cert and tls_key go together (the certificate and its private key)");
  }
  if (!options.secret_file.empty() && options.unsigned_deliveries) {
    return Invalid("secret_file and unsigned=true contradict each other; choose one");
  }
  if (options.listen && options.secret_file.empty() && !options.unsigned_deliveries) {
    return Invalid(
        "listen needs secret_file=<path> (the Chatwoot webhook's secret, to check each "
        "delivery's X-Chatwoot-Signature), or unsigned=true to accept unsigned deliveries");
  }
  return absl::OkStatus();
}

}  // namespace

std::vector<std::string> ChatOptions::Sources() const {
  std::vector<std::string> sources = files;
  if (!spool.empty()) sources.push_back(spool);
  return sources;
}

absl::StatusOr<ChatOptions> ParseChatOptions(absl::string_view text) {
  ChatOptions options;
  bool has_account = false;
  const plugin_common::OptionKeys own_keys = {
      {"account_id", "identifier_system", "listen", "spool", "allow_remote", "max_body_bytes",
       "secret_file", "unsigned", "tls_cert", "tls_key", "max_connections",
       "max_connections_per_ip"},
      {}};
  absl::Status parsed = plugin_common::ParseTailedFileOptions(
      text, "chat", own_keys, options,
      [&](absl::string_view key, absl::string_view value) -> absl::Status {
        if (key == "account_id") {
          if (!absl::SimpleAtoi(value, &options.account_id) || options.account_id < 1) {
            return Invalid(absl::StrCat("account_id '", value, "' is not a positive number"));
          }
          has_account = true;
        } else if (key == "identifier_system") {
          if (value.empty() || absl::StrContains(value, ':') || absl::StrContains(value, ' ')) {
            return Invalid(absl::StrCat("identifier_system '", value,
                                        "' must be a non-empty name without ':' or spaces"));
          }
          options.identifier_system = std::string(value);
        } else {
          return ParseWebhookSetting(key, value, options);
        }
        return absl::OkStatus();
      });
  if (!parsed.ok()) return parsed;
  if (!has_account) return Invalid("account_id is required (the Chatwoot account id, e.g. 7)");
  if (options.files.empty() && options.spool.empty()) {
    return Invalid("at least one file=<path> or spool=<path> is required");
  }
  if (std::find(options.files.begin(), options.files.end(), options.spool) != options.files.end()) {
    return Invalid(absl::StrCat("'", options.spool, "' is both a file and the spool"));
  }
  if (absl::Status webhook = CheckWebhookOptions(options); !webhook.ok()) return webhook;
  return options;
}

}  // namespace cxhub::chat
