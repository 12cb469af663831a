// StoreWriter::InsertInteractions in SQL: many new interactions in a few multi-row INSERTs,
// their references checked in one query per kind, the counts and sums changed once.
#ifndef CXHUB_SERVER_STORAGE_SQL_INTERACTION_BATCH_H_
#define CXHUB_SERVER_STORAGE_SQL_INTERACTION_BATCH_H_

#include <cstdint>
#include <set>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/core/model.h"
#include "server/storage/sql_customers.h"
#include "server/storage/sql_interactions.h"
#include "server/storage/sql_touchpoints.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

// Not thread safe: one transaction, one thread.
class SqlInteractionBatch {
 public:
  // All must outlive this object. Single inserts (for a batch whose multi-row statement hit a
  // taken key) and the errors of missing references come from `interactions`, `customers` and
  // `touchpoints`, so an item fails exactly as InsertInteraction would fail it.
  SqlInteractionBatch(TransactionContext& db, SqlInteractions& interactions,
                      SqlCustomers& customers, SqlTouchpoints& touchpoints)
      : db_(db), interactions_(interactions), customers_(customers), touchpoints_(touchpoints) {}

  // StoreWriter::InsertInteractions.
  absl::StatusOr<std::vector<absl::StatusOr<InteractionId>>> Insert(
      absl::Span<const Interaction> interactions);

 private:
  // Per item, OK when its customer is live and its touchpoint (if any) exists, else the error
  // InsertInteraction gives.
  absl::StatusOr<std::vector<absl::Status>> CheckReferences(
      absl::Span<const Interaction> interactions);
  // Which of `ids` `select_in` (a SELECT of ids ending in "id IN") returns, locked for the
  // rest of a write transaction where writers run concurrently.
  absl::StatusOr<std::set<int64_t>> Existing(absl::string_view select_in,
                                             const std::set<int64_t>& ids);
  // One interaction alone (with its global key in a savepoint), with the id `reserved` (0: one
  // of its own, or none on SQLite); `result` gets its id or the ALREADY_EXISTS of a taken key.
  // Other errors are returned.
  absl::Status InsertAlone(const Interaction& interaction, InteractionId reserved,
                           absl::StatusOr<InteractionId>& result);
  // Inserts `rows` (items of `interactions` at these indexes) into `results`: in one
  // statement (and one more for their global keys), or one by one when a key was taken.
  // `reserved` is the first of rows.size() interaction ids reserved for them (0: none, SQLite).
  absl::Status InsertRows(absl::Span<const Interaction> interactions, absl::Span<const size_t> rows,
                          InteractionId reserved,
                          std::vector<absl::StatusOr<InteractionId>>& results);
  // The global keys of `rows`, inserted with ids[k] the id of rows[k], in multi-row INSERTs.
  absl::Status InsertGlobalKeys(absl::Span<const Interaction> interactions,
                                absl::Span<const size_t> rows, absl::Span<const InteractionId> ids);
  // One multi-row INSERT of `rows`, with the ids from `reserved` on (as InsertRows); their ids in
  // the order of `rows`.
  absl::StatusOr<std::vector<InteractionId>> InsertInOneStatement(
      absl::Span<const Interaction> interactions, absl::Span<const size_t> rows,
      InteractionId reserved);

  TransactionContext& db_;
  SqlInteractions& interactions_;
  SqlCustomers& customers_;
  SqlTouchpoints& touchpoints_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_INTERACTION_BATCH_H_
