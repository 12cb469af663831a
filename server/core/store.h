// The Store: where customers, touchpoints and interactions live.
//
// One interface, two backends (SQLite now, MySQL later) over one SQL implementation. Every
// operation runs inside a transaction handed to a callback, so callers in core/ compose
// several operations into one atomic unit (resolve a customer and record an interaction;
// commit a batch of records with a connector's cursor) without seeing SQL.
//
// Errors are absl::Status values with canonical codes:
//   NOT_FOUND        the row does not exist (or is a merged-away customer, for Get).
//   ALREADY_EXISTS   a unique key is taken: identity (kind, value), (source, external_id).
//   UNAVAILABLE      the database cannot be reached or stayed busy; the caller may retry.
//   INTERNAL         anything else the database reported.
//   INVALID_ARGUMENT a limit <= 0, a ListInteractions filter without customer_id, merging a
//                    customer into itself.
// Thread safety: a Store is safe to use from many threads. Readers and writers handed to
// callbacks must not escape them. Do not call Write from inside a Write callback (the SQLite
// store has one writer connection: it would wait for itself); Read inside Write is fine.
#ifndef CXHUB_SERVER_CORE_STORE_H_
#define CXHUB_SERVER_CORE_STORE_H_

#include <cstdint>
#include <map>
#include <memory>
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
#include "server/core/duration_histogram.h"
#include "server/core/figures/customer_figures.h"
#include "server/core/figures/score_figures.h"
#include "server/core/merge_entry.h"
#include "server/core/model.h"
#include "server/core/operation.h"
#include "server/core/visit_intent.h"

