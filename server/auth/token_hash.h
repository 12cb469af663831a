// How a bearer token is kept at rest: its SHA-256, so the tokens file never holds a secret
// that a reader of the file could present. Shared by cxhubd (checking) and cxctl (issuing).
#ifndef CXHUB_SERVER_AUTH_TOKEN_HASH_H_
#define CXHUB_SERVER_AUTH_TOKEN_HASH_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cxhub {

// The SHA-256 of `token` as 64 lower-case hex digits.
std::string TokenSha256Hex(absl::string_view token);

// A fresh token: 32 bytes from the system's CSPRNG (OpenSSL RAND_bytes) as 64 hex digits.
// INTERNAL if the generator fails.
absl::StatusOr<std::string> NewRandomToken();

// Whether `a` and `b` are equal, in time that depends on their length only (CRYPTO_memcmp).
bool ConstantTimeEquals(absl::string_view a, absl::string_view b);

}  // namespace cxhub

#endif  // CXHUB_SERVER_AUTH_TOKEN_HASH_H_
