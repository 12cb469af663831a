// Validation of cxhub.v1.InteractionService requests (rules in request_validation.h). Each
// returns OK or INVALID_ARGUMENT naming the field.
#ifndef CXHUB_SERVER_API_INTERACTION_VALIDATION_H_
#define CXHUB_SERVER_API_INTERACTION_VALIDATION_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "cxhub/v1/interaction.pb.h"
#include "server/api/request_limits.h"

namespace cxhub {

// Field paths as in a RecordInteraction request ("interaction.channel"); an item of a batch puts
// its own before them (NestFieldViolation: "requests[3].interaction.channel").
absl::Status ValidateRequest(const v1::RecordInteractionRequest& request,
                             const RequestLimits& limits);
// Only the number of items (1 to max_batch_size); items are validated one by one with the
// overload above, so that a bad item fails alone.
absl::Status ValidateRequest(const v1::BatchRecordInteractionsRequest& request,
                             const RequestLimits& limits);
absl::Status ValidateRequest(const v1::GetInteractionRequest& request, const RequestLimits& limits);
// Also checks that page_token decodes and was issued for the same filter.
absl::Status ValidateRequest(const v1::ListInteractionsRequest& request,
                             const RequestLimits& limits);
absl::Status ValidateRequest(const v1::WatchInteractionsRequest& request,
                             const RequestLimits& limits);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_INTERACTION_VALIDATION_H_
