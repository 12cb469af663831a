// The chat connector's options, as written in the server configuration's `options` string.
//
// `key=value` settings separated by newlines or `;`; spaces around keys and values are ignored,
// and so are empty settings and settings starting with `#`. Besides file, files and
// checkpoint_every (plugins/common/tailed_file_options.h; a file holds Chatwoot webhook payloads,
// one per line: a relay's output, an export):
//
//   account_id=<N>            the Chatwoot account (Settings > Account) the events belong to.
//                             Required.
//   identifier_system=<name>  qualify contact identifiers as "<name>:<identifier>" (e.g. crm when
//                             the website passes its CRM id). Default:
//                             "chatwoot-identifier:<account_id>:<identifier>".
//   listen=<ipv4>:<port>      accept webhook POSTs on this address (port 0: any free port, logged
//                             at open). Needs spool. Loopback only unless allow_remote=true.
//   spool=<path>              where accepted webhook events are appended (and read from). May be
//                             given without listen, to read a spool another process writes.
//   allow_remote=true|false   allow a listen address other than 127.0.0.0/8. Default false.
//   max_body_bytes=<N>        largest webhook body accepted (1-65536, default 65536; larger
//                             requests get 413).
//   secret_file=<path>        the file holding the Chatwoot webhook's secret: every delivery must
//                             carry its signature (webhook_signature.h). Required with listen
//                             unless unsigned=true.
//   unsigned=true|false       accept deliveries without a signature (only where nobody else can
//                             reach the address). Default false.
//   tls_cert=<path>, tls_key=<path>  PEM certificate (chain) and key: the endpoint speaks HTTPS.
//                             Both or neither.
//   max_connections=<N>       connections served at once (1-10000, default 256).
//   max_connections_per_ip=<N>  of them from one client address (1-10000, default 32).
//
// At least one file or a spool is required.
#ifndef CXHUB_PLUGINS_CHAT_CHAT_OPTIONS_H_
#define CXHUB_PLUGINS_CHAT_CHAT_OPTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "plugins/common/tailed_file_options.h"
#include "plugins/common/tailed_read.h"

namespace cxhub::chat {

// The longest line read from a file or the spool (every line-file connector's); longer ones are
// dead letters (a body this long is the largest max_body_bytes).
inline constexpr size_t kMaxLineBytes = plugin_common::kMaxLineBytes;

// files and checkpoint_every come from TailedFileOptions.
struct ChatOptions : plugin_common::TailedFileOptions {
  int64_t account_id = 0;
  std::string identifier_system;
  bool listen = false;
  std::string listen_address;  // dotted IPv4
  uint16_t listen_port = 0;    // 0: the system picks one
  std::string spool;           // empty: no spool
  bool allow_remote = false;
  size_t max_body_bytes = 65536;
  std::string secret_file;  // empty: unsigned_deliveries (or no listen)
  bool unsigned_deliveries = false;
  std::string tls_cert;  // empty: plain HTTP
  std::string tls_key;
  unsigned max_connections = 256;
  unsigned max_connections_per_ip = 32;

  // Every file read, in order: the files, then the spool.
  std::vector<std::string> Sources() const;
};

// Parses and validates the options. INVALID_ARGUMENT naming the setting for an unknown or
// repeated key, a missing required one, or a bad value.
absl::StatusOr<ChatOptions> ParseChatOptions(absl::string_view text);

}  // namespace cxhub::chat

#endif  // CXHUB_PLUGINS_CHAT_CHAT_OPTIONS_H_
