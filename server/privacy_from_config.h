// The server config's privacy settings: the suppression list's key (config `privacy`) and the
// sources API callers may not record under (the connectors', config `connectors`).
#ifndef CXHUB_SERVER_PRIVACY_FROM_CONFIG_H_
#define CXHUB_SERVER_PRIVACY_FROM_CONFIG_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cxhub/config/v1/config.pb.h"

namespace cxhub {

struct PrivacySettings {
  // The secret bytes of privacy.suppression_key_file; empty when it is unset (erasure refused).
  std::string suppression_key;
  // Each connector's instance name (the source it records under) and its plugin's name, as
  // the file is named ("cxhub_email.so": "cxhub_email" and "email").
  std::vector<std::string> reserved_sources;
};

// INVALID_ARGUMENT "config: privacy.suppression_key_file: ..." when the file cannot be read or
// holds fewer than kMinSuppressionKeyBytes bytes.
absl::StatusOr<PrivacySettings> PrivacySettingsFromConfig(const config::v1::ServerConfig& config);

}  // namespace cxhub

#endif  // CXHUB_SERVER_PRIVACY_FROM_CONFIG_H_
