// Finds, creates or merges the customer that a record's identities describe. Operates inside
// the caller's transaction so recording (and, later, connector ingestion with its cursor)
// stays one atomic unit. Which owners merge is the trust policy's decision (merge_policy.h):
// merges happen here (through customer_merger.h's MergeInto) and nowhere else on ingestion.
#ifndef CXHUB_SERVER_CORE_CUSTOMER_RESOLVER_H_
#define CXHUB_SERVER_CORE_CUSTOMER_RESOLVER_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "server/core/clock.h"
#include "server/core/identity_normalizer.h"
#include "server/core/merge_entry.h"
#include "server/core/merge_policy.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

struct Resolution {
  CustomerId customer_id = 0;
  bool created = false;
  std::vector<CustomerId> merged;  // Merged into customer_id, ascending.
  // Owners of some identities left apart: every owner under kFlag; under kMerge those the
  // trust policy did not merge. Ascending.
  std::vector<CustomerId> conflicting;
  std::vector<MergeSuggestionId> suggestions;  // Made by this record (kMerge only).
  std::vector<Identity> identities;            // The normalized identities resolved.
};

// An identity as a key: its kind and normalized value.
using IdentityKindValue = std::pair<IdentityKind, std::string>;
// Owners of identities read ahead (StoreReader::FindIdentities), for ResolveWithoutWrites to
// consult instead of reading each.
using IdentityOwners = absl::flat_hash_map<IdentityKindValue, std::optional<OwnedIdentity>>;

// A customer Resolve would create, not written yet: the row to insert, and what Resolve answers
// once the row has its id.
struct PlannedCustomer {
  Customer customer;
  Resolution resolution;  // customer_id 0 until the customer is inserted.
};

// Thread-safe (stateless apart from what it borrows, which must outlive it).
class CustomerResolver {
 public:
  CustomerResolver(const IdentityNormalizer& normalizer, Clock& clock, MergePolicy policy)
      : normalizer_(normalizer), clock_(clock), policy_(std::move(policy)) {}

  // Normalizes raw identities and drops duplicates, keeping first-seen order.
  // INVALID_ARGUMENT "identities[i]: <what is wrong>" for the first bad one.
  absl::StatusOr<std::vector<Identity>> NormalizeAll(const std::vector<Identity>& raw) const;

  // Resolves raw identities to one customer within `writer`'s transaction:
  //   - none owned: creates a customer with all of them and `display_name`;
  //   - one owner: attaches the identities it lacks;
  //   - several owners: as MergePolicy::Plan decides: merges (into the oldest), and under
  //     kMerge a merge suggestion for each owner left apart (none when an open or rejected
  //     one already joins the same two customers by the same identity); the identities
  //     nobody owns are attached to the customer the record resolves to.
  // Identities are stored with their trust (unspecified: claimed) and provenance (unset:
  // `assertion`'s source and asserted_by), at the clock's time; an owned identity asserted
  // with a higher trust than stored is raised.
  // INVALID_ARGUMENT when `raw` is empty or an identity is malformed.
  // A merge enters the ledger with `cause` (the record, the caller) and the identity of the
  // record that the merged customer owned.
  absl::StatusOr<Resolution> Resolve(StoreWriter& writer, const std::vector<Identity>& raw,
                                     const std::string& display_name,
                                     const IdentityProvenance& assertion = {},
                                     const MergeCause& cause = MergeCause()) const;

  // What Resolve would give when it would write nothing, read only: every identity owned by the
  // same customer with at least its trust, and no name to give that customer (`display_name`
  // empty, or the customer has one). nullopt when Resolve would write (create, attach, merge,
  // suggest, raise a trust, name the customer). Errors as Resolve's. The owners of identities
  // in `known` (may be null) are taken from it, the others read. `named` (may be null) holds
  // customers already seen to have a display name, in the same transaction: they are not read
  // again, and each one read with a name is added (a name, once given, stays within it).
  // When none of the identities is owned and `planned` is not null, nullopt comes with the
  // customer Resolve would create in *planned, for the caller to insert with others
  // (StoreWriter::InsertCustomers).
  absl::StatusOr<std::optional<Resolution>> ResolveWithoutWrites(
      StoreReader& reader, const std::vector<Identity>& raw, const std::string& display_name,
      const IdentityProvenance& assertion = {}, const IdentityOwners* known = nullptr,
      absl::flat_hash_set<CustomerId>* named = nullptr,
      std::optional<PlannedCustomer>* planned = nullptr) const;

 private:
  // The identities normalized (as NormalizeAll) with their provenance stamped, and the live
  // owner of each, if any.
  struct Owned {
    std::vector<Identity> identities;
    std::vector<std::optional<OwnedIdentity>> owners;
    std::vector<CustomerId> distinct;  // The owners, in first-seen order.
    absl::Time now;
  };
  absl::StatusOr<Owned> FindOwners(StoreReader& reader, const std::vector<Identity>& raw,
                                   const IdentityProvenance& assertion,
                                   const IdentityOwners* known = nullptr) const;
  // The customer of `owned`'s identities (none owned) and `display_name`.
  static PlannedCustomer NewCustomer(const Owned& owned, const std::string& display_name);
  // The merges and suggestions of `plan`.
  // Merges as `plan` says, each merge in the ledger with `cause` and the identity of
  // `identities` that the merged customer owned (`owners`, as in Resolve).
  absl::Status ApplyPlan(StoreWriter& writer, const std::vector<Identity>& identities,
                         const std::vector<std::optional<OwnedIdentity>>& owners,
                         const MergePlan& plan, const MergeCause& cause, Resolution& result) const;
  // Attaches unowned identities to result.customer_id, raises the trust of its owned ones.
  absl::Status AttachIdentities(StoreWriter& writer, const std::vector<Identity>& identities,
                                const std::vector<std::optional<OwnedIdentity>>& owners,
                                const std::string& display_name, absl::Time now,
                                Resolution& result) const;

  const IdentityNormalizer& normalizer_;
  Clock& clock_;
  const MergePolicy policy_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_CUSTOMER_RESOLVER_H_
