// Erasure (the right to be forgotten): a customer, or one identity, removed from everything the
// store holds, in one transaction, and its identities put on the suppression list so that
// connectors reading the same sources again do not bring it back.
//
// Not erasure: CustomerDirectory::Delete removes the rows but suppresses nothing and leaves the
// audit log and the dead letters as they are.
#ifndef CXHUB_SERVER_CORE_CUSTOMER_ERASURE_H_
#define CXHUB_SERVER_CORE_CUSTOMER_ERASURE_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "server/core/clock.h"
#include "server/core/identity_normalizer.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/core/suppression_list.h"

namespace cxhub {

// What an erasure removed.
struct ErasureReport {
  // EraseCustomer: the customer and those merged into it. EraseIdentity: the customer the
  // identity was detached from, if any.
  std::vector<CustomerId> customers;
  int32_t suppressed_identities = 0;  // Put on the suppression list.
  int32_t dead_letters = 0;           // Deleted: their payload carried an erased identity.
  int64_t audit_entries = 0;          // Whose resource named an erased customer: scrubbed.
};

// Thread-safe. Borrows everything, which must outlive it.
class CustomerErasure {
 public:
  CustomerErasure(Store& store, const IdentityNormalizer& normalizer,
                  const SuppressionList& suppression, Clock& clock)
      : store_(store), normalizer_(normalizer), suppression_(suppression), clock_(clock) {}

  // In one transaction: puts the customer's identities on the suppression list, deletes the
  // customer with its identities, interactions (survey answers among them), the aggregates that
  // counted them, the rows of the customers merged into it, and the dead letters whose payload
  // mentions one of its identities (identity_mentions.h); replaces its name and the merged
  // customers' in the audit log by kErasedResource (the log keeps that something happened to
  // an erased customer, when and by whom). FAILED_PRECONDITION without a suppression key;
  // NOT_FOUND for an id that is not a live customer (a merged-away id names no one to erase:
  // erase its survivor).
  absl::StatusOr<ErasureReport> EraseCustomer(CustomerId id);

  // In one transaction: detaches `identity` (raw: normalized here) from the customer that owns
  // it, if any, puts it on the suppression list and deletes the dead letters that mention it.
  // The customer and its history stay. FAILED_PRECONDITION without a suppression key;
  // INVALID_ARGUMENT "identity: ..." when it does not normalize.
  absl::StatusOr<ErasureReport> EraseIdentity(const Identity& identity);

 private:
  // Lists each of `identities` (normalized), counted in `report`.
  absl::Status Suppress(StoreWriter& writer, const std::vector<Identity>& identities,
                        ErasureReport& report) const;
  // Deletes the dead letters that mention one of `identities`, counted in `report`.
  absl::Status DeleteDeadLetters(StoreWriter& writer, const std::vector<Identity>& identities,
                                 ErasureReport& report) const;

  Store& store_;
  const IdentityNormalizer& normalizer_;
  const SuppressionList& suppression_;
  Clock& clock_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_CUSTOMER_ERASURE_H_
