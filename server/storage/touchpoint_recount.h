// Keeps the store's counts and sums right when interactions change touchpoint (a reassignment,
// or the deletion of their touchpoint), which both writers do the same way.
#ifndef CXHUB_SERVER_STORAGE_TOUCHPOINT_RECOUNT_H_
#define CXHUB_SERVER_STORAGE_TOUCHPOINT_RECOUNT_H_

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "server/core/model.h"
#include "server/storage/sql_customer_activity.h"
#include "server/storage/sql_purchase_aggregates.h"
#include "server/storage/sql_score_aggregates.h"
#include "server/storage/sql_visit_aggregates.h"

namespace cxhub {

// The interactions whose touchpoint changes, as loaded before the change by each aggregate.
struct MovedInteractions {
  absl::Span<const ScoredInteraction> scored;
  absl::Span<const PurchasedInteraction> purchases;
  absl::Span<const CountedVisit> visits;
};

// Moves the score counts, activity, purchase sums and visit counts of `moved` to `touchpoint`
// (0: none).
absl::Status RecountAtTouchpoint(SqlScoreAggregates& score_counts, SqlCustomerActivity& activity,
                                 SqlPurchaseAggregates& purchase_sums,
                                 SqlVisitAggregates& visit_counts, const MovedInteractions& moved,
                                 TouchpointId touchpoint);

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_TOUCHPOINT_RECOUNT_H_
