// The merge ledger in SQL (tables merges, merge_identities, merge_interactions and
// merge_absorbed_customers), and the unmerge that replays a merge's snapshot backwards, inside
// one transaction.
#ifndef CXHUB_SERVER_STORAGE_SQL_MERGE_LEDGER_H_
#define CXHUB_SERVER_STORAGE_SQL_MERGE_LEDGER_H_

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/core/merge_entry.h"
#include "server/storage/sql_customers.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

// Implements the merge ledger methods of StoreReader / StoreWriter (see server/core/store.h
// for their contracts).
class SqlMergeLedger {
 public:
  // Both must outlive this object.
  SqlMergeLedger(TransactionContext& db, SqlCustomers& customers)
      : db_(db), customers_(customers) {}

  absl::StatusOr<MergeEntry> Get(MergeId id);
  absl::StatusOr<std::vector<MergeEntry>> List(CustomerId customer, MergeId before_id, int limit);
  absl::StatusOr<MergeId> Insert(const MergeEntry& entry);
  absl::StatusOr<int64_t> Restore(const MergeEntry& merge);
  absl::Status DeleteOf(CustomerId customer);

 private:
  // Fills the snapshot fields (merged identities, interaction count) of entries read back.
  absl::Status AttachSnapshot(MergeEntry& entry);
  // Writes the snapshot of what belongs to entry.merged_id now under merge `id`.
  absl::Status Snapshot(MergeId id, const MergeEntry& entry);
  // Moves back the interactions recorded on the survivor since the merge whose recorded
  // identities point at the restored side only. Returns how many moved.
  absl::StatusOr<int64_t> RestoreRecordedSince(const MergeEntry& merge);

  TransactionContext& db_;
  SqlCustomers& customers_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_MERGE_LEDGER_H_
