// Merge suggestions in SQL (table merge_suggestions, migration 0017), inside one transaction.
#ifndef CXHUB_SERVER_STORAGE_SQL_MERGE_SUGGESTIONS_H_
#define CXHUB_SERVER_STORAGE_SQL_MERGE_SUGGESTIONS_H_

#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/core/model.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

// Implements the merge suggestion methods of StoreReader / StoreWriter (see
// server/core/store.h for their contracts).
class SqlMergeSuggestions {
 public:
  // `db` must outlive this object.
  explicit SqlMergeSuggestions(TransactionContext& db) : db_(db) {}

  absl::StatusOr<MergeSuggestion> Get(MergeSuggestionId id);
  absl::StatusOr<std::vector<MergeSuggestion>> List(std::optional<MergeSuggestionState> state,
                                                    MergeSuggestionId after_id, int limit);
  absl::StatusOr<bool> Has(CustomerId a, CustomerId b, const Identity& identity);

  absl::StatusOr<MergeSuggestionId> Insert(const MergeSuggestion& suggestion);
  absl::Status Decide(MergeSuggestionId id, MergeSuggestionState state, absl::Time decide_time);
  absl::Status DeleteOf(CustomerId customer);

 private:
  TransactionContext& db_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_MERGE_SUGGESTIONS_H_
