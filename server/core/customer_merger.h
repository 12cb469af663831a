// The one merge step shared by CustomerDirectory::Merge and identity resolution.
#ifndef CXHUB_SERVER_CORE_CUSTOMER_MERGER_H_
#define CXHUB_SERVER_CORE_CUSTOMER_MERGER_H_

#include "absl/status/status.h"
#include "server/core/clock.h"
#include "server/core/merge_entry.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

// Inside the caller's transaction, merges the live customer `merged` into the live customer
// `survivor` (both already resolved through earlier merges and different): identities and
// interactions move to the survivor, `merged` (and whatever was merged into it) resolves to
// the survivor from now on. Attributes: the survivor's values win, keys only `merged` had are
// added; an empty survivor display name is filled from `merged`. update_time is clock.Now().
// Every merge goes through here, so here it enters the merge ledger (merge_entry.h), with
// `cause` and what an unmerge needs to undo it, in the same transaction.
// INVALID_ARGUMENT when the two are the same; NOT_FOUND when either is not live.
absl::Status MergeInto(StoreWriter& writer, CustomerId survivor, CustomerId merged, Clock& clock,
                       const MergeCause& cause = MergeCause());

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_CUSTOMER_MERGER_H_