namespace cxhub {

// A stored identity's owner, with what the trust policy reads about it.
struct OwnedIdentity {
  CustomerId customer_id = 0;
  IdentityTrust trust = IdentityTrust::kUnspecified;  // The highest seen.
  int64_t joined_customers = 1;  // Customers it joined (merges and suggestions), its owner too.
};

// Narrows ListInteractions. Empty / zero / nullopt fields do not filter.
struct InteractionFilter {
  CustomerId customer_id = 0;  // Required for ListInteractions.
  std::string channel;
  TouchpointId touchpoint_id = 0;
  std::optional<InteractionKind> kind;
  std::optional<absl::Time> start_time;  // Inclusive.
  std::optional<absl::Time> end_time;    // Exclusive.
};

// Which scores SumScoreAnswers adds up. Survey answers and mentioned scores are counted apart:
// `mentioned` picks one or the other, never both.
struct ScoreAnswerFilter {
  SurveyMetric metric = SurveyMetric::kNps;
  bool mentioned = false;  // false: survey answers; true: scores written unasked in messages.
  std::optional<TouchpointId> touchpoint_id;  // nullopt: any; 0: interactions with none.
  std::string channel;                        // Empty: any.
  // [start_time, end_time); both on a quarter hour (kScoreBucketWidth), the resolution at which
  // the store keeps its counts.
  absl::Time start_time = absl::InfinitePast();
  absl::Time end_time = absl::InfiniteFuture();
  // false: one bucket per quarter hour. true: a whole UTC day inside the range comes as one
  // bucket (the store keeps daily counts too, so a long range reads far fewer rows), and a day
  // cut by times of `split_at` as quarter hours, or, cut once, as quarter hours on one side and
  // one bucket for the other: no bucket straddles a time of `split_at`. A caller summing buckets
  // into points names the points' boundaries there (on quarter hours).
  bool whole_days = false;
  std::vector<absl::Time> split_at;
  // Non-zero: only the answers of this segment's members as of its last RefreshSegmentCounts
  // in this transaction, from the counts kept for it.
  SegmentId segment_id = 0;
};

// Which purchases SumPurchases adds up. Every filter is exact: the store keeps each customer's
// sums per quarter hour, touchpoint and channel besides their totals.
struct PurchaseFilter {
  std::string currency;                       // Empty: every currency, each apart.
  std::optional<TouchpointId> touchpoint_id;  // nullopt: any; 0: purchases at none.
  std::string channel;                        // Empty: any.
  // [start_time, end_time), each infinite or on a quarter hour (kScoreBucketWidth).
  absl::Time start_time = absl::InfinitePast();
  absl::Time end_time = absl::InfiniteFuture();
  // Non-null: only the purchases of these customers (a segment's members). Borrowed for the call.
  const absl::flat_hash_set<CustomerId>* only_customers = nullptr;
};

// One customer's purchases matching a PurchaseFilter, in one currency.
struct CustomerPurchases {
  CustomerId customer_id = 0;
  int64_t orders = 0;
  int64_t amount_minor_units = 0;
};

// The purchases of one currency matching a PurchaseFilter, per paying customer.
struct CurrencyPurchases {
  std::string currency;
  std::vector<CustomerPurchases> customers;  // Ascending customer id; each with an order.
  // The first matching purchase: exact without a filter, else the start of its quarter hour.
  absl::Time first_purchase_time;
};

// The store counts scores per quarter hour of UTC: every time zone's offset is a whole number of
// quarter hours, so any zone's days, weeks and months are unions of these buckets.
inline constexpr absl::Duration kScoreBucketWidth = absl::Minutes(15);

// The scores of one bucket [start, end): a quarter hour, or when the filter asks for whole days
// possibly a whole UTC day or the part of one on a side of a time of its split_at.
struct ScoreBucket {
  absl::Time start;
  ScoreCounts counts;
  absl::Time end;
};

// Which visits (interactions of kind VISIT) SumVisits counts, by the intent they carry
// (visit_intent.h).
struct VisitFilter {
  std::optional<TouchpointId> touchpoint_id;  // nullopt: any; 0: visits at none.
  std::string channel;                        // Empty: any.
  // [start_time, end_time), each infinite or on a quarter hour (kScoreBucketWidth).
  absl::Time start_time = absl::InfinitePast();
  absl::Time end_time = absl::InfiniteFuture();
  // Also return the counts in time buckets (VisitSums::buckets), for a series: quarter hours,
  // whole UTC days, or the side of a UTC day cut once by a time of `split_at` (the points'
  // boundaries, on quarter hours), so that no bucket straddles a time of `split_at`.
  bool per_bucket = false;
  std::vector<absl::Time> split_at;
  // Non-zero: only the visits of this segment's members as of its last RefreshSegmentCounts
  // in this transaction, from the counts kept for it.
  SegmentId segment_id = 0;
};

// The visits of one bucket [start, end).
struct VisitBucket {
  absl::Time start;
  VisitCounts counts;
  absl::Time end;
};

// The store lists at most this many distinct values of a dimension per UTC day, the first to
// come (a value listed on a day stays listed); the day's visits with any other value count
// under VisitSums::unlisted, so the totals stay exact and the rows read per day stay bounded.
inline constexpr int kVisitValuesListedPerDay = 20;

// The visits matching a VisitFilter, per intent: in all, per touchpoint (0: none), per value of
// each dimension ("" for visits without one), and per time bucket when asked. A dimension's
// values and `unlisted` add up to `total`.
struct VisitSums {
  VisitCounts total;
  std::map<TouchpointId, VisitCounts> by_touchpoint;
  std::map<VisitDimension, std::map<std::string, VisitCounts>> by_dimension;
  // Per dimension, the visits of whole days whose value was not listed on their day
  // (kVisitValuesListedPerDay).
  std::map<VisitDimension, VisitCounts> unlisted;
  std::vector<VisitBucket> buckets;  // Ascending; buckets with no visit left out.
};

// Whose activity CountCustomerActivity counts, over one period. A customer is active at time t
// when they had at least one matching interaction in [t - activity_window, t).
// The activity window when the configuration names none.
inline constexpr int kDefaultActivityWindowDays = 90;

// One period [start_time, end_time) of CountCustomerActivityPerPeriod.
struct ActivityPeriod {
  absl::Time start_time;
  absl::Time end_time;
};

struct CustomerActivityFilter {
  // The period [start_time, end_time); both finite and on a quarter hour (kScoreBucketWidth),
  // the resolution at which the store keeps activity, start_time < end_time.
  absl::Time start_time;
  absl::Time end_time;
  // Positive, a whole number of quarter hours.
  absl::Duration activity_window = absl::Hours(24 * kDefaultActivityWindowDays);
  std::optional<TouchpointId> touchpoint_id;  // nullopt: any; 0: interactions with none.
  std::string channel;                        // Empty: any.
  // Non-null: only these customers (a segment's members) are counted. Borrowed for the call.
  const absl::flat_hash_set<CustomerId>* only_customers = nullptr;
};

// How a group of customers uses one channel (CountChannelUse).
struct ChannelUse {
  std::string channel;
  int64_t interactions = 0;
  int64_t customers = 0;  // With at least one interaction on it.
};

// Which interactions speak for complaints (complaints.proto's ComplaintSource).
enum class ComplaintSource {
  kInboundMessage = 1,      // Kind message or post, direction inbound: subject and body.
  kTicket = 2,              // Kind ticket: subject and body.
  kDetractorComment = 3,    // An NPS survey answer of 0 to 6 with a comment: the comment.
  kMentionedDetractor = 4,  // A message with a mentioned NPS-scale score of 0 to 6: its text.
};

// Which texts ListComplaintTexts returns.
struct ComplaintTextFilter {
  // [start_time, end_time), both finite.
  absl::Time start_time;
  absl::Time end_time;
  std::vector<ComplaintSource> sources;       // At least one.
  std::optional<TouchpointId> touchpoint_id;  // nullopt: any; 0: interactions with none.
  std::string channel;                        // Empty: any.
};

// The text of one interaction that speaks for a complaint.
struct ComplaintText {
  InteractionId interaction_id = 0;
  CustomerId customer_id = 0;  // The live customer it belongs to now (after merges).
  absl::Time occur_time;
  std::string subject;  // Empty for a survey comment.
  std::string text;     // The body, or the survey comment.
};

// Which interactions StoreReader::ForEachJourneyStep hands over: those in [start_time,
// end_time), on `channel` when it is not empty.
struct JourneyStepFilter {
  absl::Time start_time;
  absl::Time end_time;
  std::string channel;
};

// One interaction as a journey map sees it: whose, when, where, and the survey answer it holds.
struct JourneyStep {
  CustomerId customer_id = 0;  // A live customer (a merge moves interactions to its survivor).
  absl::Time occur_time;
  TouchpointId touchpoint_id = 0;  // 0: none.
  InteractionKind kind = InteractionKind::kMessage;
  std::optional<SurveyMetric> survey_metric;  // Set on survey answers only.
  int32_t survey_score = 0;
};

// A position in a newest-first history: the last row already returned. The next page starts
// strictly after it in (occur_time desc, id desc) order, so rows arriving meanwhile never
// shift a page.
struct InteractionCursor {
  absl::Time occur_time;
  InteractionId id = 0;
};

// --- Connector host state (server/connectors/) ---

using DeadLetterId = int64_t;

// How a connector instance stands. Persisted so that a pause survives a restart and an
// operator sees why the last run failed.
enum class ConnectorStatus { kIdle = 1, kRunning = 2, kPaused = 3, kFailed = 4, kStalled = 5 };

struct ConnectorCounters {
  int64_t records_in = 0;     // Records committed (interactions, replacements, identity links).
  int64_t dead_lettered = 0;  // Dead letters stored.
  int64_t errors = 0;         // Runs that failed (plugin error, load/open failure, stall).
  int64_t skipped = 0;        // Records already recorded (a replay after a crash).
  int64_t suppressed = 0;     // Records dropped for a suppressed (erased) identity.
};

// One connector instance's row. Times are absl::InfinitePast() where "never".
struct ConnectorState {
  std::string name;
  std::string cursor;  // Opaque plugin bytes; empty: from the start.
  absl::Time cursor_time = absl::InfinitePast();
  ConnectorStatus status = ConnectorStatus::kIdle;
  std::string last_error;
  absl::Time last_run_time = absl::InfinitePast();
  ConnectorCounters counters;
  // The replica that runs the instance until lease_expire_time (empty: nobody), and the fencing
  // token of its lease: it grows on every takeover, so a commit carrying an older one is refused.
  std::string lease_owner;
  absl::Time lease_expire_time = absl::InfinitePast();
  int64_t lease_token = 0;
  // The operator's wishes, which any replica writes and the lease owner carries out: paused, and
  // the time of the latest read asked for (InfinitePast: none).
  bool paused = false;
  absl::Time run_request_time = absl::InfinitePast();
  absl::Time update_time = absl::InfinitePast();
};

// Who may commit a connector's cursor: the lease owner and the token it took the lease with.
struct LeaseFence {
  std::string owner;
  int64_t token = 0;
};

// A lease asked of TakeConnectorLease.
struct LeaseRequest {
  std::string owner;
  // The token the owner holds (renewal), or 0 to take the lease over: allowed when nobody holds
  // it, it expired at `now`, or (when reclaim_own) it is held under this owner's name by an
  // earlier process of the same replica.
  int64_t held_token = 0;
  bool reclaim_own = false;
  absl::Time now;
  absl::Time expire_time;
};

// What TakeConnectorLease did: whether the requester holds the lease now, and the row.
struct LeaseGrant {
  bool held = false;
  ConnectorState state;
};

// A change to a connector's row; unset fields keep their value, counters are added. The row is
// created (empty cursor, idle, zero counters) if missing.
struct ConnectorStateUpdate {
  std::optional<std::string> cursor;  // Also sets cursor_time to `time`.
  std::optional<ConnectorStatus> status;
  std::optional<std::string> last_error;
  std::optional<absl::Time> last_run_time;
  ConnectorCounters added;
  absl::Time time;  // Now: the update time (and cursor_time when the cursor is set).
  // The operator's wishes (see ConnectorState).
  std::optional<bool> paused;
  std::optional<absl::Time> run_request_time;
  // When set, the update applies only while this fence holds the lease: FAILED_PRECONDITION
  // naming the connector and both tokens otherwise (and the row is never created).
  std::optional<LeaseFence> fence;
};

enum class DeadLetterPayload {
  kSource = 1,  // Raw source bytes the plugin could not turn into a Record.
  kRecord = 2,  // A serialized cxhub.connector.v1.Record the host could not ingest.
};

struct DeadLetter {
  DeadLetterId id = 0;
  std::string connector;
  std::string reason;
  DeadLetterPayload payload = DeadLetterPayload::kSource;
  std::string raw;
  absl::Time create_time;
  int32_t retry_count = 0;
};

using AuditEntryId = int64_t;

// One finished call in the audit log (admin actions and changes to customers).
struct AuditEntry {
  AuditEntryId id = 0;
  std::string token_name;  // Empty when authentication is disabled.
  std::string method;      // "/cxhub.v1.CustomerService/MergeCustomers".
  std::string resource;    // "customers/42", or empty.
  absl::Time time;
  int32_t status_code = 0;  // Canonical code the call finished with.
};

// What an erased customer's name becomes in the audit log (StoreWriter::ScrubAuditResource).
inline constexpr char kErasedResource[] = "customers/erased";

// Read operations. Every method sees the snapshot of its transaction.
class StoreReader {
 public:
  virtual ~StoreReader() = default;

