// The sums behind lifetime value (tables customer_purchase_totals and customer_purchase_buckets):
// each paying customer's orders and amount per currency, in total (with the first and last
// purchase time) and per (UTC quarter hour, touchpoint, channel). Every write that changes a
// purchase, or moves one to another customer, touchpoint or channel, changes these sums in its
// own transaction, through Recount, so lifetime value is never stale or counted twice, and a
// merged customer is counted once, as its survivor.
#ifndef CXHUB_SERVER_STORAGE_SQL_PURCHASE_AGGREGATES_H_
#define CXHUB_SERVER_STORAGE_SQL_PURCHASE_AGGREGATES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/storage/sql_param.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

// What the sums need to know of one purchase interaction.
struct PurchasedInteraction {
  CustomerId customer_id = 0;
  TouchpointId touchpoint_id = 0;
  std::string channel;
  absl::Time occur_time;
  std::string currency;
  int64_t amount_minor_units = 0;
};

// nullopt when the interaction carries no purchase.
std::optional<PurchasedInteraction> PurchasedOf(const Interaction& interaction);
// The purchases among `interactions`.
std::vector<PurchasedInteraction> PurchasesOf(absl::Span<const Interaction> interactions);

class SqlPurchaseAggregates {
 public:
  // `db` must outlive this object.
  explicit SqlPurchaseAggregates(TransactionContext& db) : db_(db) {}

  // The purchases among the interactions matching `where` (over the interactions table, binding
  // `params`), locked for the rest of a write transaction where writers run concurrently.
  absl::StatusOr<std::vector<PurchasedInteraction>> Load(absl::string_view where,
                                                         absl::Span<const Param> params);

  // Takes what `before` summed out of the sums and puts what `after` sums in. Call it once the
  // interactions table holds `after`: a customer's totals that lose a purchase are summed again
  // from their purchases (a first or last time cannot be taken back). Purchases that did not
  // change cost no statement.
  absl::Status Recount(absl::Span<const PurchasedInteraction> before,
                       absl::Span<const PurchasedInteraction> after);

  // StoreReader::SumPurchases.
  absl::StatusOr<std::vector<CurrencyPurchases>> Sum(const PurchaseFilter& filter);

 private:
  // Sums the totals of (customer, currency) again from the interactions.
  absl::Status RebuildTotals(CustomerId customer_id, const std::string& currency);

  TransactionContext& db_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_PURCHASE_AGGREGATES_H_
