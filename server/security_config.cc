#include "server/security_config.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace cxhub {
namespace {

absl::Status Invalid(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("config: security", field, ": ", problem));
}

// The host part of "host:port", "[v6]:port" or "unix:..." (returned whole).
absl::string_view HostOf(absl::string_view address) {
  if (absl::ConsumePrefix(&address, "[")) return address.substr(0, address.find(']'));
  const size_t colon = address.rfind(':');
  return colon == absl::string_view::npos ? address : address.substr(0, colon);
}

absl::Status ValidatePlaintext(const config::v1::ServerConfig& config) {
  const config::v1::SecurityConfig& security = config.security();
  if (security.has_tls()) {
    return Invalid(".plaintext", "set either tls or plaintext, not both");
  }
  if (!security.plaintext_beyond_loopback() && !IsLoopbackListenAddress(config.listen_address())) {
    return Invalid(".plaintext",
                   absl::StrCat("refusing to serve plain text on ", config.listen_address(),
                                ", which is not a loopback address: anyone on the network could "
                                "read every customer's data and every token. Configure "
                                "security.tls, listen on 127.0.0.1, or, only if something in "
                                "front adds TLS, set security.plaintext_beyond_loopback: true"));
  }
  return absl::OkStatus();
}

}  // namespace

bool IsLoopbackListenAddress(absl::string_view listen_address) {
  const absl::string_view host = HostOf(listen_address);
  return absl::StartsWith(host, "127.") || host == "::1" || host == "localhost" ||
         absl::StartsWith(listen_address, "unix:");
}

absl::Status ValidateSecurityConfig(const config::v1::ServerConfig& config) {
  if (!config.has_security()) {
    return Invalid("",
                   "required: configure tls (or, on loopback, plaintext: true) and a "
                   "tokens_file (or auth_disabled: true); see config/cxhub.tls.textproto");
  }
  const config::v1::SecurityConfig& security = config.security();
  if (security.plaintext()) {
    if (absl::Status status = ValidatePlaintext(config); !status.ok()) return status;
  } else if (!security.has_tls()) {
    return Invalid(".tls", "required unless plaintext: true");
  } else if (security.tls().cert_file().empty() || security.tls().key_file().empty()) {
    return Invalid(".tls", "cert_file and key_file are both required");
  }
  if (security.tokens_file().empty() && !security.auth_disabled()) {
    return Invalid(".tokens_file", "required unless auth_disabled: true");
  }
  if (!security.tokens_file().empty() && security.auth_disabled()) {
    return Invalid(".auth_disabled", "set either tokens_file or auth_disabled, not both");
  }
  return absl::OkStatus();
}

}  // namespace cxhub
