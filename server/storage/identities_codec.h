// Encodes a set of identities as bytes for one database column (interactions'
// recorded_identities), and back.
//
// The format is the attributes codec's (attributes_codec.h) with "<kind number>:<value>" keys
// and empty values: binary-safe, and readable in a SQL shell.
#ifndef CXHUB_SERVER_STORAGE_IDENTITIES_CODEC_H_
#define CXHUB_SERVER_STORAGE_IDENTITIES_CODEC_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/core/model.h"

namespace cxhub {

// "<kind number>:<value>": the key an identity is encoded under, unique per identity.
std::string IdentityKey(const Identity& identity);

std::string EncodeIdentities(const std::vector<Identity>& identities);
// Sorted and without duplicates. INTERNAL (the column is corrupt) for a malformed encoding.
absl::StatusOr<std::vector<Identity>> DecodeIdentities(absl::string_view encoded);

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_IDENTITIES_CODEC_H_
