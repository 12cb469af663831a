// Who belongs to a segment, for every use of segments in core: the members of a saved segment
// now (listing them, counting them, a persona), and the segment filter of every figure. The
// store evaluates the rule (StoreReader::ListMatchingCustomers); a merged customer is its
// survivor, a deleted one nobody.
#ifndef CXHUB_SERVER_CORE_SEGMENT_MEMBERS_H_
#define CXHUB_SERVER_CORE_SEGMENT_MEMBERS_H_

#include <optional>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

// The members of segment `id` at time `now`, ascending. NOT_FOUND when there is no such segment.
absl::StatusOr<std::vector<CustomerId>> SegmentMemberIds(StoreReader& reader, SegmentId id,
                                                         absl::Time now);

// The same as a set, the shape the figures' `only_customers` filters take.
absl::StatusOr<absl::flat_hash_set<CustomerId>> SegmentMembers(StoreReader& reader, SegmentId id,
                                                               absl::Time now);

// The segment filter of a figure read from the interactions, loaded in the figure's read
// transaction so that the members and the figure see the same store. Not thread-safe; one per
// figure.
class FigureSegment {
 public:
  // Loads the members of `segment` at `now`; nothing without one (nullopt). NOT_FOUND when the
  // segment does not exist.
  absl::Status Load(StoreReader& reader, const std::optional<SegmentId>& segment, absl::Time now);

  // For the store's filters: the members, or null without a segment (every customer). Valid
  // while this object lives and until the next Load.
  const absl::flat_hash_set<CustomerId>* only_customers() const {
    return members_.has_value() ? &*members_ : nullptr;
  }

 private:
  std::optional<absl::flat_hash_set<CustomerId>> members_;
};

// Runs `read` for a figure that the store answers from counts, which it keeps per segment too:
// without a segment, in a read transaction; with one, in a write transaction that first brings
// the segment's counts to `now` (StoreWriter::RefreshSegmentCounts), so that `read` sees them
// exact for a filter's segment_id. NOT_FOUND when the segment does not exist.
absl::Status ReadCounts(Store& store, const std::optional<SegmentId>& segment, absl::Time now,
                        absl::FunctionRef<absl::Status(StoreReader&)> read);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_SEGMENT_MEMBERS_H_
