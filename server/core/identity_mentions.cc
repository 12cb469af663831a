#include "server/core/identity_mentions.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"

namespace cxhub {
namespace {

// Shorter spellings would match by chance (a chat contact id "12").
constexpr size_t kMinTermBytes = 6;

// The ways `identity` may be written in source data, lower-cased.
std::vector<std::string> SpellingsOf(const Identity& identity) {
  const std::string value = absl::AsciiStrToLower(identity.value);
  std::vector<std::string> spellings = {value};
  if (identity.kind == IdentityKind::kPhone) {
    spellings.emplace_back(absl::StripPrefix(value, "+"));
  } else if (identity.kind == IdentityKind::kSocial) {
    const size_t colon = value.find(':');
    if (colon != std::string::npos) spellings.push_back(value.substr(colon + 1));
  }
  return spellings;
}

}  // namespace

bool MentionsIdentity(absl::string_view bytes, const Identity& identity) {
  const std::string text = absl::AsciiStrToLower(bytes);
  for (const std::string& spelling : SpellingsOf(identity)) {
    if (spelling.size() >= kMinTermBytes && absl::StrContains(text, spelling)) return true;
  }
  return false;
}

}  // namespace cxhub
