// Turns identities as channels write them into the one form the store keys on.
//
//   email     trimmed, lower-cased, must be local@domain
//   phone     E.164 via libphonenumber; numbers without a country code use the default region,
//             "00" and the region's international prefix are understood
//   social    network-qualified, "network:@user@instance", lower-cased
//   chat      platform-qualified, "platform:...", trimmed
//   external  system-qualified, "system:id", trimmed
#ifndef CXHUB_SERVER_CORE_IDENTITY_NORMALIZER_H_
#define CXHUB_SERVER_CORE_IDENTITY_NORMALIZER_H_

#include <string>

#include "absl/status/statusor.h"
#include "server/core/model.h"

namespace cxhub {

class IdentityNormalizer {
 public:
  // INVALID_ARGUMENT if `default_region` is not a region libphonenumber knows (e.g. "PT").
  static absl::StatusOr<IdentityNormalizer> Create(const std::string& default_region);

  // INVALID_ARGUMENT with a message saying what is wrong with the value (the caller adds
  // the field name). Thread-safe.
  absl::StatusOr<Identity> Normalize(const Identity& identity) const;

  const std::string& default_region() const { return default_region_; }

 private:
  explicit IdentityNormalizer(std::string default_region)
      : default_region_(std::move(default_region)) {}
  std::string default_region_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_IDENTITY_NORMALIZER_H_
