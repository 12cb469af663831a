// The suppression list: the identities of erased customers (and identities erased alone), kept
// so that what is erased stays erased. A connector that reads the same mailbox again must not
// bring the person back, nor may an API caller.
//
// The list holds keyed hashes, never identities: HMAC-SHA256 under a server secret (config
// privacy.suppression_key_file) of the normalized identity's kind and value. A plain SHA-256 of
// an email can be reversed by hashing a list of addresses; a keyed hash cannot without the key.
// The same key must stay configured for as long as the list is to hold: a new key makes every
// listed hash unmatchable.
#ifndef CXHUB_SERVER_CORE_SUPPRESSION_LIST_H_
#define CXHUB_SERVER_CORE_SUPPRESSION_LIST_H_

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/core/identity_normalizer.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

// The config setting that names the key, for the messages that need it.
inline constexpr char kSuppressionKeySetting[] = "privacy.suppression_key_file";

// Shortest key accepted: the HMAC's own output size.
inline constexpr size_t kMinSuppressionKeyBytes = 32;

// Thread-safe (immutable). Borrows the normalizer, which must outlive it.
class SuppressionList {
 public:
  // `key`: the secret bytes; empty when none is configured, and then nothing can be listed
  // (erasure refuses, see RequireKey) and Check lets everything through without a read.
  SuppressionList(const IdentityNormalizer& normalizer, std::string key)
      : normalizer_(normalizer), key_(std::move(key)) {}

  // OK when a key is configured, else FAILED_PRECONDITION naming the setting.
  absl::Status RequireKey() const;

  // The list's entry for a normalized identity: HMAC-SHA256(key, "<kind>:<value>"), 32 bytes.
  // Requires a key (RequireKey).
  std::string Fingerprint(const Identity& normalized) const;

  // FAILED_PRECONDITION (IsSuppressedIdentityError) "<field>[i]: ..." for the first of
  // `identities` (raw: normalized here) on the list. Identities that do not normalize are left
  // to validation. Reads one primary key per identity; none without a key.
  absl::Status Check(StoreReader& reader, absl::Span<const Identity> identities,
                     absl::string_view field) const;
  // Check of one identity, the message naming `field` alone.
  absl::Status CheckOne(StoreReader& reader, const Identity& identity,
                        absl::string_view field) const;

 private:
  // The index of the first of `identities` on the list, or -1.
  absl::StatusOr<int> FirstSuppressed(StoreReader& reader,
                                      absl::Span<const Identity> identities) const;

  const IdentityNormalizer& normalizer_;
  const std::string key_;
};

// Whether `status` is Check's refusal: a connector counts such a record and drops it instead of
// dead-lettering it (a dead letter would keep the erased person's data).
bool IsSuppressedIdentityError(const absl::Status& status);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_SUPPRESSION_LIST_H_
