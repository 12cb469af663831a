#include "server/core/merge_suggestions.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "server/core/customer_merger.h"
#include "server/core/status_macros.h"

namespace cxhub {

absl::StatusOr<MergeSuggestion> MergeSuggestions::Get(MergeSuggestionId id) {
  MergeSuggestion suggestion;
  CXHUB_RETURN_IF_ERROR(store_.Read([&](StoreReader& reader) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(suggestion, reader.GetMergeSuggestion(id));
    return absl::OkStatus();
  }));
  return suggestion;
}

absl::StatusOr<MergeSuggestionPage> MergeSuggestions::List(
    std::optional<MergeSuggestionState> state, MergeSuggestionId after_id, int limit) {
  if (limit <= 0) return absl::InvalidArgumentError("limit must be positive");
  MergeSuggestionPage page;
  CXHUB_RETURN_IF_ERROR(store_.Read([&](StoreReader& reader) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(page.suggestions,
                           reader.ListMergeSuggestions(state, after_id, limit + 1));
    page.has_more = static_cast<int>(page.suggestions.size()) > limit;
    if (page.has_more) page.suggestions.resize(limit);
    return absl::OkStatus();
  }));
  return page;
}

absl::StatusOr<MergeSuggestion> MergeSuggestions::GetOpen(StoreWriter& writer,
                                                          MergeSuggestionId id) {
  CXHUB_ASSIGN_OR_RETURN(MergeSuggestion suggestion, writer.GetMergeSuggestion(id));
  if (suggestion.state != MergeSuggestionState::kOpen) {
    return absl::FailedPreconditionError(absl::StrCat(
        "merge suggestion ", id, " was already ",
        suggestion.state == MergeSuggestionState::kAccepted ? "accepted" : "rejected"));
  }
  return suggestion;
}

absl::StatusOr<MergeSuggestion> MergeSuggestions::Accept(MergeSuggestionId id,
                                                         const std::string& actor) {
  MergeSuggestion decided;
  CXHUB_RETURN_IF_ERROR(store_.Write([&](StoreWriter& writer) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(MergeSuggestion suggestion, GetOpen(writer, id));
    CXHUB_ASSIGN_OR_RETURN(CustomerId one, writer.ResolveCustomerId(suggestion.customer_id));
    CXHUB_ASSIGN_OR_RETURN(CustomerId other,
                           writer.ResolveCustomerId(suggestion.other_customer_id));
    if (one != other) {
      MergeCause cause;
      cause.identity = suggestion.identity;
      cause.method = "AcceptMergeSuggestion";
      cause.actor = actor;
      CXHUB_RETURN_IF_ERROR(
          MergeInto(writer, std::min(one, other), std::max(one, other), clock_, cause));
    }
    const absl::Time now = clock_.Now();
    CXHUB_RETURN_IF_ERROR(writer.DecideMergeSuggestion(id, MergeSuggestionState::kAccepted, now));
    CXHUB_ASSIGN_OR_RETURN(decided, writer.GetMergeSuggestion(id));
    return absl::OkStatus();
  }));
  return decided;
}

absl::StatusOr<MergeSuggestion> MergeSuggestions::Reject(MergeSuggestionId id) {
  MergeSuggestion decided;
  CXHUB_RETURN_IF_ERROR(store_.Write([&](StoreWriter& writer) -> absl::Status {
    CXHUB_RETURN_IF_ERROR(GetOpen(writer, id).status());
    CXHUB_RETURN_IF_ERROR(
        writer.DecideMergeSuggestion(id, MergeSuggestionState::kRejected, clock_.Now()));
    CXHUB_ASSIGN_OR_RETURN(decided, writer.GetMergeSuggestion(id));
    return absl::OkStatus();
  }));
  return decided;
}

}  // namespace cxhub
