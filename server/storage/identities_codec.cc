#include "server/storage/identities_codec.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "server/core/status_macros.h"
#include "server/storage/attributes_codec.h"

namespace cxhub {

std::string IdentityKey(const Identity& identity) {
  return absl::StrCat(static_cast<int>(identity.kind), ":", identity.value);
}

std::string EncodeIdentities(const std::vector<Identity>& identities) {
  Attributes keys;
  for (const Identity& identity : identities) keys.emplace(IdentityKey(identity), "");
  return EncodeAttributes(keys);
}

absl::StatusOr<std::vector<Identity>> DecodeIdentities(absl::string_view encoded) {
  CXHUB_ASSIGN_OR_RETURN(Attributes keys, DecodeAttributes(encoded));
  std::vector<Identity> identities;
  identities.reserve(keys.size());
  for (const auto& [key, unused] : keys) {
    const size_t colon = key.find(':');
    int kind = 0;
    if (colon == std::string::npos || !absl::SimpleAtoi(key.substr(0, colon), &kind)) {
      return absl::InternalError(absl::StrCat("recorded identity \"", key, "\" is malformed"));
    }
    identities.push_back({static_cast<IdentityKind>(kind), key.substr(colon + 1)});
  }
  std::sort(identities.begin(), identities.end());
  return identities;
}

}  // namespace cxhub
