#include "server/api/complaint_validation.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "cxhub/v1/complaints.pb.h"
#include "server/api/figure_filters.h"
#include "server/api/request_validation.h"
#include "server/api/resource_names.h"
#include "server/core/field_violation.h"
#include "server/core/status_macros.h"

namespace cxhub {

absl::Status ValidateRequest(const v1::GetComplaintThemesRequest& request) {
  if (!request.has_start_time()) return InvalidFieldError("start_time", "required");
  if (!request.has_end_time()) return InvalidFieldError("end_time", "required");
  CXHUB_RETURN_IF_ERROR(ValidateFigureFilters(request));
  for (int i = 0; i < request.sources_size(); ++i) {
    CXHUB_RETURN_IF_ERROR(ValidateEnum(request.sources(i), v1::ComplaintSource_IsValid,
                                       absl::StrCat("sources[", i, "]")));
  }
  if (request.max_phrases() < 0 || request.max_phrases() > kMaxComplaintPhrases) {
    return InvalidFieldError("max_phrases", absl::StrCat("must be 0 to ", kMaxComplaintPhrases,
                                                         ", got ", request.max_phrases()));
  }
  if (request.max_examples() < 0 || request.max_examples() > kMaxComplaintExamples) {
    return InvalidFieldError("max_examples", absl::StrCat("must be 0 to ", kMaxComplaintExamples,
                                                          ", got ", request.max_examples()));
  }
  CXHUB_RETURN_IF_ERROR(ValidateSegmentFilter(request));
  return absl::OkStatus();
}

}  // namespace cxhub
