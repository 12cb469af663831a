// Exactly-once ingestion for one connector instance: buffers what a plugin emits between two
// checkpoints and commits it together with the new cursor in ONE store transaction.
//
// A record that cannot be ingested (not a parseable Record, invalid UTF-8, a missing field, no
// usable identity) becomes a dead letter with its reason and its serialized bytes in that same
// transaction (each record is all-or-nothing on its own, RecordIngester::IngestAll: the
// checkpoint's records are recorded together, their rows in multi-row inserts, and one bad
// record does not abort the batch). Records already recorded under (connector, external_id) are
// skipped, so replaying what followed the last committed cursor after a crash is harmless.
#ifndef CXHUB_SERVER_CONNECTORS_CHECKPOINT_COMMITTER_H_
#define CXHUB_SERVER_CONNECTORS_CHECKPOINT_COMMITTER_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/connectors/record_ingester.h"
#include "server/core/interaction_feed.h"
#include "server/core/store.h"

namespace cxhub {

// Not thread-safe: used by one thread at a time (the plugin's while it fills the batch, the
// commit-ahead thread while it commits it). Borrows everything.
class CheckpointCommitter {
 public:
  // With a `fence`, every commit applies only while the fence holds the connector's lease
  // (FAILED_PRECONDITION otherwise, nothing committed).
  CheckpointCommitter(Store& store, const RecordIngester& ingester, InteractionFeed& feed,
                      std::string connector, std::optional<LeaseFence> fence = std::nullopt)
      : store_(store),
        ingester_(ingester),
        feed_(feed),
        connector_(std::move(connector)),
        fence_(std::move(fence)) {}

  // Copies a serialized cxhub.connector.v1.Record into the batch.
  void AddRecord(absl::string_view record);
  // Parses and converts the next record not yet prepared (RecordIngester::Prepare), the work of
  // a commit that needs no store; false when every record is. Commit prepares what is left, so
  // calling this is optional: a thread that would otherwise wait for a commit calls it to take
  // that work off the commit thread (ReadBatches::Settle).
  bool PrepareNext();
  // Copies a piece of source data the plugin could not parse into the batch.
  void AddDeadLetter(absl::string_view reason, absl::string_view raw);
  // Records plus dead letters held.
  size_t pending() const { return records_.size() + dead_letters_.size(); }
  // Bytes of the records and dead letters held.
  size_t pending_bytes() const { return pending_bytes_; }
  // Drops the batch (a read that ended without checkpointing it: the next read re-emits it).
  void Discard();

  // A checkpoint the plugin reached with what the batch holds now, noted instead of committed
  // (ReadBatches::Defer): the batch goes on filling, and is committed later with a newer cursor,
  // or cut back to this mark (DropAfterMark) and committed with this one.
  void MarkCheckpoint(absl::string_view cursor);
  // The cursor of the last mark since the last commit or Discard.
  const std::optional<std::string>& marked_cursor() const { return mark_; }
  // Records plus dead letters added since the last mark (all of them when there is none): what
  // the plugin emitted since its last checkpoint.
  size_t pending_after_mark() const { return pending() - marked_records_ - marked_dead_letters_; }
  // Drops what was added after the mark (all of it when there is none).
  void DropAfterMark();

  // Commits the batch and `cursor` (and the counters) in one transaction, then wakes watchers.
  // On error nothing was committed and the batch is kept (UNAVAILABLE, INTERNAL from the store,
  // FAILED_PRECONDITION when the fence no longer holds the lease).
  absl::StatusOr<ConnectorCounters> Commit(absl::string_view cursor);
  // The latest occur_time among the records committed so far (recorded or already recorded);
  // InfinitePast before any.
  absl::Time newest_record_time() const { return newest_record_time_; }

 private:
  struct SourceDeadLetter {
    std::string reason;
    std::string raw;
  };

  Store& store_;
  const RecordIngester& ingester_;
  InteractionFeed& feed_;
  const std::string connector_;
  const std::optional<LeaseFence> fence_;
  std::vector<std::string> records_;      // As the plugin sent them, for their dead letters.
  std::vector<PreparedRecord> prepared_;  // Of the first records_ (PrepareNext).
  std::vector<SourceDeadLetter> dead_letters_;
  size_t pending_bytes_ = 0;
  std::optional<std::string> mark_;
  size_t marked_records_ = 0;  // records_ and dead_letters_ held at the mark
  size_t marked_dead_letters_ = 0;
  absl::Time newest_record_time_ = absl::InfinitePast();
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CONNECTORS_CHECKPOINT_COMMITTER_H_
