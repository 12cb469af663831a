// The interactions aggregate in SQL (table interactions), inside one transaction.
#ifndef CXHUB_SERVER_STORAGE_SQL_INTERACTIONS_H_
#define CXHUB_SERVER_STORAGE_SQL_INTERACTIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/storage/column_values.h"
#include "server/storage/sql_customer_activity.h"
#include "server/storage/sql_customers.h"
#include "server/storage/sql_purchase_aggregates.h"
#include "server/storage/sql_score_aggregates.h"
#include "server/storage/sql_touchpoints.h"
#include "server/storage/sql_visit_aggregates.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

// The columns of a new row of interactions and their values. `attributes` is the encoded
// interaction.attributes, `recorded_identities` the encoded interaction.recorded_identities
// (identities_codec.h); all three must outlive the result.
std::vector<ColumnValue> InteractionInsertColumns(const Interaction& interaction,
                                                  const std::string& attributes,
                                                  const std::string& recorded_identities);

// Implements the interaction methods of StoreReader / StoreWriter (see server/core/store.h for
// their contracts).
class SqlInteractions {
 public:
  // All must outlive this object; customers and touchpoints check the rows an interaction
  // points at.
  SqlInteractions(TransactionContext& db, SqlCustomers& customers, SqlTouchpoints& touchpoints,
                  SqlScoreAggregates& score_counts, SqlCustomerActivity& activity,
                  SqlPurchaseAggregates& purchase_sums, SqlVisitAggregates& visit_counts)
      : db_(db),
        customers_(customers),
        touchpoints_(touchpoints),
        score_counts_(score_counts),
        activity_(activity),
        purchase_sums_(purchase_sums),
        visit_counts_(visit_counts) {}

  absl::StatusOr<Interaction> Get(InteractionId id);
  absl::StatusOr<std::optional<Interaction>> FindBySource(const std::string& source,
                                                          const std::string& external_id);
  absl::StatusOr<std::optional<Interaction>> FindByGlobalKey(const std::string& global_key);
  // StoreReader::HaveEarlierRecords.
  absl::StatusOr<std::vector<bool>> HaveEarlierRecords(
      absl::Span<const Interaction* const> interactions);
  absl::StatusOr<std::vector<Interaction>> List(const InteractionFilter& filter,
                                                const std::optional<InteractionCursor>& after,
                                                int limit);
  absl::StatusOr<std::vector<Interaction>> ListSince(InteractionId after_id, CustomerId customer_id,
                                                     int limit);
  absl::StatusOr<InteractionId> LatestId();

  absl::StatusOr<InteractionId> Insert(const Interaction& interaction);
  absl::StatusOr<InteractionId> ReplaceContent(const Interaction& interaction);
  absl::Status SetTouchpoint(InteractionId id, TouchpointId touchpoint, TouchpointRuleId rule);
  absl::StatusOr<std::vector<Interaction>> ListSinceForUpdate(InteractionId after_id, int limit);

  // The INSERT of Insert alone: no check of the customer or touchpoint, no recount.
  // ALREADY_EXISTS, naming the key, when (source, external_id) is taken. With `reserved` an id
  // ReserveIds gave (not 0), the row takes it instead of reserving one of its own.
  absl::StatusOr<InteractionId> InsertRow(const Interaction& interaction, InteractionId reserved);
  // Puts what the newly inserted `inserted` count into every count and sum the store keeps;
  // once per batch, so rows sharing a quarter hour, day or customer cost one statement.
  absl::Status CountInserted(absl::Span<const Interaction* const> inserted);
  // The first of `count` consecutive ids for interactions about to be inserted, taken in commit
  // order (SqlDialect::reserve_interaction_ids) by the statement that inserts them, which must
  // follow; 0 where the database hands out ids itself.
  absl::StatusOr<InteractionId> ReserveIds(int64_t count);

 private:
  // ListSince, with `lock_rows` (empty, or the dialect's) appended to the query.
  absl::StatusOr<std::vector<Interaction>> QuerySince(InteractionId after_id,
                                                      CustomerId customer_id, int limit,
                                                      absl::string_view lock_rows);
  TransactionContext& db_;
  SqlCustomers& customers_;
  SqlTouchpoints& touchpoints_;
  SqlScoreAggregates& score_counts_;
  SqlCustomerActivity& activity_;
  SqlPurchaseAggregates& purchase_sums_;
  SqlVisitAggregates& visit_counts_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_INTERACTIONS_H_
