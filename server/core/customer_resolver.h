// Finds, creates or merges the customer that a record's identities describe. Operates inside
// the caller's transaction so recording (and, later, connector ingestion with its cursor)
// stays one atomic unit.
#ifndef CXHUB_SERVER_CORE_CUSTOMER_RESOLVER_H_
#define CXHUB_SERVER_CORE_CUSTOMER_RESOLVER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/core/clock.h"
#include "server/core/identity_normalizer.h"
#include "server/core/merge_entry.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

struct Resolution {
  CustomerId customer_id = 0;
  bool created = false;
  std::vector<CustomerId> merged;       // Merged into customer_id, ascending.
  std::vector<CustomerId> conflicting;  // Owners left alone under kFlag, ascending.
  std::vector<Identity> identities;     // The normalized identities resolved.
};

// Thread-safe (stateless apart from what it borrows, which must outlive it).
class CustomerResolver {
 public:
  CustomerResolver(const IdentityNormalizer& normalizer, Clock& clock, ConflictPolicy policy)
      : normalizer_(normalizer), clock_(clock), policy_(policy) {}

  // Normalizes raw identities and drops duplicates, keeping first-seen order.
  // INVALID_ARGUMENT "identities[i]: <what is wrong>" for the first bad one.
  absl::StatusOr<std::vector<Identity>> NormalizeAll(const std::vector<Identity>& raw) const;

  // Resolves raw identities to one customer within `writer`'s transaction:
  //   - none owned: creates a customer with all of them and `display_name`;
  //   - one owner: attaches the identities it lacks;
  //   - several owners: kMerge merges all into the oldest (lowest id) and attaches the rest;
  //     kFlag picks the owner of the first owned identity, attaches only unowned identities
  //     and reports the other owners as conflicting.
  // A merge enters the ledger with `cause` (the record, the caller) and the identity of the
  // record that the merged customer owned.
  // INVALID_ARGUMENT when `raw` is empty or an identity is malformed.
  absl::StatusOr<Resolution> Resolve(StoreWriter& writer, const std::vector<Identity>& raw,
                                     const std::string& display_name,
                                     const MergeCause& cause = MergeCause()) const;

 private:
  const IdentityNormalizer& normalizer_;
  Clock& clock_;
  ConflictPolicy policy_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_CUSTOMER_RESOLVER_H_
