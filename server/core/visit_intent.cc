#include "server/core/visit_intent.h"

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "server/core/field_violation.h"
#include "server/core/model.h"

namespace cxhub {
namespace {

absl::string_view AttributeOf(VisitDimension dimension) {
  switch (dimension) {
    case VisitDimension::kReferrerType:
      return "referrer_type";
    case VisitDimension::kReferrerName:
      return "referrer_name";
    case VisitDimension::kSearchKeyword:
      return "referrer_keyword";
    case VisitDimension::kEntryPage:
      return "entry_page";
  }
  return "";
}

// The longest prefix of `value` of at most `max_bytes` that does not end inside a UTF-8
// sequence.
absl::string_view ClipUtf8(absl::string_view value, size_t max_bytes) {
  if (value.size() <= max_bytes) return value;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(value[end]) & 0xC0) == 0x80) --end;
  return value.substr(0, end);
}

}  // namespace

absl::string_view VisitIntentName(VisitIntent intent) {
  return kCxhubVisitIntentNames[static_cast<int>(intent)];
}

std::optional<VisitIntent> ParseVisitIntent(absl::string_view name) {
  for (VisitIntent intent :
       {VisitIntent::kNone, VisitIntent::kTransactional, VisitIntent::kInformational}) {
    if (name == VisitIntentName(intent)) return intent;
  }
  return std::nullopt;
}

absl::Status CheckVisitIntent(const Interaction& interaction, absl::string_view field) {
  if (interaction.kind != InteractionKind::kVisit) return absl::OkStatus();
  auto found = interaction.attributes.find(std::string(kVisitIntentAttribute));
  if (found == interaction.attributes.end() || ParseVisitIntent(found->second).has_value()) {
    return absl::OkStatus();
  }
  return InvalidFieldError(absl::StrCat(field, ".", kVisitIntentAttribute),
                           absl::StrCat("must be transactional, informational or none, got ",
                                        QuoteValue(found->second)));
}

std::optional<VisitIntent> VisitIntentOf(const Interaction& interaction) {
  if (interaction.kind != InteractionKind::kVisit) return std::nullopt;
  auto found = interaction.attributes.find(std::string(kVisitIntentAttribute));
  if (found == interaction.attributes.end()) return VisitIntent::kNone;
  return ParseVisitIntent(found->second).value_or(VisitIntent::kNone);
}

std::string VisitDimensionValue(const Interaction& interaction, VisitDimension dimension) {
  auto found = interaction.attributes.find(std::string(AttributeOf(dimension)));
  if (found == interaction.attributes.end()) return "";
  return std::string(ClipUtf8(found->second, kMaxVisitDimensionBytes));
}

VisitCounts& VisitCounts::operator+=(const VisitCounts& other) {
  for (int i = 0; i < kVisitIntentCount; ++i) visits[i] += other.visits[i];
  return *this;
}

VisitCounts& VisitCounts::operator-=(const VisitCounts& other) {
  for (int i = 0; i < kVisitIntentCount; ++i) visits[i] -= other.visits[i];
  return *this;
}

}  // namespace cxhub
