// The filters every figure request shares (touchpoint, channel, time range, segment): their
// validation and their conversion into a core query, written once for every request that has them.
#ifndef CXHUB_SERVER_API_FIGURE_FILTERS_H_
#define CXHUB_SERVER_API_FIGURE_FILTERS_H_

#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/api/proto_conversion.h"
#include "server/api/request_validation.h"
#include "server/api/resource_names.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"

namespace cxhub {

// OK or INVALID_ARGUMENT naming "touchpoint", "channel", "start_time" or "end_time".
template <typename Request>
absl::Status ValidateFigureFilters(const Request& request) {
  if (!request.touchpoint().empty()) {
    CXHUB_RETURN_IF_ERROR(ParseTouchpointName(request.touchpoint(), "touchpoint").status());
  }
  if (!request.channel().empty()) {
    CXHUB_RETURN_IF_ERROR(ValidateChannelSlug(request.channel(), "channel"));
  }
  if (request.has_start_time()) {
    CXHUB_RETURN_IF_ERROR(ValidateTimestamp(request.start_time(), "start_time"));
  }
  if (request.has_end_time()) {
    CXHUB_RETURN_IF_ERROR(ValidateTimestamp(request.end_time(), "end_time"));
  }
  return absl::OkStatus();
}

// Copies the filters of a request that passed ValidateFigureFilters into `query`.
template <typename Request, typename Query>
void FigureFiltersFromProto(const Request& request, Query& query) {
  if (!request.touchpoint().empty()) {
    absl::StatusOr<TouchpointId> id = ParseTouchpointName(request.touchpoint(), "touchpoint");
    query.touchpoint_id = id.ok() ? *id : 0;
  }
  query.channel = request.channel();
  if (request.has_start_time()) query.start_time = TimeFromProto(request.start_time());
  if (request.has_end_time()) query.end_time = TimeFromProto(request.end_time());
}

// OK or INVALID_ARGUMENT naming "segment", for a request with a segment filter.
template <typename Request>
absl::Status ValidateSegmentFilter(const Request& request) {
  if (request.segment().empty()) return absl::OkStatus();
  return ParseSegmentName(request.segment(), "segment").status();
}

// The segment of a request that passed ValidateSegmentFilter; nullopt without one.
template <typename Request>
std::optional<SegmentId> SegmentFilterFromProto(const Request& request) {
  if (request.segment().empty()) return std::nullopt;
  return ParseSegmentName(request.segment(), "segment").value_or(0);
}

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_FIGURE_FILTERS_H_