  // Follows merges: returns the id of the live customer that `id` is or was merged into.
  // NOT_FOUND if `id` never existed or was deleted.
  virtual absl::StatusOr<CustomerId> ResolveCustomerId(CustomerId id) = 0;
  // ResolveCustomerId of each of `ids`, in a few statements however many: each id that exists
  // maps to its live customer; one that never existed or was deleted is absent. In a write, the
  // customers found stay live until the commit (no other writer can merge or delete them), so an
  // insert for them later in the transaction need not check them again.
  virtual absl::StatusOr<absl::flat_hash_map<CustomerId, CustomerId>> ResolveCustomerIds(
      absl::Span<const CustomerId> ids) = 0;
  // A live customer with its identities and merged ids. NOT_FOUND for merged-away ids.
  virtual absl::StatusOr<Customer> GetCustomer(CustomerId id) = 0;
  // Live customers with id > after_id, ascending, at most `limit`.
  virtual absl::StatusOr<std::vector<Customer>> ListCustomers(CustomerId after_id, int limit) = 0;
  // The live customer owning a normalized identity, or nullopt.
  virtual absl::StatusOr<std::optional<CustomerId>> FindCustomerByIdentity(
      const Identity& identity) = 0;
  // FindCustomerByIdentity with the identity's trust and join count.
  virtual absl::StatusOr<std::optional<OwnedIdentity>> FindIdentity(const Identity& identity) = 0;
  // FindIdentity of each of `identities`, in order, in a few statements however many.
  virtual absl::StatusOr<std::vector<std::optional<OwnedIdentity>>> FindIdentities(
      absl::Span<const Identity> identities) = 0;
  // The live customers among `ids` that have a display name, in a few statements however many.
  virtual absl::StatusOr<absl::flat_hash_set<CustomerId>> NamedCustomers(
      absl::Span<const CustomerId> ids) = 0;

