// The activity behind churn and retention (table customer_activity): how many interactions each
// customer had per (UTC quarter hour, channel, touchpoint). Every write that changes an
// interaction's customer, time, channel or touchpoint changes these counts in its own
// transaction, through Recount, so a merged customer counts once (its rows move to the
// survivor) and a deleted one not at all (its rows go).
#ifndef CXHUB_SERVER_STORAGE_SQL_CUSTOMER_ACTIVITY_H_
#define CXHUB_SERVER_STORAGE_SQL_CUSTOMER_ACTIVITY_H_

#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "server/core/figures/customer_figures.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/storage/sql_activity_spells.h"
#include "server/storage/sql_score_aggregates.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

class SqlCustomerActivity {
 public:
  // `db` must outlive this object; `spell_window` is the activity window the store keeps spells
  // for (sql_activity_spells.h).
  SqlCustomerActivity(TransactionContext& db, absl::Duration spell_window)
      : db_(db), spells_(db, spell_window) {}

  // Takes what `before` counted out of the activity and puts what `after` counts in (the
  // interactions as SqlScoreAggregates::Load reads them); an interaction whose customer, time,
  // channel and touchpoint did not change costs no statement.
  absl::Status Recount(absl::Span<const ScoredInteraction> before,
                       absl::Span<const ScoredInteraction> after);

  // Forgets all activity of `customer` (it is being deleted).
  absl::Status Forget(CustomerId customer);

  // StoreReader::CountCustomerActivity: from the spells when they answer, else from the
  // quarter hours.
  absl::StatusOr<ActivityCounts> Count(const CustomerActivityFilter& filter);
  // StoreReader::CountCustomerActivityPerPeriod: from one read of the spells when they answer,
  // else one Count per period.
  absl::StatusOr<std::vector<ActivityCounts>> Count(const CustomerActivityFilter& filter,
                                                    absl::Span<const ActivityPeriod> periods);

  SqlActivitySpells& spells() { return spells_; }

 private:
  // Count from the quarter hours (the spells do not answer).
  absl::StatusOr<ActivityCounts> CountFromQuarterHours(const CustomerActivityFilter& filter);
  // CountFromQuarterHours for filter.only_customers.
  absl::StatusOr<ActivityCounts> CountOnly(const CustomerActivityFilter& filter,
                                           const absl::flat_hash_set<CustomerId>& customers);

  TransactionContext& db_;
  SqlActivitySpells spells_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_CUSTOMER_ACTIVITY_H_
