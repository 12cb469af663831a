// StoreWriter::RefreshSegmentCounts: brings a segment's snapshot (sql_segment_snapshots.h) to
// the members at a given time, and its counts with it.
//
// Who may have joined or left since the snapshot was evaluated at t0: the customers written
// since (pending), and those with an interaction that crossed an edge of one of the rule's
// windows between t0 and now: one that left a window [now - N days, now) (its time in
// [t0 - N days, now - N days)), or entered it (its time in [t0, now), recorded ahead of its
// time). Nobody else's rule can have changed its answer, so only these are evaluated again
// (SqlSegmentMembers::MatchAmong); when there are many, the whole rule is.
#ifndef CXHUB_SERVER_STORAGE_SQL_SEGMENT_REFRESH_H_
#define CXHUB_SERVER_STORAGE_SQL_SEGMENT_REFRESH_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "server/core/model.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

class SqlSegmentRefresh {
 public:
  // `db` must outlive this object.
  explicit SqlSegmentRefresh(TransactionContext& db) : db_(db) {}

  // StoreWriter::RefreshSegmentCounts.
  absl::Status Refresh(const Segment& segment, absl::Time now);

 private:
  // The customers with an interaction that crossed an edge of one of `segment`'s windows
  // between `from` and `to` (either may be the later), ascending.
  absl::StatusOr<std::vector<CustomerId>> CrossedWindowEdges(const Segment& segment,
                                                             absl::Time from, absl::Time to);

  // Counts the interactions of `joined` into the segment's counts and those of `left` out.
  absl::Status Recount(SegmentId segment, absl::Span<const CustomerId> joined,
                       absl::Span<const CustomerId> left);

  TransactionContext& db_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_SEGMENT_REFRESH_H_
