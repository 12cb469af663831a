// The StoreWriter (and so StoreReader) of one SQL transaction: each method hands over to the
// class of its aggregate, all sharing one TransactionContext. A reader connection refuses
// writes itself, so read transactions use this class too.
#ifndef CXHUB_SERVER_STORAGE_SQL_TRANSACTION_H_
#define CXHUB_SERVER_STORAGE_SQL_TRANSACTION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/storage/sql_audit_entries.h"
#include "server/storage/sql_complaint_texts.h"
#include "server/storage/sql_connector_states.h"
#include "server/storage/sql_customer_activity.h"
#include "server/storage/sql_customers.h"
#include "server/storage/sql_dead_letters.h"
#include "server/storage/sql_dialect.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_interaction_batch.h"
#include "server/storage/sql_interactions.h"
#include "server/storage/sql_journey_steps.h"
#include "server/storage/sql_merge_ledger.h"
#include "server/storage/sql_merge_suggestions.h"
#include "server/storage/sql_operations.h"
#include "server/storage/sql_purchase_aggregates.h"
#include "server/storage/sql_score_aggregates.h"
#include "server/storage/sql_segment_members.h"
#include "server/storage/sql_segment_refresh.h"
#include "server/storage/sql_segments.h"
#include "server/storage/sql_suppressed_identities.h"
#include "server/storage/sql_touchpoint_rules.h"
#include "server/storage/sql_touchpoints.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

class SqlTransaction final : public StoreWriter {
 public:
  // Both must outlive the transaction, which must be inside BeginRead/BeginWrite and Commit.
  // `activity_window` is the window the store keeps spells of activity for; `writes` says the
  // transaction was begun with BeginWrite.
  SqlTransaction(Connection& connection, const SqlDialect& dialect, absl::Duration activity_window,
                 bool writes)
      : db_(connection, dialect, writes), activity_(db_, activity_window) {}

  // Whether the database reported a conflict (busy, locked, deadlock) during the
  // transaction, which makes running it again worthwhile.
  bool saw_conflict() const { return db_.saw_conflict(); }

  // At open, after the migrations: the spells of activity for the store's window.
  absl::Status RebuildActivitySpellsIfWindowChanged() {
    return activity_.spells().RebuildAllIfWindowChanged();
  }

  // At open, after the migrations: the visit counts, when a migration asked for a recount.
  absl::Status RecountVisitsIfPending() { return visit_counts_.RecountAllIfPending(); }

