// The one ingestion path: an interaction from the API (RecordInteraction) and one from a
// connector (a plugin's Record) are both validated, resolved to a customer and recorded (or
// replaced) here, inside the caller's store transaction.
#ifndef CXHUB_SERVER_CORE_INTERACTION_RECORDER_H_
#define CXHUB_SERVER_CORE_INTERACTION_RECORDER_H_

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "server/core/clock.h"
#include "server/core/customer_resolver.h"
#include "server/core/identity_normalizer.h"
#include "server/core/merge_policy.h"
#include "server/core/model.h"
#include "server/core/record_limits.h"
#include "server/core/store.h"
#include "server/core/suppression_list.h"
#include "server/core/touchpoint_assigner.h"

namespace cxhub {

struct RecordRequest {
  // customer_id 0: resolve the customer from `identities`.
  Interaction interaction;
  std::vector<Identity> identities;   // Raw; normalized here.
  std::string customer_display_name;  // For a customer created by this record.
  // When (source, external_id) was recorded before, replace its content with this one's (a
  // correction at the source) instead of leaving it as it is.
  bool replaces_earlier = false;
  // Who records it (the caller's token name, or the connector's name): the merge ledger's
  // actor for a merge the record causes. Empty: unknown.
  std::string actor;
  // Who asserts the identities (their provenance); an empty source means the interaction's
  // source and external id.
  IdentityProvenance assertion;
};

struct RecordResult {
  // The new row (id, customer_id and create_time set), or the one recorded before.
  Interaction interaction;
  bool already_recorded = false;  // (source, external_id) existed; nothing changed.
  bool replaced = false;          // (source, external_id) existed; its content was replaced.
  bool customer_created = false;
  std::vector<CustomerId> merged;              // Merged into interaction.customer_id.
  std::vector<CustomerId> conflicting;         // Owners of some identities, left apart.
  std::vector<MergeSuggestionId> suggestions;  // Made by this record.
};

// Thread-safe. Borrows the normalizer, the clock and the suppression list (null: none), which
// must outlive it.
class InteractionRecorder {
 public:
  InteractionRecorder(const IdentityNormalizer& normalizer, Clock& clock, MergePolicy policy,
                      const RecordLimits& limits, const SuppressionList* suppression = nullptr)
      : resolver_(normalizer, clock, std::move(policy)),
        assigner_(normalizer),
        clock_(clock),
        limits_(limits),
        suppression_(suppression) {}

  // Validates `request` (record_validation.h, with the limits), then within `writer`'s
  // transaction: finds what was recorded under (source, external_id) and leaves or replaces
  // it; otherwise resolves the customer (from interaction.customer_id through merges, or from
  // the identities: see CustomerResolver) and inserts the interaction. An interaction recorded
  // without a touchpoint gets the one of the first touchpoint rule that matches it
  // (touchpoint_assigner.h); a replacement without one keeps an explicit touchpoint recorded
  // before, else is matched again. Run it in a savepoint
  // or a transaction of its own: on error it may have written part of its work.
  // Before anything, a request naming an identity on the suppression list fails with
  // FAILED_PRECONDITION (IsSuppressedIdentityError), even when it names other identities too:
  // the record is about the erased person.
  // Errors: a field violation (field_violation.h) naming the field as RecordInteractionRequest
  // does ("interaction.channel", "customer_identities[1]"); NOT_FOUND for an unknown customer,
  // touchpoint or rated interaction; the store's errors.
  absl::StatusOr<RecordResult> Record(StoreWriter& writer, const RecordRequest& request) const;

  // Record of each of `requests` within `writer`'s transaction, each all-or-nothing on its own:
  // one result per request, in order, the one Record in a Savepoint of its own would give
  // after those before it. When no request replaces an earlier record or rates an interaction,
  // and none resolved from identities shares a key with one before it (QualifiesForBulk), they
  // are recorded in bulk: the rows in a few multi-row statements
  // (StoreWriter::InsertInteractions) and their aggregates counted together. Items by customer
  // id read each distinct customer and touchpoint once. Items resolved from identities (a
  // connector's records) have their earlier records and identity owners read ahead together,
  // and take a savepoint only when their resolution writes (a new customer, an attached
  // identity, a merge). Otherwise each item takes a savepoint and Record. The outer status
  // fails only for an error of the database, after which the transaction must not commit.
  absl::StatusOr<std::vector<absl::StatusOr<RecordResult>>> RecordAll(
      StoreWriter& writer, absl::Span<const RecordRequest* const> requests) const;
  // Whether RecordAll records `requests` in bulk.
  static bool QualifiesForBulk(absl::Span<const RecordRequest* const> requests);

