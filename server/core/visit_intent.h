// Visitor intent: why a visit came to the website, as the web connector's rules (or any caller
// recording a VISIT) classified it in the interaction's attributes, and the dimensions the
// intent figures are broken down by. The store counts visits by these values as it writes them,
// so the figures (visit_intent_figures.h) and the segments read one meaning.
//
// The attributes of a visit (kind VISIT) that count:
//   visit_intent      "transactional" | "informational" | "none"; missing counts as "none";
//                     any other value is refused (CheckVisitIntent).
//   referrer_type     "direct", "search", "social", "website", "campaign" (Matomo's types).
//   referrer_name     the search engine, site, network or campaign.
//   referrer_keyword  the search words that brought the visitor.
//   entry_page        the URL of the first page seen.
#ifndef CXHUB_SERVER_CORE_VISIT_INTENT_H_
#define CXHUB_SERVER_CORE_VISIT_INTENT_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "cxhub/visit_intent_names.h"
#include "server/core/model.h"

namespace cxhub {

// VisitIntent (model.h) is stored as its numbers (interactions.visit_intent, the visit counts).
inline constexpr int kVisitIntentCount = 3;

inline constexpr absl::string_view kVisitIntentAttribute = CXHUB_VISIT_INTENT_ATTRIBUTE;

// The attribute value of `intent` ("none", "transactional", "informational").
absl::string_view VisitIntentName(VisitIntent intent);
// nullopt for a value that is none of them.
std::optional<VisitIntent> ParseVisitIntent(absl::string_view name);

// OK unless `interaction` is a visit whose visit_intent attribute holds an unknown value:
// INVALID_ARGUMENT naming "<field>.visit_intent" (field: the attributes' path).
absl::Status CheckVisitIntent(const Interaction& interaction, absl::string_view field);

// The intent a visit counts under (kNone without the attribute); nullopt for an interaction
// that is not a visit. A value CheckVisitIntent would refuse counts as kNone.
std::optional<VisitIntent> VisitIntentOf(const Interaction& interaction);

// What the intent figures break visits down by, besides touchpoint. Stored as these numbers.
enum class VisitDimension {
  kReferrerType = 1,
  kReferrerName = 2,
  kSearchKeyword = 3,
  kEntryPage = 4
};
inline constexpr std::array<VisitDimension, 4> kVisitDimensions = {
    VisitDimension::kReferrerType, VisitDimension::kReferrerName, VisitDimension::kSearchKeyword,
    VisitDimension::kEntryPage};

// A dimension value is kept to this many bytes (cut at a UTF-8 boundary), so that a long URL
// or keyword neither grows the counts' keys nor splits them: values equal in their first bytes
// count together.
inline constexpr size_t kMaxVisitDimensionBytes = 200;

// The value `interaction` counts under for `dimension`: its attribute, clipped; empty when it
// has none.
std::string VisitDimensionValue(const Interaction& interaction, VisitDimension dimension);

// Visits per intent.
struct VisitCounts {
  std::array<int64_t, kVisitIntentCount> visits{};  // Indexed by VisitIntent.

  int64_t Total() const { return visits[0] + visits[1] + visits[2]; }
  int64_t Of(VisitIntent intent) const { return visits[static_cast<int>(intent)]; }
  VisitCounts& operator+=(const VisitCounts& other);
  VisitCounts& operator-=(const VisitCounts& other);
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_VISIT_INTENT_H_
