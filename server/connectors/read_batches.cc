#include "server/connectors/read_batches.h"

#include <utility>

namespace cxhub {

ReadBatches::ReadBatches(Store& store, const RecordIngester& ingester, InteractionFeed& feed,
                         const std::string& connector, const LeaseFence& fence,
                         StoreGuard with_store)
    : with_store_(std::move(with_store)),
      first_(store, ingester, feed, connector, fence),
      second_(store, ingester, feed, connector, fence) {}

std::optional<ReadBatches::Settled> ReadBatches::Settle() {
  if (committing_ == nullptr) return std::nullopt;
  commit_ahead_.Await();
  const CheckpointCommitter& done = *std::exchange(committing_, nullptr);
  return Settled{store_open_, committed_, done.newest_record_time()};
}

void ReadBatches::Commit(absl::string_view cursor) {
  committing_ = std::exchange(filling_, filling_ == &first_ ? &second_ : &first_);
  commit_ahead_.Start([this, batch = committing_, next_cursor = std::string(cursor)] {
    store_open_ = with_store_([&] { committed_ = batch->Commit(next_cursor); });
  });
}

}  // namespace cxhub
