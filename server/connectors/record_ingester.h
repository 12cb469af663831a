// Ingests one cxhub.connector.v1.Record inside the caller's store transaction: converts it and
// hands it to core's one ingestion path (InteractionRecorder), which validates it with the
// configured limits, resolves (creates, merges) the customer from its identities and records
// the interaction idempotently under (source = connector instance name, external_id).
#ifndef CXHUB_SERVER_CONNECTORS_RECORD_INGESTER_H_
#define CXHUB_SERVER_CONNECTORS_RECORD_INGESTER_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "cxhub/connector/v1/record.pb.h"
#include "server/core/clock.h"
#include "server/core/identity_normalizer.h"
#include "server/core/interaction_recorder.h"
#include "server/core/merge_policy.h"
#include "server/core/model.h"
#include "server/core/record_limits.h"
#include "server/core/store.h"
#include "server/core/suppression_list.h"

namespace cxhub {

enum class IngestOutcome {
  kInserted,         // A new interaction.
  kReplaced,         // replaces_earlier: the stored interaction's content was replaced.
  kAlreadyRecorded,  // (source, external_id) was recorded before: nothing changed.
  kLinked,           // An IdentityLink: identities resolved / attached, no interaction.
  kSuppressed,       // Names an erased identity (suppression_list.h): dropped, nothing stored.
};

struct IngestResult {
  IngestOutcome outcome = IngestOutcome::kInserted;
  InteractionId interaction_id = 0;  // 0 for kLinked.
  CustomerId customer_id = 0;
  absl::Time occur_time = absl::InfinitePast();  // The interaction's; InfinitePast for kLinked.
};

// The dead letter's reason for bytes that are no cxhub.connector.v1.Record.
inline constexpr char kUnparseableRecordReason[] =
    "record: not a valid cxhub.connector.v1.Record (bad wire format, or a string field that is "
    "not valid UTF-8)";

// True for the errors that mean "this record is unusable" (its dead letter's reason), as
// opposed to errors of the store, which abort the whole commit.
bool IsRecordRejection(const absl::Status& status);

// Adds one record of `outcome` to `counters`: skipped, suppressed, or records_in.
void CountOutcome(IngestOutcome outcome, ConnectorCounters& counters);

// A record a plugin emitted, made ready to ingest (RecordIngester::Prepare): the work that needs
// no store, done before the store transaction (CheckpointCommitter::PrepareNext says by whom).
struct PreparedRecord {
  // Set for an identity link, which is resolved within the transaction.
  std::optional<connector::v1::IdentityLink> link;
  // Otherwise the request its interaction makes, or why it cannot be one (the record's dead
  // letter reason: no valid Record, no interaction, a field the conversion refused).
  absl::StatusOr<RecordRequest> request = absl::UnknownError("not prepared");
};

// Thread-safe. Borrows the normalizer and the clock, which must outlive it.
class RecordIngester {
 public:
  // `limits` are those of the server config, the same the API applies.
  // `suppression` (null: none): records naming an erased identity come out kSuppressed.
  RecordIngester(const IdentityNormalizer& normalizer, Clock& clock, MergePolicy policy,
                 const RecordLimits& limits = RecordLimits(),
                 const SuppressionList* suppression = nullptr)
      : recorder_(normalizer, clock, std::move(policy), limits, suppression), limits_(limits) {}

  // Ingests `record` from connector instance `source` within `writer`'s transaction. Run it in
  // a savepoint: on error it may have written part of its work. Rejections (see
  // IsRecordRejection) say what is wrong with the record: no payload, a missing or malformed
  // field, a value beyond the limits, no usable identity (a field violation, "<field>:
  // <problem>", the field named as in the Record). A record naming a suppressed identity, even
  // among others, is about an erased person: it is kSuppressed, never a dead letter (which
  // would keep its data).
  absl::StatusOr<IngestResult> Ingest(StoreWriter& writer, const std::string& source,
                                      const connector::v1::Record& record) const;

  // `serialized`, a cxhub.connector.v1.Record from connector instance `source`, parsed and, for
  // an interaction, converted to its request; an unparseable one's request is
  // kUnparseableRecordReason.
  PreparedRecord Prepare(absl::string_view serialized, const std::string& source) const;

  // Ingest of each of `records` (Prepare's), in order, within `writer`'s transaction, each
  // all-or-nothing on its own: one result per record, what Ingest in a savepoint of its own would
  // give after those before it. Runs of interaction records go to InteractionRecorder::RecordAll
  // (in bulk when they qualify: multi-row inserts, aggregates counted once per run); an identity
  // link takes a savepoint. The outer status fails only for an error of the database, after
  // which the transaction must not commit. `records` stay unchanged, so a transaction retried
  // after a conflict ingests them again.
  absl::StatusOr<std::vector<absl::StatusOr<IngestResult>>> IngestAll(
      StoreWriter& writer, const std::string& source,
      absl::Span<const PreparedRecord> records) const;

  Clock& clock() const { return recorder_.clock(); }

 private:
  // `source` is the connector's name: who asserted the link, for the merge ledger.
  absl::StatusOr<IngestResult> Link(StoreWriter& writer, const std::string& source,
                                    const connector::v1::IdentityLink& link) const;

  // The request an interaction record makes, from connector instance `source`; INVALID_ARGUMENT
  // for a record with no interaction, or the conversion's error.
  absl::StatusOr<RecordRequest> InteractionRequest(const connector::v1::Record& record,
                                                   const std::string& source) const;

  static IngestResult Suppressed();
  // What recording an interaction record gave, as its IngestResult.
  static absl::StatusOr<IngestResult> FromRecorded(const absl::StatusOr<RecordResult>& recorded);

  const InteractionRecorder recorder_;
  const RecordLimits limits_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CONNECTORS_RECORD_INGESTER_H_
