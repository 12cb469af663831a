#include "server/auth/token_registry.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "server/auth/token_hash.h"
#include "server/core/status_macros.h"

namespace cxhub {
namespace {

bool IsSha256Hex(absl::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!absl::ascii_isxdigit(c)) return false;
  }
  return true;
}

absl::StatusOr<TokenEntry> ParseTokenLine(absl::string_view line) {
  std::vector<absl::string_view> fields = absl::StrSplit(line, ' ', absl::SkipWhitespace());
  if (fields.size() != 3) {
    return absl::InvalidArgumentError("expected \"<name> <reader|writer|admin> <sha256 hex>\"");
  }
  std::optional<Role> role = ParseRole(fields[1]);
  if (!role.has_value()) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown role \"", fields[1], "\" (reader, writer or admin)"));
  }
  if (!IsSha256Hex(fields[2])) {
    return absl::InvalidArgumentError("the hash must be 64 hex digits (cxctl tokens issue)");
  }
  return TokenEntry{std::string(fields[0]), *role, absl::AsciiStrToLower(fields[2])};
}

}  // namespace

absl::StatusOr<std::vector<TokenEntry>> ParseTokenEntries(absl::string_view text,
                                                          absl::string_view origin) {
  std::vector<TokenEntry> entries;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    absl::StatusOr<TokenEntry> entry = ParseTokenLine(absl::StrReplaceAll(line, {{"\t", " "}}));
    if (!entry.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(origin, ":", line_number, ": ", entry.status().message()));
    }
    for (const TokenEntry& earlier : entries) {
      if (earlier.name == entry->name) {
        return absl::InvalidArgumentError(
            absl::StrCat(origin, ":", line_number, ": name \"", entry->name, "\" is used twice"));
      }
    }
    entries.push_back(*std::move(entry));
  }
  return entries;
}

absl::StatusOr<std::unique_ptr<TokenRegistry>> TokenRegistry::Load(std::string path) {
  std::unique_ptr<TokenRegistry> registry(new TokenRegistry(std::move(path)));
  CXHUB_RETURN_IF_ERROR(registry->Reload());
  return registry;
}

absl::Status TokenRegistry::Reload() {
  std::ifstream file(path_, std::ios::binary);
  if (!file) return absl::NotFoundError(absl::StrCat("cannot read tokens file ", path_));
  std::stringstream text;
  text << file.rdbuf();
  CXHUB_ASSIGN_OR_RETURN(std::vector<TokenEntry> entries, ParseTokenEntries(text.str(), path_));
  auto loaded = std::make_shared<const Entries>(std::move(entries));
  absl::MutexLock lock(&mu_);
  entries_ = std::move(loaded);
  return absl::OkStatus();
}

std::optional<Caller> TokenRegistry::Find(absl::string_view token) const {
  std::shared_ptr<const Entries> entries;
  {
    absl::MutexLock lock(&mu_);
    entries = entries_;
  }
  const std::string presented = TokenSha256Hex(token);
  // Every entry is compared, whatever matches, so the time taken says nothing about which.
  const TokenEntry* match = nullptr;
  for (const TokenEntry& entry : *entries) {
    if (ConstantTimeEquals(presented, entry.sha256_hex)) match = &entry;
  }
  if (match == nullptr) return std::nullopt;
  return Caller{match->name, match->role};
}

}  // namespace cxhub
