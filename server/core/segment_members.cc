#include "server/core/segment_members.h"

#include <optional>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"

namespace cxhub {

absl::StatusOr<std::vector<CustomerId>> SegmentMemberIds(StoreReader& reader, SegmentId id,
                                                         absl::Time now) {
  CXHUB_ASSIGN_OR_RETURN(const Segment segment, reader.GetSegment(id));
  return reader.ListMatchingCustomers(segment.conditions, now);
}

absl::StatusOr<absl::flat_hash_set<CustomerId>> SegmentMembers(StoreReader& reader, SegmentId id,
                                                               absl::Time now) {
  CXHUB_ASSIGN_OR_RETURN(const std::vector<CustomerId> ids, SegmentMemberIds(reader, id, now));
  return absl::flat_hash_set<CustomerId>(ids.begin(), ids.end());
}

absl::Status FigureSegment::Load(StoreReader& reader, const std::optional<SegmentId>& segment,
                                 absl::Time now) {
  members_.reset();
  if (!segment.has_value()) return absl::OkStatus();
  CXHUB_ASSIGN_OR_RETURN(members_, SegmentMembers(reader, *segment, now));
  return absl::OkStatus();
}

absl::Status ReadCounts(Store& store, const std::optional<SegmentId>& segment, absl::Time now,
                        absl::FunctionRef<absl::Status(StoreReader&)> read) {
  if (!segment.has_value()) return store.Read(read);
  return store.Write([&](StoreWriter& writer) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(const Segment saved, writer.GetSegment(*segment));
    CXHUB_RETURN_IF_ERROR(writer.RefreshSegmentCounts(saved, now));
    return read(writer);
  });
}

}  // namespace cxhub
