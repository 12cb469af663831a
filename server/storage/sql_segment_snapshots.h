// What the store keeps so that a figure filtered by a segment reads counts instead of every
// interaction of its range: for each segment a figure has asked for, a snapshot of its members
// (segment_snapshot_members) and the satisfaction and visit counts over those members alone
// (segment_score_answer_*, segment_visit_intent_*, migration 0024).
//
// The counts always equal what the snapshot's members' interactions count: every write that
// adds, changes, moves or removes an interaction changes the counts of the segments its
// customer is in (sql_score_aggregates.h, sql_visit_aggregates.h), in the same transaction. The
// members themselves may fall behind, since a rule reads the customer's interactions and the
// clock; so every write marks its customers changed, and a refresh (sql_segment_refresh.h)
// evaluates the rule again for those and for the customers whose interactions crossed one of the
// rule's window edges since the snapshot, then counts in those who joined and out those who left.
//
// Concurrent writers (MySQL): a writer reads its customers' memberships with a share lock, so a
// refresh that is adding the customer to a segment finishes first; a refresh reads a joining
// customer's interactions with a row lock, so a writer adding one finishes first. Either way the
// interaction is counted once.
#ifndef CXHUB_SERVER_STORAGE_SQL_SEGMENT_SNAPSHOTS_H_
#define CXHUB_SERVER_STORAGE_SQL_SEGMENT_SNAPSHOTS_H_

#include <map>
#include <optional>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

// The members of each snapshot among some customers.
using SnapshotMembers = std::map<SegmentId, absl::flat_hash_set<CustomerId>>;

class SqlSegmentSnapshots {
 public:
  // `db` must outlive this object.
  explicit SqlSegmentSnapshots(TransactionContext& db) : db_(db) {}

  // Notes that `customers` were written, for every snapshot's next refresh.
  absl::Status MarkChanged(absl::Span<const CustomerId> customers);

  // The snapshots `customers` belong to, read with a share lock (see above).
  absl::StatusOr<SnapshotMembers> MembersAmong(absl::Span<const CustomerId> customers);

  // When the members of `segment` were last evaluated, locked until the transaction ends;
  // nullopt when it has no snapshot.
  absl::StatusOr<std::optional<absl::Time>> LockSnapshot(SegmentId segment);

  // Every member of `segment`'s snapshot, ascending.
  absl::StatusOr<std::vector<CustomerId>> Members(SegmentId segment);

  // Hands the changed customers on to every snapshot's pending list, then returns and empties
  // `segment`'s.
  absl::StatusOr<std::vector<CustomerId>> TakePending(SegmentId segment);

  // Records that `segment`'s members were evaluated at `time` after `joined` joined and `left`
  // left.
  absl::Status Update(SegmentId segment, absl::Time time, absl::Span<const CustomerId> joined,
                      absl::Span<const CustomerId> left);

  // Drops `segment`'s snapshot and counts (its rule changed or it was deleted).
  absl::Status Drop(SegmentId segment);

 private:
  TransactionContext& db_;
};

// Calls `recount(segment, before, after)` for each snapshot that holds a customer of `before` or
// `after` (items with a customer_id), with the items of its members only.
template <typename Item, typename Recount>
absl::Status RecountInSnapshots(SqlSegmentSnapshots& snapshots, absl::Span<const Item> before,
                                absl::Span<const Item> after, Recount recount) {
  if (before.empty() && after.empty()) return absl::OkStatus();
  std::vector<CustomerId> customers;
  for (absl::Span<const Item> items : {before, after}) {
    for (const Item& item : items) customers.push_back(item.customer_id);
  }
  CXHUB_ASSIGN_OR_RETURN(const SnapshotMembers members, snapshots.MembersAmong(customers));
  for (const auto& [segment, ids] : members) {
    std::vector<Item> members_before;
    std::vector<Item> members_after;
    for (const Item& item : before) {
      if (ids.contains(item.customer_id)) members_before.push_back(item);
    }
    for (const Item& item : after) {
      if (ids.contains(item.customer_id)) members_after.push_back(item);
    }
    CXHUB_RETURN_IF_ERROR(recount(segment, members_before, members_after));
  }
  return absl::OkStatus();
}

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_SEGMENT_SNAPSHOTS_H_
