#include "server/api/journey_validation.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "cxhub/v1/journey.pb.h"
#include "server/api/figure_filters.h"
#include "server/api/request_validation.h"
#include "server/api/resource_names.h"
#include "server/core/field_violation.h"
#include "server/core/journey_maps.h"
#include "server/core/status_macros.h"

namespace cxhub {

absl::Status ValidateRequest(const v1::GetJourneyMapRequest& request) {
  if (!request.has_start_time()) return InvalidFieldError("start_time", "required");
  CXHUB_RETURN_IF_ERROR(ValidateTimestamp(request.start_time(), "start_time"));
  if (!request.has_end_time()) return InvalidFieldError("end_time", "required");
  CXHUB_RETURN_IF_ERROR(ValidateTimestamp(request.end_time(), "end_time"));
  if (!request.channel().empty()) {
    CXHUB_RETURN_IF_ERROR(ValidateChannelSlug(request.channel(), "channel"));
  }
  if (request.max_paths() < 0 || request.max_paths() > kMaxJourneyPaths) {
    return InvalidFieldError("max_paths", absl::StrCat("must be 0 to ", kMaxJourneyPaths,
                                                       " (0 takes ", kDefaultJourneyPaths, ")"));
  }
  CXHUB_RETURN_IF_ERROR(ValidateSegmentFilter(request));
  return absl::OkStatus();
}

}  // namespace cxhub
