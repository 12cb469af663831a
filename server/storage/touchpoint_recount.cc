#include "server/storage/touchpoint_recount.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/storage/sql_customer_activity.h"
#include "server/storage/sql_purchase_aggregates.h"
#include "server/storage/sql_score_aggregates.h"

namespace cxhub {

absl::Status RecountAtTouchpoint(SqlScoreAggregates& score_counts, SqlCustomerActivity& activity,
                                 SqlPurchaseAggregates& purchase_sums,
                                 absl::Span<const ScoredInteraction> scored,
                                 absl::Span<const PurchasedInteraction> purchases,
                                 TouchpointId touchpoint) {
  std::vector<ScoredInteraction> scored_after(scored.begin(), scored.end());
  for (ScoredInteraction& interaction : scored_after) interaction.touchpoint_id = touchpoint;
  CXHUB_RETURN_IF_ERROR(score_counts.Recount(scored, scored_after));
  CXHUB_RETURN_IF_ERROR(activity.Recount(scored, scored_after));
  std::vector<PurchasedInteraction> purchases_after(purchases.begin(), purchases.end());
  for (PurchasedInteraction& purchase : purchases_after) purchase.touchpoint_id = touchpoint;
  return purchase_sums.Recount(purchases, purchases_after);
}

}  // namespace cxhub
