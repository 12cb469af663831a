// Validation of cxhub.v1.GetComplaintThemesRequest: OK, INVALID_ARGUMENT naming the field, or
// UNIMPLEMENTED for a segment filter (segments are not served yet). Whether the end is after the
// start is core's to judge.
#ifndef CXHUB_SERVER_API_COMPLAINT_VALIDATION_H_
#define CXHUB_SERVER_API_COMPLAINT_VALIDATION_H_

#include "absl/status/status.h"
#include "cxhub/v1/complaints.pb.h"

namespace cxhub {

inline constexpr int kMaxComplaintPhrases = 200;
inline constexpr int kMaxComplaintExamples = 10;

absl::Status ValidateRequest(const v1::GetComplaintThemesRequest& request);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_COMPLAINT_VALIDATION_H_
