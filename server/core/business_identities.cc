#include "server/core/business_identities.h"

#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace cxhub {
namespace {

std::optional<IdentityKind> KindNamed(absl::string_view name) {
  for (IdentityKind kind : {IdentityKind::kEmail, IdentityKind::kPhone, IdentityKind::kSocial,
                            IdentityKind::kChat, IdentityKind::kExternal}) {
    if (IdentityKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

}  // namespace

std::string FormatBusinessIdentities(const std::vector<Identity>& identities) {
  return absl::StrJoin(identities, ", ", [](std::string* out, const Identity& identity) {
    absl::StrAppend(out, IdentityKindName(identity.kind), ":", identity.value);
  });
}

std::vector<Identity> ParseBusinessIdentities(absl::string_view attribute) {
  std::vector<Identity> identities;
  for (absl::string_view item : absl::StrSplit(attribute, ',', absl::SkipWhitespace())) {
    item = absl::StripAsciiWhitespace(item);
    const size_t colon = item.find(':');
    if (colon == absl::string_view::npos) continue;
    const std::optional<IdentityKind> kind = KindNamed(item.substr(0, colon));
    const absl::string_view value = absl::StripAsciiWhitespace(item.substr(colon + 1));
    if (!kind.has_value() || value.empty()) continue;
    identities.push_back({*kind, std::string(value)});
  }
  return identities;
}

}  // namespace cxhub
