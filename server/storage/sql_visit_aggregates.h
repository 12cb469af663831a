// The counts behind the visitor intent figures: visits per (UTC quarter hour, intent,
// touchpoint, channel) in visit_intent_counts and per (UTC quarter hour, intent, channel) over
// every touchpoint in visit_intent_quarter_totals (0025), per (UTC day, touchpoint, channel,
// intent) in visit_intent_day_counts (migration 0020), and per (UTC day, dimension, touchpoint,
// channel, value) with the intents as columns in visit_intent_value_counts (0021), where only the
// first kVisitValuesListedPerDay values of a dimension on a day have rows of their own, summed over
// every touchpoint per day (visit_intent_value_totals) and per UTC month
// (visit_intent_value_month_totals, 0026). Every write
// that adds, changes, moves or removes a visit changes them in its own transaction, through
// Recount, so the figures are never stale or counted twice. A merge changes nothing in them: they
// count visits, not customers. The same counts are kept per segment snapshot
// (sql_segment_snapshots.h), where a merge moves visits from one customer's segments to the
// other's.
#ifndef CXHUB_SERVER_STORAGE_SQL_VISIT_AGGREGATES_H_
#define CXHUB_SERVER_STORAGE_SQL_VISIT_AGGREGATES_H_

#include <array>
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
#include "server/core/visit_intent.h"
#include "server/storage/sql_param.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

// What the counts need to know of one visit.
struct CountedVisit {
  InteractionId id = 0;
  CustomerId customer_id = 0;
  TouchpointId touchpoint_id = 0;
  std::string channel;
  absl::Time occur_time;
  VisitIntent intent = VisitIntent::kNone;
  std::array<std::string, kVisitDimensions.size()> values;  // In kVisitDimensions order.
};

// nullopt for an interaction that is not a visit.
std::optional<CountedVisit> CountedVisitOf(const Interaction& interaction);
// The counted visits among `interactions`.
std::vector<CountedVisit> CountedVisitsOf(absl::Span<const Interaction* const> interactions);

// The value of interactions.visit_intent for `interaction`: its intent, NULL for other kinds.
Param VisitIntentColumn(const Interaction& interaction);

class SqlVisitAggregates {
 public:
  // `db` must outlive this object.
  explicit SqlVisitAggregates(TransactionContext& db) : db_(db) {}

  // The visits matching `where` (over the interactions table, binding `params`), locked for the
  // rest of a write transaction where writers run concurrently.
  absl::StatusOr<std::vector<CountedVisit>> Load(absl::string_view where,
                                                 absl::Span<const Param> params);

  // Takes what `before` counted out of the counts and puts what `after` counts in, in the
  // counts over every customer and in those of each segment snapshot holding the visit's
  // customer (sql_segment_snapshots.h).
  absl::Status Recount(absl::Span<const CountedVisit> before, absl::Span<const CountedVisit> after);

  // The same in the counts of `segment` only (0: over every customer only).
  absl::Status RecountIn(SegmentId segment, absl::Span<const CountedVisit> before,
                         absl::Span<const CountedVisit> after);

  // At open, after the migrations: when 0021 asked for it (visit_count_rebuilds), empties the
  // counts and counts every visit again, storing the intent of those recorded before 0020
  // (read from their attributes).
  absl::Status RecountAllIfPending();

  // StoreReader::SumVisits.
  absl::StatusOr<VisitSums> Sum(const VisitFilter& filter);

 private:
  TransactionContext& db_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_VISIT_AGGREGATES_H_
