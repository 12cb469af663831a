// The tokens cxhubd accepts, read from the tokens file (security.tokens_file), one per line:
//
//   # name   role    sha256 of the token (64 hex digits)
//   ci-bot   writer  9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
//
// Tokens are kept hashed; a presented token is hashed and compared with every entry in
// constant time. Reload() rereads the file (on SIGHUP) and swaps the set atomically: calls in
// flight keep the set they started with, and a file that does not parse keeps the old set.
#ifndef CXHUB_SERVER_AUTH_TOKEN_REGISTRY_H_
#define CXHUB_SERVER_AUTH_TOKEN_REGISTRY_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "server/auth/role.h"

namespace cxhub {

// Who made a call.
struct Caller {
  std::string token_name;
  Role role = Role::kReader;
};

// One line of the tokens file.
struct TokenEntry {
  std::string name;
  Role role = Role::kReader;
  std::string sha256_hex;  // Lower case.
};

// Parses the text of a tokens file; INVALID_ARGUMENT naming `origin` and the line.
absl::StatusOr<std::vector<TokenEntry>> ParseTokenEntries(absl::string_view text,
                                                          absl::string_view origin);

// Thread-safe.
class TokenRegistry {
 public:
  // Reads `path`; errors name the file (and the line).
  static absl::StatusOr<std::unique_ptr<TokenRegistry>> Load(std::string path);

  // Rereads the file. On error the tokens already loaded stay in force.
  absl::Status Reload();

  // The caller a presented token belongs to; nullopt for an unknown token.
  std::optional<Caller> Find(absl::string_view token) const;

 private:
  using Entries = std::vector<TokenEntry>;
  explicit TokenRegistry(std::string path) : path_(std::move(path)) {}

  const std::string path_;
  mutable absl::Mutex mu_;
  std::shared_ptr<const Entries> entries_ ABSL_GUARDED_BY(mu_);
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_AUTH_TOKEN_REGISTRY_H_
