// cxhub.v1.GetComplaintThemesRequest / ComplaintThemes <-> core's complaint themes
// (server/core/complaint_themes.h).
#ifndef CXHUB_SERVER_API_COMPLAINT_CONVERSION_H_
#define CXHUB_SERVER_API_COMPLAINT_CONVERSION_H_

#include "cxhub/v1/complaints.pb.h"
#include "server/core/complaint_themes.h"

namespace cxhub {

// When the request leaves them at 0.
inline constexpr int kDefaultComplaintPhrases = 20;
inline constexpr int kDefaultComplaintExamples = 3;

// `request` must have passed ValidateRequest (complaint_validation.h).
ComplaintThemesQuery ComplaintThemesQueryFromProto(const v1::GetComplaintThemesRequest& request);

void ComplaintThemesToProto(const ComplaintThemesReport& report, v1::ComplaintThemes* out);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_COMPLAINT_CONVERSION_H_
