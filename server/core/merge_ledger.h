// The merge ledger as the API sees it: a customer's merges, one merge, the unmerge that undoes
// one, and the explanation of a customer (its identities and the merges that made it).
// Merges enter the ledger where they happen (customer_merger.h); this class reads it and
// undoes them.
#ifndef CXHUB_SERVER_CORE_MERGE_LEDGER_H_
#define CXHUB_SERVER_CORE_MERGE_LEDGER_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/core/clock.h"
#include "server/core/merge_entry.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

// The most ledger entries an explanation lists (newest first).
inline constexpr int kExplainedMerges = 200;

// Why a customer is what it is.
struct CustomerExplanation {
  Customer customer;               // The live customer the asked id is (or was merged into).
  std::vector<MergeEntry> merges;  // Entries naming it on either side, newest first.
  bool unmerged = false;           // One of those merges was undone.
};

// Thread-safe. Borrows the store and the clock, which must outlive it.
class MergeLedger {
 public:
  MergeLedger(Store& store, Clock& clock) : store_(store), clock_(clock) {}

  // NOT_FOUND for an unknown id.
  absl::StatusOr<MergeEntry> Get(MergeId id);
  // `customer`'s entries (as survivor or merged side, the id as given) with id < before_id (0:
  // any), newest first, at most `limit`. NOT_FOUND when the customer never existed.
  absl::StatusOr<std::vector<MergeEntry>> List(CustomerId customer, MergeId before_id, int limit);

  // Undoes merge `id` in one transaction and returns the unmerge's own ledger entry: the
  // merged customer lives again under its id with its display name and attributes as they
  // were, the identities and interactions it had go back to it, and so do the interactions
  // recorded on the survivor since under its identities only (StoreWriter::
  // RestoreMergedCustomer). The survivor loses the attributes the merge added (unless changed
  // since) and a display name it took from the merged side.
  // NOT_FOUND for an unknown merge or a deleted customer; FAILED_PRECONDITION when the entry is
  // an unmerge, was undone already, or a later merge took the survivor in (naming it: undo
  // that one first).
  absl::StatusOr<MergeEntry> Unmerge(MergeId id, const MergeCause& cause);

  // The live customer `id` is (or was merged into) with its ledger entries. NOT_FOUND when
  // it never existed.
  absl::StatusOr<CustomerExplanation> Explain(CustomerId id);

 private:
  Store& store_;
  Clock& clock_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_MERGE_LEDGER_H_
