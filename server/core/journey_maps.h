// Journey maps (journey_map.h) of the customers active in a range: the interactions come from
// the store (StoreReader::ForEachJourneyStep, one pass in one read transaction), the counting
// from JourneyMapBuilder.
#ifndef CXHUB_SERVER_CORE_JOURNEY_MAPS_H_
#define CXHUB_SERVER_CORE_JOURNEY_MAPS_H_

#include <optional>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/core/clock.h"
#include "server/core/journey_map.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

inline constexpr int kDefaultJourneyPaths = 10;
inline constexpr int kMaxJourneyPaths = 100;

struct JourneyMapQuery {
  // [start_time, end_time): both required, end after start.
  absl::Time start_time = absl::InfinitePast();
  absl::Time end_time = absl::InfiniteFuture();
  std::string channel;                   // Empty: any.
  int max_paths = kDefaultJourneyPaths;  // 1 to kMaxJourneyPaths.
  // Only the members of this segment at the time of the request; nullopt: every customer.
  std::optional<SegmentId> segment;
};

// Thread-safe; borrows the store, which must outlive it.
class JourneyMaps {
 public:
  // `clock` says when "now" is for a segment's members.
  explicit JourneyMaps(Store& store, Clock& clock = SystemClock()) : store_(store), clock_(clock) {}

  // The map of the customers in `only_customers` (null: every customer). INVALID_ARGUMENT
  // naming the field ("start_time", "end_time", "max_paths") for a missing bound, an end not
  // after the start, or max_paths out of range.
  absl::StatusOr<JourneyMap> Get(const JourneyMapQuery& query,
                                 const absl::flat_hash_set<CustomerId>* only_customers = nullptr);

 private:
  Store& store_;
  Clock& clock_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_JOURNEY_MAPS_H_