  // --- StoreReader ---
  absl::StatusOr<CustomerId> ResolveCustomerId(CustomerId id) override {
    return customers_.Resolve(id);
  }
  absl::StatusOr<absl::flat_hash_map<CustomerId, CustomerId>> ResolveCustomerIds(
      absl::Span<const CustomerId> ids) override {
    return customers_.ResolveAll(ids);
  }
  absl::StatusOr<Customer> GetCustomer(CustomerId id) override { return customers_.Get(id); }
  absl::StatusOr<std::vector<Customer>> ListCustomers(CustomerId after_id, int limit) override {
    return customers_.List(after_id, limit);
  }
  absl::StatusOr<std::optional<CustomerId>> FindCustomerByIdentity(
      const Identity& identity) override {
    return customers_.FindByIdentity(identity);
  }
  absl::StatusOr<std::optional<OwnedIdentity>> FindIdentity(const Identity& identity) override {
    return customers_.FindIdentity(identity);
  }
  absl::StatusOr<std::vector<std::optional<OwnedIdentity>>> FindIdentities(
      absl::Span<const Identity> identities) override {
    return customers_.FindIdentities(identities);
  }
  absl::StatusOr<absl::flat_hash_set<CustomerId>> NamedCustomers(
      absl::Span<const CustomerId> ids) override {
    return customers_.Named(ids);
  }
  absl::StatusOr<Touchpoint> GetTouchpoint(TouchpointId id) override {
    return touchpoints_.Get(id);
  }
  absl::StatusOr<std::vector<Touchpoint>> ListTouchpoints(TouchpointId after_id,
                                                          int limit) override {
    return touchpoints_.List(after_id, limit);
  }
  absl::StatusOr<TouchpointRule> GetTouchpointRule(TouchpointRuleId id) override {
    return touchpoint_rules_.Get(id);
  }
  absl::StatusOr<std::vector<TouchpointRule>> ListTouchpointRules() override {
    return touchpoint_rules_.List();
  }
  absl::StatusOr<int64_t> TouchpointRulesRevision() override {
    return touchpoint_rules_.Revision();
  }
  absl::StatusOr<Interaction> GetInteraction(InteractionId id) override {
    return interactions_.Get(id);
  }
  absl::StatusOr<std::optional<Interaction>> FindInteractionBySource(
      const std::string& source, const std::string& external_id) override {
    return interactions_.FindBySource(source, external_id);
  }
  absl::StatusOr<std::optional<Interaction>> FindInteractionByGlobalKey(
      const std::string& global_key) override {
    return interactions_.FindByGlobalKey(global_key);
  }
  absl::StatusOr<std::vector<bool>> HaveEarlierRecords(
      absl::Span<const Interaction* const> interactions) override {
    return interactions_.HaveEarlierRecords(interactions);
  }
  absl::StatusOr<std::vector<Interaction>> ListInteractions(
      const InteractionFilter& filter, const std::optional<InteractionCursor>& after,
      int limit) override {
    return interactions_.List(filter, after, limit);
  }
  absl::StatusOr<std::vector<Interaction>> ListInteractionsSince(InteractionId after_id,
                                                                 CustomerId customer_id,
                                                                 int limit) override {
    return interactions_.ListSince(after_id, customer_id, limit);
  }
  absl::StatusOr<InteractionId> LatestInteractionId() override { return interactions_.LatestId(); }
  absl::StatusOr<std::vector<ScoreBucket>> SumScoreAnswers(
      const ScoreAnswerFilter& filter) override {
    return score_counts_.Sum(filter);
  }
  absl::StatusOr<std::vector<CurrencyPurchases>> SumPurchases(
      const PurchaseFilter& filter) override {
    return purchase_sums_.Sum(filter);
  }
  absl::StatusOr<VisitSums> SumVisits(const VisitFilter& filter) override {
    return visit_counts_.Sum(filter);
  }
  absl::StatusOr<ActivityCounts> CountCustomerActivity(
      const CustomerActivityFilter& filter) override {
    return activity_.Count(filter);
  }
  absl::StatusOr<std::vector<ActivityCounts>> CountCustomerActivityPerPeriod(
      const CustomerActivityFilter& filter, absl::Span<const ActivityPeriod> periods) override {
    return activity_.Count(filter, periods);
  }
  absl::StatusOr<std::vector<ComplaintText>> ListComplaintTexts(
      const ComplaintTextFilter& filter) override {
    return complaint_texts_.List(filter);
  }
  absl::Status ForEachJourneyStep(
      const JourneyStepFilter& filter,
      absl::FunctionRef<absl::Status(const JourneyStep&)> on_step) override {
    return journey_steps_.ForEach(filter, on_step);
  }
  absl::StatusOr<Segment> GetSegment(SegmentId id) override { return segments_.Get(id); }
  absl::StatusOr<std::vector<Segment>> ListSegments(SegmentId after_id, int limit) override {
    return segments_.List(after_id, limit);
  }
  absl::StatusOr<std::vector<CustomerId>> ListMatchingCustomers(
      const std::vector<SegmentCondition>& conditions, absl::Time now) override {
    return segment_members_.Match(conditions, now);
  }
  absl::StatusOr<std::vector<ChannelUse>> CountChannelUse(
      const absl::flat_hash_set<CustomerId>& customers) override {
    return segment_members_.CountChannelUse(customers);
  }
  absl::StatusOr<std::optional<ConnectorState>> GetConnectorState(
      const std::string& name) override {
    return connector_states_.Get(name);
  }
  absl::StatusOr<std::vector<ConnectorState>> ListConnectorStates() override {
    return connector_states_.List();
  }
  absl::StatusOr<DeadLetter> GetDeadLetter(DeadLetterId id) override {
    return dead_letters_.Get(id);
  }
  absl::StatusOr<std::vector<DeadLetter>> ListDeadLetters(const std::string& connector,
                                                          DeadLetterId after_id,
                                                          int limit) override {
    return dead_letters_.List(connector, after_id, limit);
  }
  absl::StatusOr<Operation> GetOperation(OperationId id) override { return operations_.Get(id); }
  absl::StatusOr<std::vector<Operation>> ListOperations(const OperationFilter& filter,
                                                        OperationId after_id, int limit) override {
    return operations_.List(filter, after_id, limit);
  }
  absl::StatusOr<std::vector<AuditEntry>> ListAuditEntries(AuditEntryId before_id,
                                                           int limit) override {
    return audit_entries_.List(before_id, limit);
  }
  absl::StatusOr<MergeEntry> GetMerge(MergeId id) override { return merge_ledger_.Get(id); }
  absl::StatusOr<std::vector<MergeEntry>> ListMerges(CustomerId customer, MergeId before_id,
                                                     int limit) override {
    return merge_ledger_.List(customer, before_id, limit);
  }
  absl::StatusOr<bool> IsIdentitySuppressed(const std::string& fingerprint) override {
    return suppressed_identities_.Contains(fingerprint);
  }
  absl::StatusOr<MergeSuggestion> GetMergeSuggestion(MergeSuggestionId id) override {
    return merge_suggestions_.Get(id);
  }
  absl::StatusOr<std::vector<MergeSuggestion>> ListMergeSuggestions(
      std::optional<MergeSuggestionState> state, MergeSuggestionId after_id, int limit) override {
    return merge_suggestions_.List(state, after_id, limit);
  }
  absl::StatusOr<bool> HasMergeSuggestion(CustomerId a, CustomerId b,
                                          const Identity& identity) override {
    return merge_suggestions_.Has(a, b, identity);
  }

