// Checks security (config.proto) against the listen address: TLS or an explicit plain text,
// plain text only on loopback unless a second setting says otherwise, a tokens file or an
// explicit auth_disabled.
#ifndef CXHUB_SERVER_SECURITY_CONFIG_H_
#define CXHUB_SERVER_SECURITY_CONFIG_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "cxhub/config/v1/config.pb.h"

namespace cxhub {

// Whether the host of `listen_address` ("127.0.0.1:50051", "[::1]:0", "localhost:1") can only
// be reached from this machine.
bool IsLoopbackListenAddress(absl::string_view listen_address);

// INVALID_ARGUMENT "config: security...: ..." saying what is wrong and how to fix it.
absl::Status ValidateSecurityConfig(const config::v1::ServerConfig& config);

}  // namespace cxhub

#endif  // CXHUB_SERVER_SECURITY_CONFIG_H_
