#include "server/core/journey_maps.h"

#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "server/core/all_touchpoints.h"
#include "server/core/clock.h"
#include "server/core/field_violation.h"
#include "server/core/journey_map.h"
#include "server/core/journey_map_builder.h"
#include "server/core/segment_members.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"

namespace cxhub {
namespace {

absl::Status CheckQuery(const JourneyMapQuery& query) {
  if (query.start_time == absl::InfinitePast()) return InvalidFieldError("start_time", "required");
  if (query.end_time == absl::InfiniteFuture()) return InvalidFieldError("end_time", "required");
  if (query.end_time <= query.start_time) {
    return InvalidFieldError("end_time", "must be after start_time");
  }
  if (query.max_paths < 1 || query.max_paths > kMaxJourneyPaths) {
    return InvalidFieldError("max_paths", absl::StrCat("must be 1 to ", kMaxJourneyPaths));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<JourneyMap> JourneyMaps::Get(const JourneyMapQuery& query,
                                            const absl::flat_hash_set<CustomerId>* only_customers) {
  CXHUB_RETURN_IF_ERROR(CheckQuery(query));
  JourneyStepFilter filter;
  filter.start_time = query.start_time;
  filter.end_time = query.end_time;
  filter.channel = query.channel;
  JourneyMap map;
  // One read transaction: the touchpoints named are those the interactions point at.
  CXHUB_RETURN_IF_ERROR(store_.Read([&](StoreReader& reader) -> absl::Status {
    FigureSegment segment;
    CXHUB_RETURN_IF_ERROR(segment.Load(reader, query.segment, clock_.Now()));
    JourneyMapBuilder builder(only_customers != nullptr ? only_customers
                                                        : segment.only_customers());
    CXHUB_RETURN_IF_ERROR(reader.ForEachJourneyStep(filter, [&](const JourneyStep& step) {
      builder.Add(step);
      return absl::OkStatus();
    }));
    CXHUB_ASSIGN_OR_RETURN(const std::vector<Touchpoint> touchpoints, ListAllTouchpoints(reader));
    map = builder.Finish(touchpoints, query.max_paths);
    return absl::OkStatus();
  }));
  map.start_time = query.start_time;
  map.end_time = query.end_time;
  return map;
}

}  // namespace cxhub