  // --- StoreWriter ---
  absl::StatusOr<CustomerId> InsertCustomer(const Customer& customer) override {
    return customers_.Insert(customer);
  }
  absl::StatusOr<std::vector<CustomerId>> InsertCustomers(
      absl::Span<const Customer> customers) override {
    return customers_.InsertMany(customers);
  }
  absl::Status UpdateCustomer(const Customer& customer) override {
    return customers_.Update(customer);
  }
  absl::Status DeleteCustomer(CustomerId id) override { return customers_.Delete(id); }
  absl::Status AddIdentity(CustomerId id, const Identity& identity) override {
    return customers_.AddIdentity(id, identity);
  }
  absl::Status RemoveIdentity(CustomerId id, const Identity& identity) override {
    return customers_.RemoveIdentity(id, identity);
  }
  absl::Status MergeCustomerInto(CustomerId merged, CustomerId survivor) override {
    return customers_.MergeInto(merged, survivor);
  }
  absl::StatusOr<MergeId> InsertMerge(const MergeEntry& entry) override {
    return merge_ledger_.Insert(entry);
  }
  absl::StatusOr<int64_t> RestoreMergedCustomer(const MergeEntry& merge) override {
    return merge_ledger_.Restore(merge);
  }
  absl::Status DeleteMergesOf(CustomerId customer) override {
    return merge_ledger_.DeleteOf(customer);
  }
  absl::Status DeleteMergeSuggestionsOf(CustomerId customer) override {
    return merge_suggestions_.DeleteOf(customer);
  }
  absl::StatusOr<TouchpointId> InsertTouchpoint(const Touchpoint& touchpoint) override {
    return touchpoints_.Insert(touchpoint);
  }
  absl::Status UpdateTouchpoint(const Touchpoint& touchpoint) override {
    return touchpoints_.Update(touchpoint);
  }
  absl::Status DeleteTouchpoint(TouchpointId id) override { return touchpoints_.Delete(id); }
  absl::StatusOr<TouchpointRuleId> InsertTouchpointRule(const TouchpointRule& rule) override {
    return touchpoint_rules_.Insert(rule);
  }
  absl::Status UpdateTouchpointRule(const TouchpointRule& rule) override {
    return touchpoint_rules_.Update(rule);
  }
  absl::Status DeleteTouchpointRule(TouchpointRuleId id) override {
    return touchpoint_rules_.Delete(id);
  }
  absl::StatusOr<InteractionId> InsertInteraction(const Interaction& interaction) override {
    return interactions_.Insert(interaction);
  }
  absl::StatusOr<std::vector<absl::StatusOr<InteractionId>>> InsertInteractions(
      absl::Span<const Interaction> interactions) override {
    return interaction_batch_.Insert(interactions);
  }
  absl::StatusOr<InteractionId> ReplaceInteractionContent(const Interaction& interaction) override {
    return interactions_.ReplaceContent(interaction);
  }
  absl::Status SetInteractionTouchpoint(InteractionId id, TouchpointId touchpoint,
                                        TouchpointRuleId rule) override {
    return interactions_.SetTouchpoint(id, touchpoint, rule);
  }
  absl::StatusOr<std::vector<Interaction>> ListInteractionsSinceForUpdate(InteractionId after_id,
                                                                          int limit) override {
    return interactions_.ListSinceForUpdate(after_id, limit);
  }
  absl::Status Savepoint(absl::FunctionRef<absl::Status(StoreWriter&)> fn) override {
    return db_.Atomically([&]() { return fn(*this); });
  }
  absl::StatusOr<SegmentId> InsertSegment(const Segment& segment) override {
    return segments_.Insert(segment);
  }
  absl::Status UpdateSegment(const Segment& segment) override { return segments_.Update(segment); }
  absl::Status DeleteSegment(SegmentId id) override { return segments_.Delete(id); }
  absl::Status RefreshSegmentCounts(const Segment& segment, absl::Time now) override {
    return segment_refresh_.Refresh(segment, now);
  }
  absl::Status UpdateConnectorState(const std::string& name,
                                    const ConnectorStateUpdate& update) override {
    return connector_states_.Update(name, update);
  }
  absl::StatusOr<LeaseGrant> TakeConnectorLease(const std::string& name,
                                                const LeaseRequest& request) override {
    return connector_states_.TakeLease(name, request);
  }
  absl::Status ReleaseConnectorLease(const std::string& name, const LeaseFence& fence) override {
    return connector_states_.ReleaseLease(name, fence);
  }
  absl::StatusOr<DeadLetterId> InsertDeadLetter(const DeadLetter& dead_letter) override {
    return dead_letters_.Insert(dead_letter);
  }
  absl::Status UpdateDeadLetter(const DeadLetter& dead_letter) override {
    return dead_letters_.Update(dead_letter);
  }
  absl::Status DeleteDeadLetter(DeadLetterId id) override { return dead_letters_.Delete(id); }
  absl::StatusOr<OperationId> InsertOperation(const Operation& operation) override {
    return operations_.Insert(operation);
  }
  absl::Status UpdateOperation(OperationId id, const OperationUpdate& update) override {
    return operations_.Update(id, update);
  }
  absl::Status DeleteOperation(OperationId id) override { return operations_.Delete(id); }
  absl::StatusOr<AuditEntryId> InsertAuditEntry(const AuditEntry& entry) override {
    return audit_entries_.Insert(entry);
  }
  absl::StatusOr<int64_t> ScrubAuditResource(const std::string& resource) override {
    return audit_entries_.ScrubResource(resource);
  }
  absl::Status SuppressIdentity(const std::string& fingerprint, absl::Time time) override {
    return suppressed_identities_.Add(fingerprint, time);
  }
  absl::Status RaiseIdentityTrust(const Identity& identity) override {
    return customers_.RaiseIdentityTrust(identity);
  }
  absl::Status CountIdentityJoins(const Identity& identity, int64_t customers) override {
    return customers_.CountIdentityJoins(identity, customers);
  }
  absl::StatusOr<MergeSuggestionId> InsertMergeSuggestion(
      const MergeSuggestion& suggestion) override {
    return merge_suggestions_.Insert(suggestion);
  }
  absl::Status DecideMergeSuggestion(MergeSuggestionId id, MergeSuggestionState state,
                                     absl::Time decide_time) override {
    return merge_suggestions_.Decide(id, state, decide_time);
  }

