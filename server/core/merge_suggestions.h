// Merge suggestion use cases: list, get, accept (merge the two customers) and reject.
#ifndef CXHUB_SERVER_CORE_MERGE_SUGGESTIONS_H_
#define CXHUB_SERVER_CORE_MERGE_SUGGESTIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/core/clock.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

struct MergeSuggestionPage {
  std::vector<MergeSuggestion> suggestions;
  bool has_more = false;  // The next page starts after suggestions.back().id.
};

// Thread-safe. Borrows the store and the clock, which must outlive it.
class MergeSuggestions {
 public:
  MergeSuggestions(Store& store, Clock& clock) : store_(store), clock_(clock) {}

  // NOT_FOUND if there is no such suggestion.
  absl::StatusOr<MergeSuggestion> Get(MergeSuggestionId id);
  // In `state` (nullopt: any), after `after_id`, ascending. INVALID_ARGUMENT for limit <= 0.
  absl::StatusOr<MergeSuggestionPage> List(std::optional<MergeSuggestionState> state,
                                           MergeSuggestionId after_id, int limit);
  // In one transaction: merges the two customers (each followed through merges since) by
  // customer_merger.h's MergeInto, the one merge step of cxhub, the older one surviving, and
  // marks the suggestion accepted. When they are the same customer by now, only marks it.
  // FAILED_PRECONDITION unless the suggestion is open; NOT_FOUND if there is none, or a
  // customer was deleted. The merge enters the ledger with the suggestion's identity and
  // `actor` (the caller's token name).
  absl::StatusOr<MergeSuggestion> Accept(MergeSuggestionId id, const std::string& actor = "");
  // Marks an open suggestion rejected. FAILED_PRECONDITION unless it is open.
  absl::StatusOr<MergeSuggestion> Reject(MergeSuggestionId id);

 private:
  // Loads the open suggestion `id` for a decision. FAILED_PRECONDITION unless it is open.
  static absl::StatusOr<MergeSuggestion> GetOpen(StoreWriter& writer, MergeSuggestionId id);

  Store& store_;
  Clock& clock_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_MERGE_SUGGESTIONS_H_
