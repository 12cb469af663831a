#include "server/connectors/dead_letter_queue.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "cxhub/connector/v1/record.pb.h"

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

absl::StatusOr<IngestResult> DeadLetterQueue::Retry(DeadLetterId id) {
  IngestResult result;
  absl::Status rejection;  // Set when the record was rejected again (and that was stored).
  absl::Status status = store_.Write([&](StoreWriter& writer) -> absl::Status {
    rejection = absl::OkStatus();
    absl::StatusOr<DeadLetter> found = writer.GetDeadLetter(id);
    if (!found.ok()) return found.status();
    DeadLetter& dead_letter = *found;
    if (dead_letter.payload != DeadLetterPayload::kRecord) {
      return absl::FailedPreconditionError(absl::StrCat(
          "dead letter ", id, " holds raw source bytes that the plugin of connector \"",
          dead_letter.connector,
          "\" could not parse; the host cannot re-parse them (only the plugin knows their "
          "format): fix the source and let the plugin read it again, or delete the dead letter"));
    }
    connector::v1::Record record;
    absl::Status ingested;
    if (!record.ParseFromString(dead_letter.raw)) {
      ingested = absl::InvalidArgumentError(
          "record: not a valid cxhub.connector.v1.Record (bad wire format, or a string field "
          "that is not valid UTF-8)");
    } else {
      ingested = writer.Savepoint([&](StoreWriter& nested) -> absl::Status {
        absl::StatusOr<IngestResult> done = ingester_.Ingest(nested, dead_letter.connector, record);
        if (!done.ok()) return done.status();
        result = *done;
        return absl::OkStatus();
      });
    }
    const absl::Time now = ingester_.clock().Now();
    if (!ingested.ok()) {
      if (!IsRecordRejection(ingested)) return ingested;
      rejection = ingested;
      dead_letter.reason = std::string(ingested.message());
      ++dead_letter.retry_count;
      return writer.UpdateDeadLetter(dead_letter);
    }
    if (absl::Status deleted = writer.DeleteDeadLetter(id); !deleted.ok()) return deleted;
    ConnectorStateUpdate update;
    update.time = now;
    if (result.outcome == IngestOutcome::kAlreadyRecorded) {
      update.added.skipped = 1;
    } else {
      update.added.records_in = 1;
    }
    return writer.UpdateConnectorState(dead_letter.connector, update);
  });
  if (!status.ok()) return status;
  if (!rejection.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("dead letter ", id, " was rejected again: ", rejection.message()));
  }
  if (result.outcome == IngestOutcome::kInserted) feed_.Publish(result.interaction_id);
  return result;
}

absl::Status DeadLetterQueue::Delete(DeadLetterId id) {
  return store_.Write([&](StoreWriter& writer) { return writer.DeleteDeadLetter(id); });
}

}  // namespace cxhub