  virtual absl::StatusOr<Touchpoint> GetTouchpoint(TouchpointId id) = 0;
  virtual absl::StatusOr<std::vector<Touchpoint>> ListTouchpoints(TouchpointId after_id,
                                                                  int limit) = 0;

  // NOT_FOUND if there is no such rule.
  virtual absl::StatusOr<TouchpointRule> GetTouchpointRule(TouchpointRuleId id) = 0;
  // Every rule of every touchpoint, in the order they are tried: ascending priority, then id.
  virtual absl::StatusOr<std::vector<TouchpointRule>> ListTouchpointRules() = 0;
  // A number that grows with every change to the rules (insert, update, delete, and
  // DeleteTouchpoint), in the transaction of the change: while it stays the same, so do the
  // rules. 0 before the first change.
  virtual absl::StatusOr<int64_t> TouchpointRulesRevision() = 0;

  virtual absl::StatusOr<Interaction> GetInteraction(InteractionId id) = 0;
  virtual absl::StatusOr<std::optional<Interaction>> FindInteractionBySource(
      const std::string& source, const std::string& external_id) = 0;
  // The interaction recorded under `global_key` (Interaction::global_key), from any source;
  // nullopt when none (or the key is empty). The returned row's global_key is not filled in.
  virtual absl::StatusOr<std::optional<Interaction>> FindInteractionByGlobalKey(
      const std::string& global_key) = 0;
  // For each of `interactions`, in order, whether one of the two above finds an earlier record
  // under its keys, in a few statements however many: a batch's check before those reads.
  virtual absl::StatusOr<std::vector<bool>> HaveEarlierRecords(
      absl::Span<const Interaction* const> interactions) = 0;
  // filter.customer_id's history, newest first ((occur_time, id) descending), starting after
  // `after` when set, at most `limit` rows.
  virtual absl::StatusOr<std::vector<Interaction>> ListInteractions(
      const InteractionFilter& filter, const std::optional<InteractionCursor>& after,
      int limit) = 0;
  // Interactions with id > after_id in id (= commit) order, of one customer or of all
  // (customer_id 0), at most `limit`. Feeds WatchInteractions.
  // Ids grow in commit order on every backend, so a reader that has seen id N will never
  // later see a new id below N: SQLite has a single writer; on MySQL, where auto-increment
  // ids are assigned at insert rather than at commit, every write transaction writes the one
  // row of commit_sequence before it inserts an interaction and holds it to commit, so
  // transactions inserting interactions commit one at a time (on a Galera cluster, across nodes:
  // certification aborts the later of two such transactions, which is run again).
  // (Ids of rolled-back inserts leave gaps; callers must not expect ids to be dense.)
  virtual absl::StatusOr<std::vector<Interaction>> ListInteractionsSince(InteractionId after_id,
                                                                         CustomerId customer_id,
                                                                         int limit) = 0;
  // The largest interaction id committed so far, 0 if none.
  virtual absl::StatusOr<InteractionId> LatestInteractionId() = 0;

  // The scores matching `filter`, summed per quarter-hour bucket (or whole UTC day, see
  // ScoreAnswerFilter::whole_days), buckets with none left out, in ascending time. Answered from
  // counts every write keeps up to date in its own transaction, not from the interactions.
  // INVALID_ARGUMENT when a bound of the range is not on a quarter hour.
  virtual absl::StatusOr<std::vector<ScoreBucket>> SumScoreAnswers(
      const ScoreAnswerFilter& filter) = 0;