  // Resolves (finds, creates, merges) the customer that `identities` describe, recording no
  // interaction. Field violations name "identities[i]" and "display_name"; a suppressed
  // identity fails as in Record. `assertion` is who asserts them (their provenance); a merge it
  // causes enters the ledger with `cause`.
  absl::StatusOr<Resolution> Link(StoreWriter& writer, const std::vector<Identity>& identities,
                                  const std::string& display_name,
                                  const IdentityProvenance& assertion = {},
                                  const MergeCause& cause = MergeCause()) const;

  Clock& clock() const { return clock_; }

 private:
  absl::StatusOr<RecordResult> Insert(StoreWriter& writer, const RecordRequest& request) const;
  // The customer `request`'s identities describe (found, created, merged), for `row`, its
  // interaction; field violations named as RecordInteractionRequest names them.
  absl::StatusOr<Resolution> ResolveIdentities(StoreWriter& writer, const RecordRequest& request,
                                               const Interaction& row) const;
  // What a bulk record reads ahead, in a few statements, for the items resolved from their
  // identities, so that each need not read it alone.
  struct ReadAhead {
    std::vector<bool> may_have_earlier;  // Per request: an earlier record may hold its keys.
    IdentityOwners owners;               // Of those items' identities, until written.
    absl::flat_hash_map<IdentityKindValue, size_t>
        last_named;  // The last item naming each identity.
    // Owners (and customers seen since) that have a display name, for ResolveWithoutWrites:
    // reading each record's customer in full to see its name was three statements a record,
    // most of connector ingestion's round trips on MySQL.
    absl::flat_hash_set<CustomerId> named_customers;
    // After the resolution of item `item` wrote (or tried to): the owners of its identities
    // (`raw`, once normalized) that a later item names are read again, in one statement, and
    // the others dropped. A new customer's later records then resolve from the read ahead
    // instead of one lookup each.
    absl::Status Refresh(StoreReader& reader, const CustomerResolver& resolver,
                         const std::vector<Identity>& raw, size_t item);
    // `planned`'s identities are owned by `placeholder` (a customer not inserted yet), named
    // when `named`; Renumber gives it its id once inserted.
    void Expect(const Resolution& planned, CustomerId placeholder, bool named);
    // Every customer id, placeholders included, as `inserted` maps it.
    void Renumber(absl::FunctionRef<CustomerId(CustomerId)> inserted);
  };
  absl::StatusOr<ReadAhead> ReadAheadForIdentities(
      StoreReader& reader, absl::Span<const RecordRequest* const> requests) const;
  // What ResolveIdentities would give when it would write nothing (most records: a known
  // customer), read only, with the owners in `read_ahead` taken from it; nullopt when it would
  // write, with the customer it would create in *planned when that is all it would write.
  absl::StatusOr<std::optional<Resolution>> ResolveKnown(
      StoreReader& reader, const RecordRequest& request, const Interaction& row,
      ReadAhead& read_ahead, std::optional<PlannedCustomer>& planned) const;
  // Puts `resolution` into the row (customer, identities) and the result (what it did).
  static void TakeResolution(Resolution resolution, Interaction& row, RecordResult& result);
  // RecordAll of requests that all qualify for bulk.
  absl::StatusOr<std::vector<absl::StatusOr<RecordResult>>> RecordInBulk(
      StoreWriter& writer, absl::Span<const RecordRequest* const> requests) const;
  // The checks Record makes before it looks for an earlier record: suppression, the request's
  // fields, the rated interaction.
  absl::Status Check(StoreReader& reader, const RecordRequest& request) const;

  absl::StatusOr<RecordResult> Replace(StoreWriter& writer, const RecordRequest& request,
                                       Interaction existing) const;
  // Sets row's touchpoint rule: none when the touchpoint was given, else the matching one.
  absl::Status AssignTouchpoint(StoreReader& reader, Interaction& row) const;

  const CustomerResolver resolver_;
  const TouchpointAssigner assigner_;
  Clock& clock_;
  const RecordLimits limits_;
  const SuppressionList* const suppression_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_INTERACTION_RECORDER_H_
