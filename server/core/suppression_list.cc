#include "server/core/suppression_list.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "absl/status/statusor.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "server/core/status_macros.h"

namespace cxhub {
namespace {

// The payload that marks Check's refusal, so that callers tell it from other preconditions.
constexpr absl::string_view kSuppressedPayload = "type.cxhub.dev/cxhub.SuppressedIdentity";

absl::Status SuppressedError(absl::string_view field) {
  absl::Status refusal = absl::FailedPreconditionError(
      absl::StrCat(field, ": this identity was erased and is suppressed"));
  refusal.SetPayload(kSuppressedPayload, absl::Cord());
  return refusal;
}

}  // namespace

absl::Status SuppressionList::RequireKey() const {
  if (!key_.empty()) return absl::OkStatus();
  return absl::FailedPreconditionError(
      absl::StrCat("erasure needs a suppression key: set ", kSuppressionKeySetting,
                   " in the server config (a file of at least ", kMinSuppressionKeyBytes,
                   " secret bytes) so that erased identities stay suppressed"));
}

std::string SuppressionList::Fingerprint(const Identity& normalized) const {
  const std::string message =
      absl::StrCat(IdentityKindName(normalized.kind), ":", normalized.value);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

absl::StatusOr<int> SuppressionList::FirstSuppressed(StoreReader& reader,
                                                     absl::Span<const Identity> identities) const {
  if (key_.empty()) return -1;
  for (size_t i = 0; i < identities.size(); ++i) {
    absl::StatusOr<Identity> normalized = normalizer_.Normalize(identities[i]);
    if (!normalized.ok()) continue;
    CXHUB_ASSIGN_OR_RETURN(bool suppressed, reader.IsIdentitySuppressed(Fingerprint(*normalized)));
    if (suppressed) return static_cast<int>(i);
  }
  return -1;
}

absl::Status SuppressionList::Check(StoreReader& reader, absl::Span<const Identity> identities,
                                    absl::string_view field) const {
  CXHUB_ASSIGN_OR_RETURN(int index, FirstSuppressed(reader, identities));
  if (index < 0) return absl::OkStatus();
  return SuppressedError(absl::StrCat(field, "[", index, "]"));
}

absl::Status SuppressionList::CheckOne(StoreReader& reader, const Identity& identity,
                                       absl::string_view field) const {
  CXHUB_ASSIGN_OR_RETURN(int index, FirstSuppressed(reader, {identity}));
  if (index < 0) return absl::OkStatus();
  return SuppressedError(field);
}

bool IsSuppressedIdentityError(const absl::Status& status) {
  return absl::IsFailedPrecondition(status) && status.GetPayload(kSuppressedPayload).has_value();
}

}  // namespace cxhub
