#include "server/connectors/read_batches.h"

#include <string>
#include <utility>

namespace cxhub {

ReadBatches::ReadBatches(Store& store, const RecordIngester& ingester, InteractionFeed& feed,
                         const std::string& connector, const LeaseFence& fence,
                         StoreGuard with_store, DeferLimits limits)
    : with_store_(std::move(with_store)),
      limits_(limits),
      first_(store, ingester, feed, connector, fence),
      second_(store, ingester, feed, connector, fence) {}

std::optional<ReadBatches::Settled> ReadBatches::Settle() {
  if (committing_ == nullptr) return std::nullopt;
  // A commit still running here bounds the read: this thread, which would only wait, prepares
  // the next batch's records meanwhile. A read whose commits keep up (mail: GMime's parse is its
  // bound) leaves that work to the commit thread.
  PrepareWhileCommitRuns();
  store_was_slower_ = commit_ahead_.Busy();
  commit_ahead_.Await();
  if (commit_items_ > 0) commit_time_per_item_ = commit_time_ / commit_items_;
  failed_ = failed_ || !store_open_ || !committed_.ok();
  const CheckpointCommitter& done = *std::exchange(committing_, nullptr);
  return Settled{store_open_, committed_, done.newest_record_time()};
}

void ReadBatches::Commit(absl::string_view cursor) {
  committing_ = std::exchange(filling_, filling_ == &first_ ? &second_ : &first_);
  commit_ahead_.Start([this, batch = committing_, next_cursor = std::string(cursor)] {
    // Steady time, not the runner's clock (a test's may stand still): this paces the batches.
    const absl::Time start = absl::Now();
    commit_items_ = batch->pending();
    store_open_ = with_store_([&] { committed_ = batch->Commit(next_cursor); });
    commit_time_ = absl::Now() - start;
  });
}

bool ReadBatches::Defer(absl::string_view cursor) {
  if (failed_ || committing_ == nullptr || filling_->pending_bytes() >= limits_.max_bytes ||
      !commit_time_per_item_.has_value() ||
      *commit_time_per_item_ * static_cast<double>(filling_->pending()) >= limits_.max_commit ||
      !commit_ahead_.Busy()) {
    return false;
  }
  filling_->MarkCheckpoint(cursor);
  // Ahead of the store for now. Where the store is the slower side, this thread would wait for
  // it later anyway, so it prepares what it read meanwhile; where the plugin is (the last settled
  // commit had ended before it was needed), it reads on and leaves that to the commit thread.
  if (store_was_slower_) PrepareWhileCommitRuns();
  return true;
}

void ReadBatches::PrepareWhileCommitRuns() {
  while (commit_ahead_.Busy() && filling_->PrepareNext()) {
  }
}

bool ReadBatches::CommitDeferred() {
  if (failed_ || committing_ != nullptr || !filling_->marked_cursor().has_value()) return false;
  const std::string cursor = *filling_->marked_cursor();
  filling_->DropAfterMark();
  Commit(cursor);
  return true;
}

}  // namespace cxhub
