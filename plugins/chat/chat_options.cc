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
      {"account_id", "identifier_system", "listen", "spool", "allow_remote", "max_body_bytes"}, {}};
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
        } else if (key == "listen") {
          return ParseListen(value, options);
        } else if (key == "spool") {
          if (absl::Status status = plugin_common::CheckPathOption(key, value); !status.ok()) {
            return Invalid(status.message());
          }
          options.spool = std::string(value);
        } else if (key == "allow_remote") {
          if (value != "true" && value != "false") {
            return Invalid(absl::StrCat("allow_remote '", value, "' is not true or false"));
          }
          options.allow_remote = value == "true";
        } else if (key == "max_body_bytes") {
          int64_t max_body_bytes = 0;
          if (absl::Status status =
                  plugin_common::ParseIntOption(key, value, 1, kMaxBodyBytes, max_body_bytes);
              !status.ok()) {
            return Invalid(status.message());
          }
          options.max_body_bytes = static_cast<size_t>(max_body_bytes);
        }
        return absl::OkStatus();
      });
  if (!parsed.ok()) return parsed;
  if (!has_account) return Invalid("account_id is required (the Chatwoot account id, e.g. 7)");
  if (options.files.empty() && options.spool.empty()) {
    return Invalid("at least one file=<path> or spool=<path> is required");
  }
  if (options.listen && options.spool.empty()) {
    return Invalid("listen needs spool=<path> (where accepted events are queued)");
  }
  if (std::find(options.files.begin(), options.files.end(), options.spool) != options.files.end()) {
    return Invalid(absl::StrCat("'", options.spool, "' is both a file and the spool"));
  }
  if (options.listen && !options.allow_remote &&
      !absl::StartsWith(options.listen_address, "127.")) {
    return Invalid(absl::StrCat("listen address ", options.listen_address,
                                " is not loopback (127.0.0.0/8); set allow_remote=true to accept "
                                "it (plain HTTP, no TLS)"));
  }
  return options;
}

}  // namespace cxhub::chat
