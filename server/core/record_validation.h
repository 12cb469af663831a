// The rules an interaction must follow to be recorded, whichever way it comes in (the API or a
// connector), and the checks they are made of, which api/ shares for the requests it
// validates. Every check returns OK or a field violation (field_violation.h) naming the field
// path it was given, worded for the people who read it: "interaction.body: must be at most
// 1048576 bytes, got 2000000".
#ifndef CXHUB_SERVER_CORE_RECORD_VALIDATION_H_
#define CXHUB_SERVER_CORE_RECORD_VALIDATION_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "server/core/interaction_recorder.h"
#include "server/core/model.h"
#include "server/core/record_limits.h"
#include "server/core/store.h"

namespace cxhub {

// At most `max_bytes` bytes.
absl::Status CheckLength(absl::string_view value, absl::string_view field, int32_t max_bytes);
// Non-empty and at most `max_bytes` bytes.
absl::Status CheckRequired(absl::string_view value, absl::string_view field, int32_t max_bytes);
// A channel slug: [a-z0-9_]{1,32}.
absl::Status CheckChannelSlug(absl::string_view channel, absl::string_view field);
// CheckAttributes in parts: the number of entries, and one entry (errors name it, e.g.
// interaction.attributes["key"]).
absl::Status CheckAttributeCount(size_t count, absl::string_view field, const RecordLimits& limits);
absl::Status CheckAttribute(absl::string_view key, absl::string_view value, absl::string_view field,
                            const RecordLimits& limits);
// At most max_attributes entries; keys non-empty and short, values within the body limit. Any map
// from string to string (the model's Attributes, a request's proto map): of several bad entries
// the error names the first key in order, whatever order the map iterates in.
template <typename StringMap>
absl::Status CheckAttributes(const StringMap& attributes, absl::string_view field,
                             const RecordLimits& limits) {
  if (absl::Status count = CheckAttributeCount(attributes.size(), field, limits); !count.ok()) {
    return count;
  }
  const std::string* first_bad = nullptr;
  absl::Status error;
  for (const auto& [key, value] : attributes) {
    absl::Status status = CheckAttribute(key, value, field, limits);
    if (!status.ok() && (first_bad == nullptr || key < *first_bad)) {
      first_bad = &key;
      error = std::move(status);
    }
  }
  return error;
}
// The score is in the metric's range: NPS 0-10, CSAT 1-5, CES 1-7.
absl::Status CheckSurveyScore(SurveyMetric metric, int32_t score, absl::string_view field);
// At most max_identities (at least one when `required`), each with a value within the field
// limit; errors name the element, e.g. "identities[1].value".
absl::Status CheckIdentities(const std::vector<Identity>& identities, absl::string_view field,
                             const RecordLimits& limits, bool required);

// Everything above, applied to a request to record an interaction: source and external id
// required, a channel slug, sizes within `limits`, a survey exactly when the kind is a survey
// response, with its score in range and its question (body limit), touchpoint tag and rated
// thread (field limit) within `limits`; a purchase exactly when the kind is a purchase, with
// an active ISO 4217 currency, an amount of 0 to 10^15 minor units and its order id within the
// field limit; a visit's visit_intent attribute, when it has one, one of transactional,
// informational or none (visit_intent.h); identities when no customer is given.
absl::Status ValidateRecordRequest(const RecordRequest& request, const RecordLimits& limits);

// What validation cannot see without the store: the interaction a survey answer rates, when
// it names one, exists. NOT_FOUND "interaction.survey.rated_interaction: interaction 7 does
// not exist".
absl::Status CheckRatedInteraction(StoreReader& reader, const Interaction& interaction);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_RECORD_VALIDATION_H_