  // The purchases matching `filter`, summed per customer (a merged customer is its survivor;
  // a deleted one is gone), one entry per currency with a purchase, in ascending currency.
  // Answered from sums every write keeps up to date in its own transaction: one row per paying
  // customer without a filter, one per customer, quarter hour, touchpoint and channel with one.
  // INVALID_ARGUMENT when a bound of the range is not on a quarter hour.
  virtual absl::StatusOr<std::vector<CurrencyPurchases>> SumPurchases(
      const PurchaseFilter& filter) = 0;

  // The visits matching `filter`, summed (VisitSums). Answered from counts every write keeps
  // up to date in its own transaction: per UTC day for the whole days of the range (the values
  // of a dimension as far as listed, kVisitValuesListedPerDay), per quarter hour at its ends and
  // where a series' point cuts a day; the dimensions of a range's partial days from the visits
  // themselves (an index on kind and time). A deleted customer's visits are gone; a merge
  // changes nothing but a segment's counts. INVALID_ARGUMENT when a bound of the range is not on
  // a quarter hour.
  virtual absl::StatusOr<VisitSums> SumVisits(const VisitFilter& filter) = 0;

  // The customers active at the period's start, at its end, at both (retained), and those whose
  // first matching interaction ever falls inside the period (new), counting only interactions
  // that match the filter's touchpoint and channel. A merged customer counts once, under the
  // customer it was merged into; a deleted one not at all. Answered from activity every write
  // keeps up to date in its own transaction: one pass over the activity of
  // [start - window, end), plus a primary-key probe per customer first seen in the period.
  // INVALID_ARGUMENT when a bound or the window is off the quarter hour, or the period is empty.
  virtual absl::StatusOr<ActivityCounts> CountCustomerActivity(
      const CustomerActivityFilter& filter) = 0;
  // CountCustomerActivity of each of `periods` in turn (each [start, end) replacing the filter's),
  // in their order. Where activity spells answer (sql_activity_spells.h) the spells are read
  // once for all the periods, so a series costs about what one period does. The same errors,
  // for the first period that has one.
  virtual absl::StatusOr<std::vector<ActivityCounts>> CountCustomerActivityPerPeriod(
      const CustomerActivityFilter& filter, absl::Span<const ActivityPeriod> periods) = 0;

  // The texts of the interactions in the period matching one of the filter's sources and its
  // touchpoint and channel, in no particular order; a deleted customer's are gone, a merged
  // one's are its survivor's. Read from the interactions (an index on their time), one row per
  // interaction. INVALID_ARGUMENT for an infinite or empty period or no source.
  virtual absl::StatusOr<std::vector<ComplaintText>> ListComplaintTexts(
      const ComplaintTextFilter& filter) = 0;

  // Calls `on_step` for every interaction matching `filter`, ordered by customer, then
  // occur_time, then id; a merged customer's interactions come under its survivor, a deleted
  // one's not at all. The range's rows are held in memory meanwhile, about 40 bytes each (a
  // month of a million-interaction store: some 10 MB). Stops at the first error `on_step`
  // returns and returns it. INVALID_ARGUMENT when the range is empty or infinite.
  virtual absl::Status ForEachJourneyStep(
      const JourneyStepFilter& filter,
      absl::FunctionRef<absl::Status(const JourneyStep&)> on_step) = 0;

  // --- Segments ---

  // NOT_FOUND if there is no such segment.
  virtual absl::StatusOr<Segment> GetSegment(SegmentId id) = 0;
  // Segments with id > after_id, ascending, at most `limit`.
  virtual absl::StatusOr<std::vector<Segment>> ListSegments(SegmentId after_id, int limit) = 0;
  // The live customers matching every one of `conditions` at time `now` (every live customer
  // when there is none), ascending. Each condition is one query over the interactions or the
  // customers; a merged customer is its survivor, a deleted one is nobody. Conditions are taken
  // as given (validating them is core's business).
  virtual absl::StatusOr<std::vector<CustomerId>> ListMatchingCustomers(
      const std::vector<SegmentCondition>& conditions, absl::Time now) = 0;
  // How `customers` use each channel they used (one pass over the activity of every customer),
  // by channel slug.
  virtual absl::StatusOr<std::vector<ChannelUse>> CountChannelUse(
      const absl::flat_hash_set<CustomerId>& customers) = 0;

  // --- Connector host state ---

  // nullopt if the instance never ran.
  virtual absl::StatusOr<std::optional<ConnectorState>> GetConnectorState(
      const std::string& name) = 0;
  // Every instance's row, by name.
  virtual absl::StatusOr<std::vector<ConnectorState>> ListConnectorStates() = 0;
  // NOT_FOUND if there is no such dead letter.
  virtual absl::StatusOr<DeadLetter> GetDeadLetter(DeadLetterId id) = 0;
  // Dead letters with id > after_id, ascending, of one connector or of all (empty connector),
  // at most `limit`.
  virtual absl::StatusOr<std::vector<DeadLetter>> ListDeadLetters(const std::string& connector,
                                                                  DeadLetterId after_id,
                                                                  int limit) = 0;

  // --- Long-running operations (operation.h) ---

