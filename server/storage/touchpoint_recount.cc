#include "server/storage/touchpoint_recount.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/storage/sql_customer_activity.h"
#include "server/storage/sql_purchase_aggregates.h"
#include "server/storage/sql_score_aggregates.h"
#include "server/storage/sql_visit_aggregates.h"

namespace cxhub {

absl::Status RecountAtTouchpoint(SqlScoreAggregates& score_counts, SqlCustomerActivity& activity,
                                 SqlPurchaseAggregates& purchase_sums,
                                 SqlVisitAggregates& visit_counts, const MovedInteractions& moved,
                                 TouchpointId touchpoint) {
  std::vector<ScoredInteraction> scored_after(moved.scored.begin(), moved.scored.end());
  for (ScoredInteraction& interaction : scored_after) interaction.touchpoint_id = touchpoint;
  CXHUB_RETURN_IF_ERROR(score_counts.Recount(moved.scored, scored_after));
  CXHUB_RETURN_IF_ERROR(activity.Recount(moved.scored, scored_after));
  std::vector<PurchasedInteraction> purchases_after(moved.purchases.begin(), moved.purchases.end());
  for (PurchasedInteraction& purchase : purchases_after) purchase.touchpoint_id = touchpoint;
  CXHUB_RETURN_IF_ERROR(purchase_sums.Recount(moved.purchases, purchases_after));
  std::vector<CountedVisit> visits_after(moved.visits.begin(), moved.visits.end());
  for (CountedVisit& visit : visits_after) visit.touchpoint_id = touchpoint;
  return visit_counts.Recount(moved.visits, visits_after);
}

}  // namespace cxhub
