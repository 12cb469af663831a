// Resource names of the public API: customers/{id}, touchpoints/{id}, interactions/{id},
// touchpoints/{id}/rules/{id}, segments/{id}.
// Ids are positive int64 values written in canonical decimal (no sign, no leading zeros).
#ifndef CXHUB_SERVER_API_RESOURCE_NAMES_H_
#define CXHUB_SERVER_API_RESOURCE_NAMES_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/core/merge_entry.h"
#include "server/core/model.h"
#include "server/core/operation.h"

namespace cxhub {

std::string CustomerName(CustomerId id);
std::string TouchpointName(TouchpointId id);
std::string InteractionName(InteractionId id);
std::string TouchpointRuleName(TouchpointId touchpoint, TouchpointRuleId rule);

// A rule's name, touchpoints/{touchpoint_id}/rules/{rule_id}, parsed.
struct TouchpointRuleKey {
  TouchpointId touchpoint_id = 0;
  TouchpointRuleId rule_id = 0;
};

// Parse a name given in request field `field` (e.g. "name", "requests[2].interaction.customer").
// INVALID_ARGUMENT naming the field: `name: required` when empty,
// `name: expected customers/{id}, got "cust/x"` when malformed.
absl::StatusOr<CustomerId> ParseCustomerName(absl::string_view name, absl::string_view field);
absl::StatusOr<TouchpointId> ParseTouchpointName(absl::string_view name, absl::string_view field);
absl::StatusOr<InteractionId> ParseInteractionName(absl::string_view name, absl::string_view field);
// `name: expected touchpoints/{id}/rules/{id}, got "..."` when malformed.
absl::StatusOr<TouchpointRuleKey> ParseTouchpointRuleName(absl::string_view name,
                                                          absl::string_view field);
// The parent of a rule listing: touchpoints/{id}, or touchpoints/- (every touchpoint) as 0.
absl::StatusOr<TouchpointId> ParseTouchpointRuleParent(absl::string_view name,
                                                       absl::string_view field);

// Long-running operations (google.longrunning.Operation.name): operations/{id}.
std::string OperationName(OperationId id);
absl::StatusOr<OperationId> ParseOperationName(absl::string_view name, absl::string_view field);

// Segments: segments/{id}; segments/- (every segment) as 0 where a method takes it.
std::string MergeSuggestionName(MergeSuggestionId id);
absl::StatusOr<MergeSuggestionId> ParseMergeSuggestionName(absl::string_view name,
                                                           absl::string_view field);
std::string SegmentName(SegmentId id);
absl::StatusOr<SegmentId> ParseSegmentName(absl::string_view name, absl::string_view field);
absl::StatusOr<SegmentId> ParseSegmentNameOrEvery(absl::string_view name, absl::string_view field);

// Entries of the merge ledger: merges/{id}.
std::string MergeName(MergeId id);
absl::StatusOr<MergeId> ParseMergeName(absl::string_view name, absl::string_view field);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_RESOURCE_NAMES_H_
