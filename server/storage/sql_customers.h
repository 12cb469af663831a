// The customers aggregate in SQL: customers, their identities and their merges (tables
// customers and identities), inside one transaction.
#ifndef CXHUB_SERVER_STORAGE_SQL_CUSTOMERS_H_
#define CXHUB_SERVER_STORAGE_SQL_CUSTOMERS_H_

#include <optional>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/storage/sql_customer_activity.h"
#include "server/storage/sql_param.h"
#include "server/storage/sql_purchase_aggregates.h"
#include "server/storage/sql_score_aggregates.h"
#include "server/storage/sql_visit_aggregates.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

// Implements the customer methods of StoreReader / StoreWriter (see server/core/store.h for
// their contracts).
class SqlCustomers {
 public:
  // All must outlive this object.
  SqlCustomers(TransactionContext& db, SqlScoreAggregates& score_counts,
               SqlCustomerActivity& activity, SqlPurchaseAggregates& purchase_sums,
               SqlVisitAggregates& visit_counts)
      : db_(db),
        score_counts_(score_counts),
        activity_(activity),
        purchase_sums_(purchase_sums),
        visit_counts_(visit_counts) {}

  absl::StatusOr<CustomerId> Resolve(CustomerId id);
  // In a write transaction, locks the rows it reads (where writers run concurrently) and
  // remembers the live customers it found (KnownLive).
  absl::StatusOr<absl::flat_hash_map<CustomerId, CustomerId>> ResolveAll(
      absl::Span<const CustomerId> ids);
  absl::StatusOr<Customer> Get(CustomerId id);
  absl::StatusOr<std::vector<Customer>> List(CustomerId after_id, int limit);
  absl::StatusOr<std::optional<CustomerId>> FindByIdentity(const Identity& identity);
  absl::StatusOr<std::optional<OwnedIdentity>> FindIdentity(const Identity& identity);
  absl::StatusOr<std::vector<std::optional<OwnedIdentity>>> FindIdentities(
      absl::Span<const Identity> identities);
  absl::StatusOr<absl::flat_hash_set<CustomerId>> Named(absl::Span<const CustomerId> ids);

  absl::StatusOr<CustomerId> Insert(const Customer& customer);
  absl::StatusOr<std::vector<CustomerId>> InsertMany(absl::Span<const Customer> customers);
  absl::Status Update(const Customer& customer);
  absl::Status Delete(CustomerId id);
  absl::Status AddIdentity(CustomerId id, const Identity& identity);
  absl::Status RemoveIdentity(CustomerId id, const Identity& identity);
  absl::Status MergeInto(CustomerId merged, CustomerId survivor);
  // Gives the interactions matching `where` (over interactions, bound to `params`) to customer
  // `to`, with the activity and purchase sums that follow them; returns how many moved. The
  // one reassignment of a merge and of an unmerge.
  absl::StatusOr<int64_t> MoveInteractions(absl::string_view where, absl::Span<const Param> params,
                                           CustomerId to);
  absl::Status RaiseIdentityTrust(const Identity& identity);
  absl::Status CountIdentityJoins(const Identity& identity, int64_t customers);

  // NOT_FOUND unless `id` is a customer that was not merged away; locks its row for the rest
  // of a write transaction where writers run concurrently.
  absl::Status CheckLive(CustomerId id);
  // Whether `id` is live for certain without reading it again: ResolveAll found it live in this
  // write transaction (and locked its row), and nothing since could have changed that (no merge
  // or delete here, no savepoint rolled back).
  bool KnownLive(CustomerId id) const;

 private:
  absl::Status InsertIdentity(CustomerId id, const Identity& identity);
  // ALREADY_EXISTS naming the first identity of `customers` (which failed to go in) that a
  // customer owns.
  absl::Status IdentityTaken(absl::Span<const Customer> customers);
  // NOT_FOUND naming the identity when `changed` is 0 (no row has it).
  static absl::Status IdentityChanged(int64_t changed, const Identity& identity);
  // The live customers with ids in (after_id, last_id], with their identities and merged ids;
  // ascending by id. One statement (on MySQL each statement is a round trip).
  absl::StatusOr<std::vector<Customer>> Load(CustomerId after_id, CustomerId last_id);
  // Forgets what KnownLive answers true for.
  void ForgetKnownLive();

  TransactionContext& db_;
  // The customers KnownLive answers for, as of db_.savepoints_rolled_back() ==
  // known_live_rollbacks_.
  absl::flat_hash_set<CustomerId> known_live_;
  int64_t known_live_rollbacks_ = 0;
  SqlScoreAggregates& score_counts_;
  SqlCustomerActivity& activity_;
  SqlPurchaseAggregates& purchase_sums_;
  SqlVisitAggregates& visit_counts_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_CUSTOMERS_H_
