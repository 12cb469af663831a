// Access requests: everything the store holds about one customer, handed over piece by piece
// so that a long history is never held in memory whole.
#ifndef CXHUB_SERVER_CORE_CUSTOMER_EXPORT_H_
#define CXHUB_SERVER_CORE_CUSTOMER_EXPORT_H_

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "server/core/merge_entry.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

// Interactions read per store transaction.
inline constexpr int kExportPageSize = 500;

// Thread-safe. Borrows the store, which must outlive it.
class CustomerExport {
 public:
  explicit CustomerExport(Store& store) : store_(store) {}

  // Calls `on_customer` with the customer (following merges: its identities and merged-away
  // ids), then `on_interaction` with each interaction of its history (survey answers among
  // them), newest first, then `on_merge` with each ledger entry naming the customer or one
  // merged into it, newest first. Each page of history is read in a transaction of its own and
  // handed over outside it, so an interaction recorded meanwhile may or may not be seen. Stops at
  // the first error a callback returns, and returns it. NOT_FOUND for an unknown customer.
  absl::Status Export(CustomerId id, absl::FunctionRef<absl::Status(const Customer&)> on_customer,
                      absl::FunctionRef<absl::Status(const Interaction&)> on_interaction,
                      absl::FunctionRef<absl::Status(const MergeEntry&)> on_merge) const;

 private:
  // The ledger entries naming `customer` or one of its merged-away ids, newest first, once each.
  absl::StatusOr<std::vector<MergeEntry>> MergesOf(const Customer& customer) const;

  Store& store_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_CUSTOMER_EXPORT_H_
