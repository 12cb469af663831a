// Opaque page tokens for the List methods.
//
// A token is the keyset cursor of the last row a page returned (web-safe base64 of a small
// versioned struct with a checksum), so it stays valid while new rows arrive. Tokens name the
// collection they page through; interaction tokens also carry a fingerprint of the filter,
// so a token replayed with another filter (or another collection) is INVALID_ARGUMENT
// `page_token: ...`. Tokens are not secret: they only say where the next page starts.
#ifndef CXHUB_SERVER_API_PAGE_TOKEN_H_
#define CXHUB_SERVER_API_PAGE_TOKEN_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/core/model.h"
#include "server/core/operation.h"
#include "server/core/store.h"
#include "server/core/touchpoint_rule_catalog.h"

namespace cxhub {

// Customers and touchpoints: the last id returned. Decoding "" gives 0 (start from the top).
std::string EncodeCustomerPageToken(CustomerId last_id);
absl::StatusOr<CustomerId> DecodeCustomerPageToken(absl::string_view token);
std::string EncodeTouchpointPageToken(TouchpointId last_id);
absl::StatusOr<TouchpointId> DecodeTouchpointPageToken(absl::string_view token);
// Audit entries, newest first: the last (oldest) id returned. Decoding "" gives 0 (the newest).
std::string EncodeAuditPageToken(AuditEntryId last_id);
absl::StatusOr<AuditEntryId> DecodeAuditPageToken(absl::string_view token);

// A stable fingerprint of everything in `filter` (customer included). Page size is not part
// of it: a client may change the page size between pages.
uint64_t InteractionFilterFingerprint(const InteractionFilter& filter);

// Interactions: (occur_time, id) of the last row returned, bound to the filter's fingerprint.
// Decoding "" gives nullopt (start from the newest).
std::string EncodeInteractionPageToken(const InteractionCursor& cursor, uint64_t fingerprint);
absl::StatusOr<std::optional<InteractionCursor>> DecodeInteractionPageToken(absl::string_view token,
                                                                            uint64_t fingerprint);

// Touchpoint rules: (priority, id) of the last rule returned, bound to the parent listed
// (0: every touchpoint). Decoding "" gives nullopt (start from the first rule tried).
std::string EncodeTouchpointRulePageToken(const TouchpointRuleCursor& cursor, TouchpointId parent);
absl::StatusOr<std::optional<TouchpointRuleCursor>> DecodeTouchpointRulePageToken(
    absl::string_view token, TouchpointId parent);

// Long-running operations: the last id returned, bound to the list's filter (its text), so a
// token replayed with another filter is refused. Decoding "" gives 0 (start from the first).
std::string EncodeOperationPageToken(OperationId last_id, absl::string_view filter);
absl::StatusOr<OperationId> DecodeOperationPageToken(absl::string_view token,
                                                     absl::string_view filter);

// Segments: the last id returned. Decoding "" gives 0 (start from the first).
std::string EncodeSegmentPageToken(SegmentId last_id);
absl::StatusOr<SegmentId> DecodeSegmentPageToken(absl::string_view token);

// A segment's members: the last customer id returned, bound to the segment listed. Decoding ""
// gives 0 (start from the first).
std::string EncodeSegmentMemberPageToken(CustomerId last_id, SegmentId segment);
absl::StatusOr<CustomerId> DecodeSegmentMemberPageToken(absl::string_view token, SegmentId segment);

// A customer's merges (newest first): the last merge id returned, bound to the customer.
// Decoding "" gives 0 (start from the newest).
std::string EncodeMergePageToken(MergeId last_id, CustomerId customer);
absl::StatusOr<MergeId> DecodeMergePageToken(absl::string_view token, CustomerId customer);

// Merge suggestions of one state filter (the request's enum number): the last id returned.
// Decoding "" gives 0 (start from the first).
std::string EncodeMergeSuggestionPageToken(MergeSuggestionId last_id, int state_filter);
absl::StatusOr<MergeSuggestionId> DecodeMergeSuggestionPageToken(absl::string_view token,
                                                                 int state_filter);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_PAGE_TOKEN_H_