  // NOT_FOUND if there is no such operation.
  virtual absl::StatusOr<Operation> GetOperation(OperationId id) = 0;
  // Operations matching `filter` with id > after_id, ascending, at most `limit`.
  virtual absl::StatusOr<std::vector<Operation>> ListOperations(const OperationFilter& filter,
                                                                OperationId after_id,
                                                                int limit) = 0;

  // --- Audit log ---

  // Entries with id < before_id (any id when before_id is 0), newest first, at most `limit`.
  virtual absl::StatusOr<std::vector<AuditEntry>> ListAuditEntries(AuditEntryId before_id,
                                                                   int limit) = 0;

  // --- Merge ledger ---

  // NOT_FOUND if there is no such entry.
  virtual absl::StatusOr<MergeEntry> GetMerge(MergeId id) = 0;
  // The entries naming `customer` as survivor or merged side, with id < before_id (any id when
  // before_id is 0), newest first, at most `limit`. Customer ids are taken as they are (not
  // resolved through merges): also works for a merged-away or erased customer.
  virtual absl::StatusOr<std::vector<MergeEntry>> ListMerges(CustomerId customer, MergeId before_id,
                                                             int limit) = 0;

  // --- Suppression list (erasure) ---

  // Whether `fingerprint` (a keyed hash of an erased identity, suppression_list.h) is listed.
  virtual absl::StatusOr<bool> IsIdentitySuppressed(const std::string& fingerprint) = 0;

  // --- Merge suggestions (merge_policy.h) ---

  // NOT_FOUND if there is no such suggestion. Customer ids are as recorded (they may have been
  // merged since).
  virtual absl::StatusOr<MergeSuggestion> GetMergeSuggestion(MergeSuggestionId id) = 0;
  // Suggestions with id > after_id in `state` (nullopt: any), ascending, at most `limit`.
  virtual absl::StatusOr<std::vector<MergeSuggestion>> ListMergeSuggestions(
      std::optional<MergeSuggestionState> state, MergeSuggestionId after_id, int limit) = 0;
  // Whether an open or rejected suggestion joins customers `a` and `b` (in either order) by
  // the identity (kind and value).
  virtual absl::StatusOr<bool> HasMergeSuggestion(CustomerId a, CustomerId b,
                                                  const Identity& identity) = 0;
};

// Read and write operations inside one read-write transaction.
class StoreWriter : public StoreReader {
 public:
  // Inserts a customer with its identities (which must be normalized, with their trust and
  // provenance); returns its id.
  // create_time and update_time are taken from `customer`. ALREADY_EXISTS if an identity is
  // owned by another customer.
  virtual absl::StatusOr<CustomerId> InsertCustomer(const Customer& customer) = 0;
  // InsertCustomer of each of `customers`, all or none, in a few statements however many; their
  // ids in the same order.
  virtual absl::StatusOr<std::vector<CustomerId>> InsertCustomers(
      absl::Span<const Customer> customers) = 0;
  // Replaces display_name, attributes and update_time of a live customer.
  virtual absl::Status UpdateCustomer(const Customer& customer) = 0;
  // Deletes a live customer, its identities, its interactions and the rows of customers
  // merged into it.
  virtual absl::Status DeleteCustomer(CustomerId id) = 0;
  // Stores the identity with its trust and provenance. ALREADY_EXISTS if any customer owns the
  // identity already (this one included).
  virtual absl::Status AddIdentity(CustomerId id, const Identity& identity) = 0;
  // NOT_FOUND if the customer does not own the identity.
  virtual absl::Status RemoveIdentity(CustomerId id, const Identity& identity) = 0;
  // Moves identities and interactions of `merged` to `survivor`, marks `merged` (and any
  // customer previously merged into it) as merged into `survivor`. Attributes are the
  // caller's business (UpdateCustomer). Both must be live (else NOT_FOUND) and different.
  virtual absl::Status MergeCustomerInto(CustomerId merged, CustomerId survivor) = 0;
  // Appends a ledger entry (id ignored) and returns its id. A kMerge entry is inserted just
  // before MergeCustomerInto(entry.merged_id, entry.survivor_id), in its transaction: the store
  // snapshots what belongs to the merged side then (its identities and interactions, the
  // customers merged into it before), for RestoreMergedCustomer. A kUnmerge entry also marks
  // the merge it undoes (entry.undoes) as undone by it.
  virtual absl::StatusOr<MergeId> InsertMerge(const MergeEntry& entry) = 0;
  // Undoes the moves of the merge `merge` (a kMerge entry whose merged customer still points
  // at its live survivor; the caller checks): the merged customer is live again, the customers
  // merged into it before point at it again, the identities of its snapshot that the survivor
  // still owns go back to it, and so do the interactions of its snapshot that the survivor
  // still has, and those recorded on the survivor since the merge whose recorded identities
  // include one that went back and none that the survivor keeps. Aggregates follow the moved
  // interactions. Display names and attributes are the caller's (UpdateCustomer). Returns how
  // many interactions went back.
  virtual absl::StatusOr<int64_t> RestoreMergedCustomer(const MergeEntry& merge) = 0;
  // Deletes every ledger entry naming `customer` on either side, with its snapshot (the
  // identities and interaction ids it kept): for an erasure. Entries naming only others stay.
  virtual absl::Status DeleteMergesOf(CustomerId customer) = 0;
  // Deletes every merge suggestion naming `customer` on either side (they hold the identity's
  // value): for an erasure.
  virtual absl::Status DeleteMergeSuggestionsOf(CustomerId customer) = 0;

