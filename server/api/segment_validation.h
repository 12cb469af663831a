// Validation of cxhub.v1.SegmentService requests (rules in request_validation.h): names, enums,
// lengths and masks here, then what core requires of a segment
// (server/core/segment_validation.h). Each returns OK or INVALID_ARGUMENT naming the field.
#ifndef CXHUB_SERVER_API_SEGMENT_VALIDATION_H_
#define CXHUB_SERVER_API_SEGMENT_VALIDATION_H_

#include "absl/status/status.h"
#include "cxhub/v1/segment.pb.h"
#include "server/api/request_limits.h"

namespace cxhub {

absl::Status ValidateRequest(const v1::CreateSegmentRequest& request, const RequestLimits& limits);
absl::Status ValidateRequest(const v1::GetSegmentRequest& request, const RequestLimits& limits);
// Also checks that page_token decodes.
absl::Status ValidateRequest(const v1::ListSegmentsRequest& request, const RequestLimits& limits);
// Fields named by the mask must be valid as on create; core checks the segment they make.
absl::Status ValidateRequest(const v1::UpdateSegmentRequest& request, const RequestLimits& limits);
absl::Status ValidateRequest(const v1::DeleteSegmentRequest& request, const RequestLimits& limits);
// Also checks that page_token decodes for this parent.
absl::Status ValidateRequest(const v1::ListSegmentMembersRequest& request,
                             const RequestLimits& limits);
absl::Status ValidateRequest(const v1::CountSegmentMembersRequest& request,
                             const RequestLimits& limits);
absl::Status ValidateRequest(const v1::GetPersonaRequest& request, const RequestLimits& limits);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_SEGMENT_VALIDATION_H_
