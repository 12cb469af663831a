// Interaction use cases: record (resolving the customer from identities), batch, read, list,
// and the stream of new interactions.
#ifndef CXHUB_SERVER_CORE_INTERACTION_LOG_H_
#define CXHUB_SERVER_CORE_INTERACTION_LOG_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "server/core/clock.h"
#include "server/core/identity_normalizer.h"
#include "server/core/interaction_feed.h"
#include "server/core/interaction_recorder.h"
#include "server/core/merge_policy.h"
#include "server/core/model.h"
#include "server/core/record_group_committer.h"
#include "server/core/reserved_sources.h"
#include "server/core/store.h"
#include "server/core/suppression_list.h"

namespace cxhub {

struct InteractionPage {
  std::vector<Interaction> interactions;
  bool has_more = false;  // The next page starts after interactions.back().
};

// Thread-safe. Borrows everything it is given.
class InteractionLog {
 public:
  // `limits` are those every recorded interaction must respect (record_validation.h).
  // `suppression` (null: none) refuses records naming an erased identity;
  // `reserved_sources` (null: none) the sources only connectors record under.
  InteractionLog(Store& store, const IdentityNormalizer& normalizer, Clock& clock,
                 InteractionFeed& feed, MergePolicy policy,
                 const RecordLimits& limits = RecordLimits(),
                 const SuppressionList* suppression = nullptr,
                 const ReservedSources* reserved_sources = nullptr)
      : store_(store),
        recorder_(normalizer, clock, std::move(policy), limits, suppression),
        reserved_sources_(reserved_sources),
        feed_(feed),
        group_committer_(
            store, [this](StoreWriter& writer, absl::Span<const RecordRequest* const> requests) {
              return RecordAllInTransaction(writer, requests);
            }) {}

  // Records one interaction (InteractionRecorder::Record) and returns the stored row, once it
  // committed; concurrent calls share transactions (RecordGroupCommitter). With identities:
  // normalizes them, attaches the new ones to the customer owning any of them, creates a customer
  // if none does, and merges (kMerge, into the oldest) or flags (kFlag) when they belong to
  // several. A field violation (field_violation.h) for an invalid request (a bad identity is
  // "customer_identities[i]"), NOT_FOUND for an unknown customer or touchpoint.
  absl::StatusOr<RecordResult> Record(const RecordRequest& request);
  // Record without waiting: `done` gets what Record returns, on the group commit's thread
  // (RecordGroupCommitter::RecordAsync; `request` must stay valid until then).
  void RecordAsync(const RecordRequest& request, absl::Time deadline,
                   RecordGroupCommitter::Done done);
  // Records each item all-or-nothing in one transaction; one result per item, in order.
  // The outer status fails only when the transaction as a whole could not commit.
  absl::StatusOr<std::vector<absl::StatusOr<RecordResult>>> RecordBatch(
      const std::vector<RecordRequest>& requests);

  absl::StatusOr<Interaction> Get(InteractionId id);
  // filter.customer_id may be a merged-away id; the survivor's history is listed. It is
  // required (INVALID_ARGUMENT when 0); NOT_FOUND for an unknown customer.
  absl::StatusOr<InteractionPage> List(InteractionFilter filter,
                                       const std::optional<InteractionCursor>& after, int limit);

  // Where a watch starts: the latest committed id. With a customer, the customer is resolved
  // through merges (NOT_FOUND if unknown) and returned in *resolved.
  absl::StatusOr<InteractionId> WatchStart(CustomerId customer, CustomerId* resolved);
  // The next interactions after `after` (of `customer`, or all when 0), waiting up to
  // `max_wait` for some to commit. Empty on timeout or shutdown.
  absl::StatusOr<std::vector<Interaction>> WatchNext(InteractionId after, CustomerId customer,
                                                     absl::Duration max_wait);
  InteractionFeed& feed() { return feed_; }
  // How RecordInteraction's group commit shares transactions.
  GroupCommitStatistics group_commit_statistics() { return group_committer_.statistics(); }

 private:
  // InteractionRecorder::RecordAll after the reserved sources' check, each new or replaced row
  // read back as the store keeps it (times at its precision, what it derives on insert).
  // Tells the feed about a record that added an interaction.
  void PublishRecorded(const absl::StatusOr<RecordResult>& result);
  absl::StatusOr<std::vector<absl::StatusOr<RecordResult>>> RecordAllInTransaction(
      StoreWriter& writer, absl::Span<const RecordRequest* const> requests);

  Store& store_;
  const InteractionRecorder recorder_;
  const ReservedSources* const reserved_sources_;
  InteractionFeed& feed_;
  RecordGroupCommitter group_committer_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_INTERACTION_LOG_H_
