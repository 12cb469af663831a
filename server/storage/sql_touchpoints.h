// The touchpoints aggregate in SQL: touchpoints and the channels serving them (tables
// touchpoints and touchpoint_channels), inside one transaction.
#ifndef CXHUB_SERVER_STORAGE_SQL_TOUCHPOINTS_H_
#define CXHUB_SERVER_STORAGE_SQL_TOUCHPOINTS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/core/model.h"
#include "server/storage/sql_customer_activity.h"
#include "server/storage/sql_param.h"
#include "server/storage/sql_purchase_aggregates.h"
#include "server/storage/sql_score_aggregates.h"
#include "server/storage/sql_visit_aggregates.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

// Implements the touchpoint methods of StoreReader / StoreWriter (see server/core/store.h for
// their contracts).
class SqlTouchpoints {
 public:
  // All must outlive this object.
  SqlTouchpoints(TransactionContext& db, SqlScoreAggregates& score_counts,
                 SqlCustomerActivity& activity, SqlPurchaseAggregates& purchase_sums,
                 SqlVisitAggregates& visit_counts)
      : db_(db),
        score_counts_(score_counts),
        activity_(activity),
        purchase_sums_(purchase_sums),
        visit_counts_(visit_counts) {}

  absl::StatusOr<Touchpoint> Get(TouchpointId id);
  absl::StatusOr<std::vector<Touchpoint>> List(TouchpointId after_id, int limit);

  absl::StatusOr<TouchpointId> Insert(const Touchpoint& touchpoint);
  absl::Status Update(const Touchpoint& touchpoint);
  absl::Status Delete(TouchpointId id);

  // NOT_FOUND unless touchpoint `id` exists; locks its row for the rest of a write
  // transaction where writers run concurrently.
  absl::Status CheckExists(TouchpointId id);

 private:
  absl::Status InsertChannels(TouchpointId id, const std::vector<std::string>& channels);
  // Touchpoints matching `where`, with their channels; ascending by id.
  absl::StatusOr<std::vector<Touchpoint>> Load(absl::string_view where,
                                               absl::Span<const Param> params);

  TransactionContext& db_;
  SqlScoreAggregates& score_counts_;
  SqlCustomerActivity& activity_;
  SqlPurchaseAggregates& purchase_sums_;
  SqlVisitAggregates& visit_counts_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_TOUCHPOINTS_H_
