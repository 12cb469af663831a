#include "server/connectors/dead_letter_queue.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cxhub/connector/v1/record.pb.h"
#include "server/core/status_macros.h"

namespace cxhub {

absl::StatusOr<DeadLetterPage> DeadLetterQueue::List(const std::string& connector,
                                                     DeadLetterId after_id, int limit) {
  if (limit <= 0) return absl::InvalidArgumentError("limit must be positive");
  DeadLetterPage page;
  absl::Status status = store_.Read([&](StoreReader& reader) -> absl::Status {
    absl::StatusOr<std::vector<DeadLetter>> rows =
        reader.ListDeadLetters(connector, after_id, limit + 1);
    if (!rows.ok()) return rows.status();
    page.has_more = static_cast<int>(rows->size()) > limit;
    if (page.has_more) rows->resize(limit);
    page.dead_letters = *std::move(rows);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return page;
}

absl::StatusOr<DeadLetter> DeadLetterQueue::Get(DeadLetterId id) {
  DeadLetter dead_letter;
  absl::Status status = store_.Read([&](StoreReader& reader) -> absl::Status {
    absl::StatusOr<DeadLetter> found = reader.GetDeadLetter(id);
    if (!found.ok()) return found.status();
    dead_letter = *std::move(found);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return dead_letter;
}

namespace {

// Ingests one serialized Record in a savepoint of `writer`; a rejection comes back as a non-OK
// status that IsRecordRejection recognizes.
absl::Status IngestOne(StoreWriter& writer, const RecordIngester& ingester,
                       const std::string& connector, const std::string& bytes,
                       IngestResult& result) {
  connector::v1::Record record;
  if (!record.ParseFromString(bytes)) {
    return absl::InvalidArgumentError(kUnparseableRecordReason);
  }
  return writer.Savepoint([&](StoreWriter& nested) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(result, ingester.Ingest(nested, connector, record));
    return absl::OkStatus();
  });
}

}  // namespace

absl::StatusOr<IngestResult> DeadLetterQueue::Retry(DeadLetterId id) {
  CXHUB_ASSIGN_OR_RETURN(DeadLetter dead_letter, Get(id));
  if (dead_letter.payload != DeadLetterPayload::kRecord) return RetrySource(dead_letter);
  return IngestAndDelete(id, {dead_letter.raw});
}

absl::StatusOr<IngestResult> DeadLetterQueue::RetrySource(const DeadLetter& dead_letter) {
  if (reparser_ == nullptr) {
    return absl::FailedPreconditionError(absl::StrCat(
        "dead letter ", dead_letter.id, " holds raw source bytes that the plugin of connector \"",
        dead_letter.connector,
        "\" could not parse; the host cannot re-parse them (only the plugin knows their "
        "format): fix the source and let the plugin read it again, or delete the dead letter"));
  }
  // The plugin runs outside the store transaction: it may take its time.
  CXHUB_ASSIGN_OR_RETURN(ReparsedSource reparsed,
                         reparser_->Reparse(dead_letter.connector, dead_letter.raw));
  if (!reparsed.reasons.empty()) {
    // Nothing changed: the dead letter stays as it is, for a later plugin to try.
    return absl::FailedPreconditionError(absl::StrCat(
        "dead letter ", dead_letter.id, ": the plugin of connector \"", dead_letter.connector,
        "\" still cannot re-parse it: ", absl::StrJoin(reparsed.reasons, "; ")));
  }
  return IngestAndDelete(dead_letter.id, reparsed.records);
}

absl::StatusOr<IngestResult> DeadLetterQueue::IngestAndDelete(
    DeadLetterId id, const std::vector<std::string>& records) {
  IngestResult first;
  std::vector<InteractionId> inserted;
  absl::Status rejection;  // Set when the dead letter was rejected again (and that was stored).
  absl::Status status = store_.Write([&](StoreWriter& writer) -> absl::Status {
    rejection = absl::OkStatus();
    inserted.clear();
    first = IngestResult();
    first.outcome = IngestOutcome::kAlreadyRecorded;  // when the plugin now skips the bytes
    CXHUB_ASSIGN_OR_RETURN(DeadLetter dead_letter, writer.GetDeadLetter(id));
    ConnectorStateUpdate update;
    update.time = ingester_.clock().Now();
    {
      // All the records or none: a rejection rolls back those already ingested.
      absl::Status all = writer.Savepoint([&](StoreWriter& nested) -> absl::Status {
        for (size_t i = 0; i < records.size(); ++i) {
          IngestResult result;
          CXHUB_RETURN_IF_ERROR(
              IngestOne(nested, ingester_, dead_letter.connector, records[i], result));
          if (i == 0) first = result;
          if (result.outcome == IngestOutcome::kInserted) inserted.push_back(result.interaction_id);
          CountOutcome(result.outcome, update.added);
        }
        return absl::OkStatus();
      });
      if (!all.ok() && !IsRecordRejection(all)) return all;
      rejection = all;
    }
    if (!rejection.ok()) {
      dead_letter.reason = std::string(rejection.message());
      ++dead_letter.retry_count;
      return writer.UpdateDeadLetter(dead_letter);
    }
    CXHUB_RETURN_IF_ERROR(writer.DeleteDeadLetter(id));
    return writer.UpdateConnectorState(dead_letter.connector, update);
  });
  if (!status.ok()) return status;
  if (!rejection.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("dead letter ", id, " was rejected again: ", rejection.message()));
  }
  for (InteractionId interaction : inserted) feed_.Publish(interaction);
  return first;
}

absl::Status DeadLetterQueue::Delete(DeadLetterId id) {
  return store_.Write([&](StoreWriter& writer) { return writer.DeleteDeadLetter(id); });
}

}  // namespace cxhub
