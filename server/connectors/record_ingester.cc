#include "server/connectors/record_ingester.h"

#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/connectors/record_conversion.h"
#include "server/core/field_violation.h"
#include "server/core/savepoint_result.h"
#include "server/core/status_macros.h"

namespace cxhub {

bool IsRecordRejection(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kNotFound:  // A touchpoint or customer the record names is gone.
      return true;
    default:
      return false;
  }
}

void CountOutcome(IngestOutcome outcome, ConnectorCounters& counters) {
  switch (outcome) {
    case IngestOutcome::kAlreadyRecorded:
      ++counters.skipped;
      return;
    case IngestOutcome::kSuppressed:
      ++counters.suppressed;
      return;
    case IngestOutcome::kInserted:
    case IngestOutcome::kReplaced:
    case IngestOutcome::kLinked:
      ++counters.records_in;
      return;
  }
}

absl::StatusOr<IngestResult> RecordIngester::Ingest(StoreWriter& writer, const std::string& source,
                                                    const connector::v1::Record& record) const {
  if (record.has_identity_link()) return Link(writer, source, record.identity_link());
  CXHUB_ASSIGN_OR_RETURN(const RecordRequest request, InteractionRequest(record, source));
  return FromRecorded(recorder_.Record(writer, request));
}

absl::StatusOr<RecordRequest> RecordIngester::InteractionRequest(
    const connector::v1::Record& record, const std::string& source) const {
  if (!record.has_interaction()) {
    return absl::InvalidArgumentError("record: neither interaction nor identity_link is set");
  }
  CXHUB_ASSIGN_OR_RETURN(RecordRequest request,
                         RecordRequestFromRecord(record.interaction(), source, limits_));
  request.actor = source;  // The connector's name.
  return request;
}

PreparedRecord RecordIngester::Prepare(absl::string_view serialized,
                                       const std::string& source) const {
  PreparedRecord prepared;
  connector::v1::Record record;
  if (serialized.size() > static_cast<size_t>(std::numeric_limits<int>::max()) ||
      !record.ParseFromArray(serialized.data(), static_cast<int>(serialized.size()))) {
    prepared.request = absl::InvalidArgumentError(kUnparseableRecordReason);
  } else if (record.has_identity_link()) {
    prepared.link = std::move(*record.mutable_identity_link());
  } else {
    prepared.request = InteractionRequest(record, source);
  }
  return prepared;
}

absl::StatusOr<std::vector<absl::StatusOr<IngestResult>>> RecordIngester::IngestAll(
    StoreWriter& writer, const std::string& source,
    absl::Span<const PreparedRecord> records) const {
  std::vector<absl::StatusOr<IngestResult>> results(records.size(),
                                                    absl::UnknownError("not ingested"));
  std::vector<const RecordRequest*> run;  // Interaction records since the last link.
  std::vector<size_t> run_items;          // The record of each.
  auto record_run = [&]() -> absl::Status {
    if (run.empty()) return absl::OkStatus();
    CXHUB_ASSIGN_OR_RETURN(std::vector<absl::StatusOr<RecordResult>> recorded,
                           recorder_.RecordAll(writer, run));
    for (size_t k = 0; k < run.size(); ++k) results[run_items[k]] = FromRecorded(recorded[k]);
    run.clear();
    run_items.clear();
    return absl::OkStatus();
  };
  for (size_t i = 0; i < records.size(); ++i) {
    const PreparedRecord& record = records[i];
    if (record.link.has_value()) {
      // A link may join customers the records after it resolve to: those before it go first.
      CXHUB_RETURN_IF_ERROR(record_run());
      results[i] = InSavepoint<IngestResult>(
          writer, [&](StoreWriter& nested) { return Link(nested, source, *record.link); });
      continue;
    }
    if (!record.request.ok()) {
      results[i] = record.request.status();
      continue;
    }
    run.push_back(&*record.request);
    run_items.push_back(i);
  }
  CXHUB_RETURN_IF_ERROR(record_run());
  return results;
}

absl::StatusOr<IngestResult> RecordIngester::FromRecorded(
    const absl::StatusOr<RecordResult>& recorded) {
  if (IsSuppressedIdentityError(recorded.status())) return Suppressed();
  if (!recorded.ok()) return NameRecordField(recorded.status());
  IngestResult result;
  result.interaction_id = recorded->interaction.id;
  result.customer_id = recorded->interaction.customer_id;
  result.occur_time = recorded->interaction.occur_time;
  if (recorded->replaced) {
    result.outcome = IngestOutcome::kReplaced;
  } else if (recorded->already_recorded) {
    result.outcome = IngestOutcome::kAlreadyRecorded;
  } else {
    result.outcome = IngestOutcome::kInserted;
  }
  return result;
}

absl::StatusOr<IngestResult> RecordIngester::Link(StoreWriter& writer, const std::string& source,
                                                  const connector::v1::IdentityLink& link) const {
  CXHUB_ASSIGN_OR_RETURN(std::vector<Identity> identities, IdentitiesFromLink(link));
  // A link names no record of its own: its provenance is the connector's contact card.
  const IdentityProvenance assertion{source, "identity link"};
  MergeCause cause;
  cause.source = source;
  cause.actor = source;
  absl::StatusOr<Resolution> resolution =
      recorder_.Link(writer, identities, link.display_name(), assertion, cause);
  if (IsSuppressedIdentityError(resolution.status())) return Suppressed();
  if (!resolution.ok()) return NestFieldViolation(resolution.status(), "identity_link.");
  IngestResult result;
  result.outcome = IngestOutcome::kLinked;
  result.customer_id = resolution->customer_id;
  return result;
}

IngestResult RecordIngester::Suppressed() {
  IngestResult result;
  result.outcome = IngestOutcome::kSuppressed;
  return result;
}

}  // namespace cxhub
