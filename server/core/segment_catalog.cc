#include "server/core/segment_catalog.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/core/model.h"
#include "server/core/segment_members.h"
#include "server/core/segment_validation.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"

namespace cxhub {
namespace {

// Every segment, a page at a time (there are few).
constexpr int kSegmentsPerRead = 500;

// The segment as given is valid, and the touchpoints its conditions name exist.
absl::Status CheckSegment(StoreReader& reader, const Segment& segment) {
  CXHUB_RETURN_IF_ERROR(ValidateSegment(segment, "segment"));
  for (const SegmentCondition& condition : segment.conditions) {
    if (condition.touchpoint_id != 0) {
      CXHUB_RETURN_IF_ERROR(reader.GetTouchpoint(condition.touchpoint_id).status());
    }
  }
  return absl::OkStatus();
}

// Writes `segment` with `write` and returns it as stored.
absl::StatusOr<Segment> Save(Store& store, const Segment& segment,
                             absl::FunctionRef<absl::StatusOr<SegmentId>(StoreWriter&)> write) {
  Segment saved;
  CXHUB_RETURN_IF_ERROR(store.Write([&](StoreWriter& writer) -> absl::Status {
    CXHUB_RETURN_IF_ERROR(CheckSegment(writer, segment));
    CXHUB_ASSIGN_OR_RETURN(const SegmentId id, write(writer));
    CXHUB_ASSIGN_OR_RETURN(saved, writer.GetSegment(id));
    return absl::OkStatus();
  }));
  return saved;
}

}  // namespace

absl::StatusOr<Segment> SegmentCatalog::Create(Segment segment) {
  segment.id = 0;
  segment.create_time = segment.update_time = clock_.Now();
  return Save(store_, segment, [&](StoreWriter& writer) { return writer.InsertSegment(segment); });
}

absl::StatusOr<Segment> SegmentCatalog::Get(SegmentId id) {
  Segment segment;
  CXHUB_RETURN_IF_ERROR(store_.Read([&](StoreReader& reader) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(segment, reader.GetSegment(id));
    return absl::OkStatus();
  }));
  return segment;
}

absl::StatusOr<SegmentPage> SegmentCatalog::List(SegmentId after_id, int limit) {
  if (limit <= 0) return absl::InvalidArgumentError("limit must be positive");
  SegmentPage page;
  CXHUB_RETURN_IF_ERROR(store_.Read([&](StoreReader& reader) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(page.segments, reader.ListSegments(after_id, limit + 1));
    page.has_more = static_cast<int>(page.segments.size()) > limit;
    if (page.has_more) page.segments.resize(limit);
    return absl::OkStatus();
  }));
  return page;
}

absl::StatusOr<Segment> SegmentCatalog::Update(SegmentId id, const SegmentUpdate& update) {
  Segment segment;
  CXHUB_RETURN_IF_ERROR(store_.Read([&](StoreReader& reader) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(segment, reader.GetSegment(id));
    return absl::OkStatus();
  }));
  if (update.display_name) segment.display_name = *update.display_name;
  if (update.description) segment.description = *update.description;
  if (update.conditions) segment.conditions = *update.conditions;
  segment.update_time = clock_.Now();
  return Save(store_, segment, [&](StoreWriter& writer) -> absl::StatusOr<SegmentId> {
    CXHUB_RETURN_IF_ERROR(writer.UpdateSegment(segment));
    return segment.id;
  });
}

absl::Status SegmentCatalog::Delete(SegmentId id) {
  return store_.Write([&](StoreWriter& writer) { return writer.DeleteSegment(id); });
}

absl::StatusOr<SegmentMemberPage> SegmentCatalog::ListMembers(SegmentId id, CustomerId after_id,
                                                              int limit) {
  if (limit <= 0) return absl::InvalidArgumentError("limit must be positive");
  std::vector<CustomerId> members;
  CXHUB_RETURN_IF_ERROR(store_.Read([&](StoreReader& reader) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(members, SegmentMemberIds(reader, id, clock_.Now()));
    return absl::OkStatus();
  }));
  SegmentMemberPage page;
  auto first = std::upper_bound(members.begin(), members.end(), after_id);
  const auto available = members.end() - first;
  page.has_more = available > limit;
  page.members.assign(first, first + std::min<std::ptrdiff_t>(available, limit));
  return page;
}

absl::StatusOr<std::vector<SegmentMemberCount>> SegmentCatalog::CountMembers(
    std::optional<SegmentId> id) {
  std::vector<SegmentMemberCount> counts;
  const absl::Time now = clock_.Now();
  CXHUB_RETURN_IF_ERROR(store_.Read([&](StoreReader& reader) -> absl::Status {
    std::vector<Segment> segments;
    if (id.has_value()) {
      CXHUB_ASSIGN_OR_RETURN(Segment segment, reader.GetSegment(*id));
      segments.push_back(std::move(segment));
    } else {
      for (SegmentId after = 0;;) {
        CXHUB_ASSIGN_OR_RETURN(std::vector<Segment> page,
                               reader.ListSegments(after, kSegmentsPerRead));
        if (page.empty()) break;
        after = page.back().id;
        for (Segment& segment : page) segments.push_back(std::move(segment));
      }
    }
    for (Segment& segment : segments) {
      CXHUB_ASSIGN_OR_RETURN(const std::vector<CustomerId> members,
                             reader.ListMatchingCustomers(segment.conditions, now));
      counts.push_back({std::move(segment), static_cast<int64_t>(members.size())});
    }
    return absl::OkStatus();
  }));
  return counts;
}

}  // namespace cxhub
