#include "server/api/server_credentials.h"

#include <fstream>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/security/tls_certificate_provider.h"
#include "grpcpp/security/tls_credentials_options.h"

namespace cxhub {
namespace {

constexpr unsigned int kDefaultRefreshSeconds = 60;

// gRPC's file watcher only logs a file it cannot read: a wrong path is caught here instead,
// where the server can still refuse to start with the field named.
absl::Status CheckReadable(const std::string& path, absl::string_view field) {
  if (path.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("config: security.tls.", field, ": required"));
  }
  if (!std::ifstream(path, std::ios::binary)) {
    return absl::FailedPreconditionError(
        absl::StrCat("config: security.tls.", field, ": cannot read ", path));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFromConfig(
    const config::v1::SecurityConfig& security) {
  if (!security.has_tls()) return grpc::InsecureServerCredentials();
  const config::v1::TlsConfig& tls = security.tls();
  for (const auto& [path, field] :
       {std::pair(tls.cert_file(), "cert_file"), std::pair(tls.key_file(), "key_file")}) {
    if (absl::Status status = CheckReadable(path, field); !status.ok()) return status;
  }
  const bool mutual = !tls.client_ca_file().empty();
  if (mutual) {
    if (absl::Status status = CheckReadable(tls.client_ca_file(), "client_ca_file"); !status.ok()) {
      return status;
    }
  }
  const unsigned int refresh =
      tls.refresh_interval_seconds() > 0 ? tls.refresh_interval_seconds() : kDefaultRefreshSeconds;
  auto provider = std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
      tls.key_file(), tls.cert_file(), tls.client_ca_file(), refresh);
  grpc::experimental::TlsServerCredentialsOptions options(provider);
  options.watch_identity_key_cert_pairs();
  if (mutual) {
    options.watch_root_certs();
    options.set_cert_request_type(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  } else {
    options.set_cert_request_type(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  }
  return grpc::experimental::TlsServerCredentials(options);
}

}  // namespace cxhub
