// The two batches of one connector read: the plugin fills one while the one before commits on
// CommitAhead's thread (commit_ahead.h says why). One commit is in flight at a time, in
// checkpoint order, each batch with its cursor in one transaction; a batch is filled again once
// its commit has been settled.
#ifndef CXHUB_SERVER_CONNECTORS_READ_BATCHES_H_
#define CXHUB_SERVER_CONNECTORS_READ_BATCHES_H_

#include <optional>
#include <string>

#include "absl/functional/any_invocable.h"
#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/connectors/checkpoint_committer.h"
#include "server/connectors/commit_ahead.h"
#include "server/connectors/record_ingester.h"
#include "server/core/interaction_feed.h"
#include "server/core/store.h"

namespace cxhub {

// Thread-compatible: used by one thread (the plugin's); the commits run on CommitAhead's.
class ReadBatches {
 public:
  // How a commit ended, once settled.
  struct Settled {
    // False when the host had closed the store: the commit did not run and stored nothing.
    bool store_open = true;
    absl::StatusOr<ConnectorCounters> committed;
    // The batch's CheckpointCommitter::newest_record_time after the commit.
    absl::Time newest_record_time;
  };
  // Runs its argument while the host's store stays open, and returns false without running it
  // once the host has closed the store (ConnectorRunner::WithStore).
  using StoreGuard = absl::AnyInvocable<bool(absl::FunctionRef<void()>)>;

  // Borrows the store, the ingester and the feed.
  ReadBatches(Store& store, const RecordIngester& ingester, InteractionFeed& feed,
              const std::string& connector, const LeaseFence& fence, StoreGuard with_store);
  ReadBatches(const ReadBatches&) = delete;
  ReadBatches& operator=(const ReadBatches&) = delete;

  // Where the plugin's records and dead letters go.
  CheckpointCommitter& filling() { return *filling_; }

  // Waits for the commit under way: how it ended, or nullopt when none is.
  std::optional<Settled> Settle();

  // Hands the filled batch and `cursor` to the commit thread, and fills the other batch from
  // now on. The commit before must have been settled.
  void Commit(absl::string_view cursor);

 private:
  StoreGuard with_store_;
  CheckpointCommitter first_;
  CheckpointCommitter second_;
  CheckpointCommitter* filling_ = &first_;
  CheckpointCommitter* committing_ = nullptr;  // Its commit is under way or not yet settled.
  // Written by the commit's job, read once it has been awaited.
  bool store_open_ = true;
  absl::StatusOr<ConnectorCounters> committed_;
  CommitAhead commit_ahead_;  // Last: destroyed first, as its job borrows the batches.
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CONNECTORS_READ_BATCHES_H_
