// The credentials of the gRPC port from security (config.proto): TLS from certificate and key
// files that are watched and reloaded when they change, with mutual TLS when a client CA is
// given; insecure credentials only when the config asks for plain text (the loopback rule is
// checked with the rest of the config, server/security_config.h).
#ifndef CXHUB_SERVER_API_SERVER_CREDENTIALS_H_
#define CXHUB_SERVER_API_SERVER_CREDENTIALS_H_

#include <memory>

#include "absl/status/statusor.h"
#include "cxhub/config/v1/config.pb.h"
#include "grpcpp/security/server_credentials.h"

namespace cxhub {

// FAILED_PRECONDITION naming the field when a configured file cannot be read at start (later
// rewrites that fail to load keep the last good certificates).
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFromConfig(
    const config::v1::SecurityConfig& security);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_SERVER_CREDENTIALS_H_