  virtual absl::StatusOr<TouchpointId> InsertTouchpoint(const Touchpoint& touchpoint) = 0;
  // Replaces every field but id and create_time.
  virtual absl::Status UpdateTouchpoint(const Touchpoint& touchpoint) = 0;
  // Also deletes the touchpoint's rules. Interactions that referred to it keep existing with
  // touchpoint_id 0 (and touchpoint_rule_id 0).
  virtual absl::Status DeleteTouchpoint(TouchpointId id) = 0;

  // Inserts a rule (id ignored; create_time and update_time taken from `rule`) and returns
  // its id. NOT_FOUND if rule.touchpoint_id does not exist. Criteria are stored as given
  // (validating them is core's business) and read back in the same order.
  virtual absl::StatusOr<TouchpointRuleId> InsertTouchpointRule(const TouchpointRule& rule) = 0;
  // Replaces every field but id, touchpoint_id and create_time. NOT_FOUND if missing.
  virtual absl::Status UpdateTouchpointRule(const TouchpointRule& rule) = 0;
  // NOT_FOUND if missing. Interactions it assigned keep their touchpoint and rule id.
  virtual absl::Status DeleteTouchpointRule(TouchpointRuleId id) = 0;

  // Inserts an interaction (id ignored) and returns its id. ALREADY_EXISTS when
  // (source, external_id) or global_key (when not empty) is taken. An empty external_id is no
  // idempotency key: such interactions are never deduplicated, nor found by
  // FindInteractionBySource. NOT_FOUND when the customer is not live or the touchpoint (if set)
  // does not exist.
  virtual absl::StatusOr<InteractionId> InsertInteraction(const Interaction& interaction) = 0;
  // InsertInteraction of each item in order, each all-or-nothing on its own, as if each ran in
  // a Savepoint: one result per item, its id or the error InsertInteraction would have given it
  // (an item repeating the (source, external_id) of an earlier one is ALREADY_EXISTS). Far
  // cheaper than one call per item: the rows go in a few multi-row statements and the counts
  // and sums behind the figures change once per call. The outer status fails only for an error
  // of the database, after which the transaction must not commit.
  virtual absl::StatusOr<std::vector<absl::StatusOr<InteractionId>>> InsertInteractions(
      absl::Span<const Interaction> interactions) = 0;
  // Sets an interaction's touchpoint (0: none) and the rule that chose it (0: none), for a
  // reassignment. NOT_FOUND when the interaction or the touchpoint (if set) does not exist;
  // the rule is not checked (it may have been deleted since it matched).
  virtual absl::Status SetInteractionTouchpoint(InteractionId id, TouchpointId touchpoint,
                                                TouchpointRuleId rule) = 0;
  // ListInteractionsSince of all customers, for a transaction that updates rows it reads from
  // what it read in them: the rows are the latest committed and stay locked until this
  // transaction ends, so no other writer changes one between the read and the update (on
  // SQLite, whose writers take turns, that holds anyway; MySQL's run side by side).
  virtual absl::StatusOr<std::vector<Interaction>> ListInteractionsSinceForUpdate(
      InteractionId after_id, int limit) = 0;

  // Runs fn as a nested unit: if it fails, only its changes are rolled back and its status is
  // returned; the enclosing transaction goes on. Used for all-or-nothing batch items.
  virtual absl::Status Savepoint(absl::FunctionRef<absl::Status(StoreWriter&)> fn) = 0;

  // --- Segments ---

  // Inserts a segment (id ignored; create_time and update_time taken from `segment`) with its
  // conditions in order, and returns its id.
  virtual absl::StatusOr<SegmentId> InsertSegment(const Segment& segment) = 0;
  // Replaces every field but id and create_time. NOT_FOUND if missing.
  virtual absl::Status UpdateSegment(const Segment& segment) = 0;
  // NOT_FOUND if missing.
  virtual absl::Status DeleteSegment(SegmentId id) = 0;
  // Brings the members the store keeps for `segment` (saved, its conditions as saved) to those
  // at `now`, and with them the satisfaction and visit counts kept over its members, which
  // SumScoreAnswers and SumVisits read for a filter's segment_id. The first call for a segment,
  // and the first after its rule changed, counts every member's interactions; later ones only
  // those of customers written since, or whose interactions crossed the edge of one of the
  // rule's windows. A read of the counts in the same transaction is exact.
  virtual absl::Status RefreshSegmentCounts(const Segment& segment, absl::Time now) = 0;

  // --- Connector host state ---