 private:
  TransactionContext db_;
  SqlScoreAggregates score_counts_{db_};
  SqlCustomerActivity activity_;
  SqlPurchaseAggregates purchase_sums_{db_};
  SqlVisitAggregates visit_counts_{db_};
  SqlCustomers customers_{db_, score_counts_, activity_, purchase_sums_, visit_counts_};
  SqlTouchpoints touchpoints_{db_, score_counts_, activity_, purchase_sums_, visit_counts_};
  SqlTouchpointRules touchpoint_rules_{db_, touchpoints_};
  SqlInteractions interactions_{db_,       customers_,     touchpoints_, score_counts_,
                                activity_, purchase_sums_, visit_counts_};
  SqlInteractionBatch interaction_batch_{db_, interactions_, customers_, touchpoints_};
  SqlComplaintTexts complaint_texts_{db_};
  SqlJourneySteps journey_steps_{db_};
  SqlSegments segments_{db_};
  SqlSegmentMembers segment_members_{db_};
  SqlSegmentRefresh segment_refresh_{db_};
  SqlConnectorStates connector_states_{db_};
  SqlDeadLetters dead_letters_{db_};
  SqlOperations operations_{db_};
  SqlAuditEntries audit_entries_{db_};
  SqlMergeLedger merge_ledger_{db_, customers_};
  SqlSuppressedIdentities suppressed_identities_{db_};
  SqlMergeSuggestions merge_suggestions_{db_};
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_TRANSACTION_H_
