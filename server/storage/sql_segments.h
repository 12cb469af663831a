// The segments aggregate in SQL: segments and their conditions (tables segments and
// segment_conditions, migration 0011), inside one transaction. Who is a member is
// sql_segment_members.h's business; an update or deletion drops the segment's snapshot
// (sql_segment_snapshots.h).
#ifndef CXHUB_SERVER_STORAGE_SQL_SEGMENTS_H_
#define CXHUB_SERVER_STORAGE_SQL_SEGMENTS_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/core/model.h"
#include "server/storage/sql_param.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

// Implements the segment methods of StoreReader / StoreWriter (see server/core/store.h for
// their contracts).
class SqlSegments {
 public:
  // `db` must outlive this object.
  explicit SqlSegments(TransactionContext& db) : db_(db) {}

  absl::StatusOr<Segment> Get(SegmentId id);
  absl::StatusOr<std::vector<Segment>> List(SegmentId after_id, int limit);

  absl::StatusOr<SegmentId> Insert(const Segment& segment);
  absl::Status Update(const Segment& segment);
  absl::Status Delete(SegmentId id);

 private:
  // NOT_FOUND unless segment `id` exists; locks its row for the rest of a write transaction
  // where writers run concurrently.
  absl::Status CheckExists(SegmentId id);
  absl::Status InsertConditions(SegmentId id, const std::vector<SegmentCondition>& conditions);
  // Segments matching `where`, with their conditions; ascending by id.
  absl::StatusOr<std::vector<Segment>> Load(absl::string_view where,
                                            absl::Span<const Param> params);

  TransactionContext& db_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_SEGMENTS_H_