  // Applies `update` to the instance's row, creating the row if missing (unless fenced).
  virtual absl::Status UpdateConnectorState(const std::string& name,
                                            const ConnectorStateUpdate& update) = 0;
  // Renews or takes over the instance's lease as `request` says (creating the row if missing)
  // and returns the row as it then is. A takeover increments lease_token.
  virtual absl::StatusOr<LeaseGrant> TakeConnectorLease(const std::string& name,
                                                        const LeaseRequest& request) = 0;
  // Gives the lease up (owner cleared, expired) if `fence` still holds it; a no-op otherwise.
  virtual absl::Status ReleaseConnectorLease(const std::string& name, const LeaseFence& fence) = 0;
  // Inserts a dead letter (id ignored) and returns its id.
  virtual absl::StatusOr<DeadLetterId> InsertDeadLetter(const DeadLetter& dead_letter) = 0;
  // Replaces reason and retry_count. NOT_FOUND if there is no such dead letter.
  virtual absl::Status UpdateDeadLetter(const DeadLetter& dead_letter) = 0;
  // NOT_FOUND if there is no such dead letter.
  virtual absl::Status DeleteDeadLetter(DeadLetterId id) = 0;
  // Replaces the content of the interaction recorded under (interaction.source,
  // interaction.external_id): channel, touchpoint (and touchpoint_rule_id), kind, direction,
  // occur_time, thread_id, subject, body, duration, survey, mentioned_score, purchase and
  // attributes.
  // Id, customer and create_time stay. Returns its id; NOT_FOUND if nothing was recorded under
  // that key (or external_id is empty). Locks the row it replaces, as
  // ListInteractionsSinceForUpdate does: one of the two waits for the other to commit.
  virtual absl::StatusOr<InteractionId> ReplaceInteractionContent(
      const Interaction& interaction) = 0;

  // --- Long-running operations (operation.h) ---

  // Inserts an operation (id ignored) with every field of `operation`; returns its id.
  virtual absl::StatusOr<OperationId> InsertOperation(const Operation& operation) = 0;
  // Applies `update` to the operation's row. NOT_FOUND if there is no such operation.
  virtual absl::Status UpdateOperation(OperationId id, const OperationUpdate& update) = 0;
  // NOT_FOUND if there is no such operation.
  virtual absl::Status DeleteOperation(OperationId id) = 0;

  // --- Audit log ---

  // Appends an entry (id ignored) and returns its id. Entries are never changed or removed.
  virtual absl::StatusOr<AuditEntryId> InsertAuditEntry(const AuditEntry& entry) = 0;
  // Erasure's one exception to "never changed": every entry whose resource names `resource`
  // ("customers/42", one of its space-separated names) has that name replaced by
  // kErasedResource. Returns how many entries changed.
  virtual absl::StatusOr<int64_t> ScrubAuditResource(const std::string& resource) = 0;

  // --- Suppression list (erasure) ---

  // Lists `fingerprint`; listing one already listed is no error.
  virtual absl::Status SuppressIdentity(const std::string& fingerprint, absl::Time time) = 0;

  // --- Identity provenance and merge suggestions ---

  // When identity.trust is above the stored one, stores it with identity.provenance (trust
  // only rises). NOT_FOUND when nobody owns the identity.
  virtual absl::Status RaiseIdentityTrust(const Identity& identity) = 0;
  // Adds `customers` to the identity's joined_customers. NOT_FOUND when nobody owns it.
  virtual absl::Status CountIdentityJoins(const Identity& identity, int64_t customers) = 0;
  // Inserts a suggestion (id ignored) and returns its id.
  virtual absl::StatusOr<MergeSuggestionId> InsertMergeSuggestion(
      const MergeSuggestion& suggestion) = 0;
  // Sets state and decide_time. NOT_FOUND if there is no such suggestion.
  virtual absl::Status DecideMergeSuggestion(MergeSuggestionId id, MergeSuggestionState state,
                                             absl::Time decide_time) = 0;
};

// What a store tells about itself, for monitoring. Cumulative since the store was opened.
struct StoreStatistics {
  int64_t retries = 0;                  // Write transactions run again after a conflict.
  int64_t connections_open = 0;         // Pooled connections, idle or in use.
  DurationHistogramSnapshot pool_wait;  // Time waiting for a pooled connection.
  // Write transactions the server had rolled back without failing a statement, found at commit
  // (MariaDB Galera's transaction guard); each is also a conflict, rerun and counted in retries.
  int64_t silent_aborts = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Runs fn in one read-only transaction.
  virtual absl::Status Read(absl::FunctionRef<absl::Status(StoreReader&)> fn) = 0;
  // Runs fn with no snapshot shared by its reads: each statement sees what was committed when
  // it ran. For a point read, which mostly takes one statement: on MySQL it then runs without a
  // transaction of its own, which saves the round trip of a COMMIT. A store without the
  // distinction runs it as Read.
  virtual absl::Status ReadLatest(absl::FunctionRef<absl::Status(StoreReader&)> fn) {
    return Read(fn);
  }
  // Runs fn in one read-write transaction: committed if fn returns OK, rolled back
  // otherwise (fn's status is returned). A transaction the database aborts for a conflict is
  // run again, so fn must have no effects outside the store.
  virtual absl::Status Write(absl::FunctionRef<absl::Status(StoreWriter&)> fn) = 0;
  // Thread-safe. A store that keeps no statistics reports zeros.
  virtual StoreStatistics Statistics() { return StoreStatistics(); }
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_STORE_H_
