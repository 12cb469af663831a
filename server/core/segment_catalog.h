// Segment use cases: saving segments (validated, their touchpoints existing), listing a
// segment's members a page at a time, and counting the members of one or every segment.
#ifndef CXHUB_SERVER_CORE_SEGMENT_CATALOG_H_
#define CXHUB_SERVER_CORE_SEGMENT_CATALOG_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/core/clock.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

struct SegmentPage {
  std::vector<Segment> segments;
  bool has_more = false;  // The next page starts after segments.back().id.
};

struct SegmentMemberPage {
  std::vector<CustomerId> members;  // Ascending.
  bool has_more = false;            // The next page starts after members.back().
};

struct SegmentUpdate {
  std::optional<std::string> display_name;
  std::optional<std::string> description;
  std::optional<std::vector<SegmentCondition>> conditions;
};

struct SegmentMemberCount {
  Segment segment;
  int64_t members = 0;
};

// Thread-safe. Borrows the store and clock.
class SegmentCatalog {
 public:
  SegmentCatalog(Store& store, Clock& clock) : store_(store), clock_(clock) {}

  // INVALID_ARGUMENT naming the field (under "segment") for a segment ValidateSegment refuses;
  // NOT_FOUND for a condition's touchpoint that does not exist.
  absl::StatusOr<Segment> Create(Segment segment);
  absl::StatusOr<Segment> Get(SegmentId id);
  absl::StatusOr<SegmentPage> List(SegmentId after_id, int limit);
  // The segment the update makes is checked as on Create.
  absl::StatusOr<Segment> Update(SegmentId id, const SegmentUpdate& update);
  absl::Status Delete(SegmentId id);

  // The members now with id > after_id, at most `limit`.
  absl::StatusOr<SegmentMemberPage> ListMembers(SegmentId id, CustomerId after_id, int limit);
  // The members now of segment `id`, or of every segment (nullopt), in id order.
  absl::StatusOr<std::vector<SegmentMemberCount>> CountMembers(std::optional<SegmentId> id);

 private:
  Store& store_;
  Clock& clock_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_SEGMENT_CATALOG_H_
