// Spells of activity (table customer_activity_spells), the shape in which churn and retention
// are counted fast: for one activity window w, a customer's spell is a run of their activity
// quarter hours in which no two neighbours are more than w apart. A customer is active at t (some
// activity in [t - w, t)) exactly when a spell has first < t <= last + w, so counting who was
// active at the start and at the end of a period reads about one row per customer instead of
// every quarter hour of activity. Spells are kept per scope: every interaction ("*"), one channel
// ("c:<slug>"), one touchpoint ("t:<id>", 0 for none); a filter on both a channel and a touchpoint
// is counted from customer_activity itself.
//
// Spells depend on the window, which the store is opened with (the server's
// analytics.activity_window_days); when the store opens with a window other than the one its
// spells were built for, they are built again from customer_activity.
#ifndef CXHUB_SERVER_STORAGE_SQL_ACTIVITY_SPELLS_H_
#define CXHUB_SERVER_STORAGE_SQL_ACTIVITY_SPELLS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/btree_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "server/core/figures/customer_figures.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/storage/sql_driver.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

// The four counts of an activity query's row, in ActivityCounts' order (active at the start,
// retained, active at the end, new during).
ActivityCounts ActivityCountsFromRow(const Statement& row);

// One row of customer_activity: a quarter hour in which a customer had activity on a channel at
// a touchpoint (0 for none).
struct ActivityQuarter {
  CustomerId customer = 0;
  int64_t bucket_start = 0;
  std::string channel;
  TouchpointId touchpoint = 0;
};

class SqlActivitySpells {
 public:
  // `db` must outlive this object; `window` is positive, whole quarter hours.
  SqlActivitySpells(TransactionContext& db, absl::Duration window) : db_(db), window_(window) {}

  // Builds the spells of `customers` again from their rows of customer_activity (after those
  // changed).
  absl::Status Rebuild(const absl::btree_set<CustomerId>& customers);

  // Adds `quarters` (rows of customer_activity now, new or already there) to their customers'
  // spells, reading only the stored spells they can join. Right only when those customers'
  // activity grew and nothing of it went: otherwise Rebuild them.
  absl::Status Add(absl::Span<const ActivityQuarter> quarters);

  // Builds every spell again when the stored ones were built for another window (or none).
  absl::Status RebuildAllIfWindowChanged();

  // The counts of StoreReader::CountCustomerActivityPerPeriod (bounds already checked), from one
  // read of the scope's spells, or nullopt when spells cannot answer (another window, or both a
  // channel and a touchpoint).
  absl::StatusOr<std::optional<std::vector<ActivityCounts>>> Count(
      const CustomerActivityFilter& filter, absl::Span<const ActivityPeriod> periods);

 private:
  TransactionContext& db_;
  const absl::Duration window_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_ACTIVITY_SPELLS_H_
