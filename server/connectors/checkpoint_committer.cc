#include "server/connectors/checkpoint_committer.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cxhub/connector/v1/record.pb.h"
#include "cxhub/connector_limits.h"
#include "plugins/common/utf8_repair.h"
#include "server/connectors/record_conversion.h"
#include "server/core/conflict_retry.h"
#include "server/core/status_macros.h"

namespace cxhub {

void CheckpointCommitter::AddRecord(absl::string_view record) {
  records_.emplace_back(record);
  pending_bytes_ += record.size();
}

bool CheckpointCommitter::PrepareNext() {
  if (prepared_.size() == records_.size()) return false;
  // At once for every record added so far: each growth moved every prepared request again.
  if (prepared_.capacity() < records_.size()) {
    prepared_.reserve(std::max(records_.size(), 2 * prepared_.capacity()));
  }
  prepared_.push_back(ingester_.Prepare(records_[prepared_.size()], connector_));
  return true;
}

void CheckpointCommitter::AddDeadLetter(absl::string_view reason, absl::string_view raw) {
  // A plugin built without the SDK may send more than the SDK's Sink would: keep the store's copy
  // bounded all the same, and say what was cut.
  constexpr size_t kMaxRaw = CXHUB_LIMIT_DEAD_LETTER_RAW_BYTES;
  std::string stored_reason = plugin_common::RepairUtf8(reason);
  if (raw.size() > kMaxRaw) {
    absl::StrAppend(&stored_reason, " (host kept the first ", kMaxRaw, " of ", raw.size(),
                    " raw bytes)");
    raw = raw.substr(0, kMaxRaw);
  }
  pending_bytes_ += stored_reason.size() + raw.size();
  dead_letters_.push_back({std::move(stored_reason), std::string(raw)});
}

void CheckpointCommitter::Discard() {
  records_.clear();
  prepared_.clear();
  dead_letters_.clear();
  pending_bytes_ = 0;
  mark_.reset();
  marked_records_ = 0;
  marked_dead_letters_ = 0;
}

void CheckpointCommitter::MarkCheckpoint(absl::string_view cursor) {
  mark_ = std::string(cursor);
  marked_records_ = records_.size();
  marked_dead_letters_ = dead_letters_.size();
}

void CheckpointCommitter::DropAfterMark() {
  for (size_t k = marked_records_; k < records_.size(); ++k) pending_bytes_ -= records_[k].size();
  for (size_t k = marked_dead_letters_; k < dead_letters_.size(); ++k) {
    pending_bytes_ -= dead_letters_[k].reason.size() + dead_letters_[k].raw.size();
  }
  records_.resize(marked_records_);
  if (prepared_.size() > marked_records_) prepared_.resize(marked_records_);
  dead_letters_.resize(marked_dead_letters_);
}

absl::StatusOr<ConnectorCounters> CheckpointCommitter::Commit(absl::string_view cursor) {
  // What the plugin's thread did not prepare while it waited (ReadBatches::Settle).
  while (PrepareNext()) {
  }
  ConnectorCounters counters;
  InteractionId latest = 0;
  absl::Time newest = absl::InfinitePast();
  auto commit = [&](StoreWriter& writer) -> absl::Status {
    // Store::Write may run this again after a conflict: start from scratch each time.
    counters = ConnectorCounters();
    latest = 0;
    newest = absl::InfinitePast();
    const absl::Time now = ingester_.clock().Now();
    auto dead_letter = [&](DeadLetterPayload payload, absl::string_view reason,
                           const std::string& raw) -> absl::Status {
      DeadLetter row;
      row.connector = connector_;
      row.reason = plugin_common::RepairUtf8(reason);
      row.payload = payload;
      row.raw = raw;
      row.create_time = now;
      ++counters.dead_lettered;
      return writer.InsertDeadLetter(row).status();
    };

    // Together, so that their rows go in multi-row inserts (RecordIngester::IngestAll); dead
    // letters still follow the records' order.
    CXHUB_ASSIGN_OR_RETURN(const std::vector<absl::StatusOr<IngestResult>> ingested,
                           ingester_.IngestAll(writer, connector_, prepared_));
    for (size_t k = 0; k < records_.size(); ++k) {
      const absl::StatusOr<IngestResult>& result = ingested[k];
      if (!result.ok()) {
        // A store's error aborts the batch; a rejection is the record's dead letter.
        if (!IsRecordRejection(result.status())) return result.status();
        CXHUB_RETURN_IF_ERROR(
            dead_letter(DeadLetterPayload::kRecord, result.status().message(), records_[k]));
        continue;
      }
      newest = std::max(newest, result->occur_time);
      CountOutcome(result->outcome, counters);
      if (result->outcome == IngestOutcome::kInserted) {
        latest = std::max(latest, result->interaction_id);
      }
    }
    for (const SourceDeadLetter& source : dead_letters_) {
      if (absl::Status status = dead_letter(DeadLetterPayload::kSource, source.reason, source.raw);
          !status.ok()) {
        return status;
      }
    }

    ConnectorStateUpdate update;
    update.cursor = std::string(cursor);
    update.added = counters;
    update.time = now;
    update.fence = fence_;
    return writer.UpdateConnectorState(connector_, update);
  };

  absl::Status status = WriteRetryingOnConflict(store_, commit);
  if (!status.ok()) {
    return absl::Status(status.code(), absl::StrCat("committing a checkpoint: ", status.message()));
  }
  Discard();
  newest_record_time_ = std::max(newest_record_time_, newest);
  if (latest != 0) feed_.Publish(latest);
  return counters;
}

}  // namespace cxhub
