// Customer use cases: create, read, update, delete, identities, merge.
#ifndef CXHUB_SERVER_CORE_CUSTOMER_DIRECTORY_H_
#define CXHUB_SERVER_CORE_CUSTOMER_DIRECTORY_H_

#include <optional>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "server/core/clock.h"
#include "server/core/identity_normalizer.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/core/suppression_list.h"

namespace cxhub {

struct CustomerPage {
  std::vector<Customer> customers;
  bool has_more = false;  // The next page starts after customers.back().id.
};

// Which fields UpdateCustomer replaces.
struct CustomerUpdate {
  std::optional<std::string> display_name;
  std::optional<Attributes> attributes;
};

// Thread-safe. Borrows the store, normalizer and clock, which must outlive it.
class CustomerDirectory {
 public:
  // `suppression` (null: none) refuses identities of erased customers (FAILED_PRECONDITION).
  CustomerDirectory(Store& store, const IdentityNormalizer& normalizer, Clock& clock,
                    const SuppressionList* suppression = nullptr)
      : store_(store), normalizer_(normalizer), clock_(clock), suppression_(suppression) {}

  // Normalizes the identities (duplicates after normalization collapse to one).
  // INVALID_ARGUMENT for a bad identity (message starts "identities[i]: "), ALREADY_EXISTS if
  // one is owned already.
  absl::StatusOr<Customer> Create(Customer customer);
  // Follows merges: a merged-away id returns the survivor.
  absl::StatusOr<Customer> Get(CustomerId id);
  absl::StatusOr<CustomerPage> List(CustomerId after_id, int limit);
  // Update, AddIdentity and RemoveIdentity follow merges too and return the survivor.
  absl::StatusOr<Customer> Update(CustomerId id, const CustomerUpdate& update);
  // Deletes a live customer with its identities and interactions. NOT_FOUND for a merged-away
  // id (the message names the survivor): deleting through an alias would be a surprise. Not
  // erasure (customer_erasure.h): nothing is suppressed, the audit log and dead letters stay.
  absl::Status Delete(CustomerId id);
  // NOT_FOUND when no customer owns the (normalized) identity.
  absl::StatusOr<Customer> Lookup(const Identity& identity);
  absl::StatusOr<Customer> AddIdentity(CustomerId id, const Identity& identity);
  // NOT_FOUND when the customer does not own the (normalized) identity.
  absl::StatusOr<Customer> RemoveIdentity(CustomerId id, const Identity& identity);
  // Moves everything of `merged` to `survivor`. Attributes: the survivor's values win, keys
  // only the merged customer had are added; an empty display name is filled from it.
  // INVALID_ARGUMENT when both resolve to the same customer. Both ids follow merges, so
  // merging an already merged-away id merges its survivor. Same step as identity resolution
  // (customer_merger.h).
  absl::StatusOr<Customer> Merge(CustomerId survivor, CustomerId merged,
                                 const MergeCause& cause = MergeCause());

 private:
  // AddIdentity and RemoveIdentity: normalizes, follows merges, applies `change` to the store,
  // touches update_time and returns the customer, in one transaction.
  absl::StatusOr<Customer> ChangeIdentity(
      CustomerId id, const Identity& identity,
      absl::FunctionRef<absl::Status(StoreWriter&, CustomerId, const Identity&)> change);

  Store& store_;
  const IdentityNormalizer& normalizer_;
  Clock& clock_;
  const SuppressionList* const suppression_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_CUSTOMER_DIRECTORY_H_
