// The two batches of one connector read: the plugin fills one while the one before commits on
// CommitAhead's thread (commit_ahead.h says why). One commit is in flight at a time, in
// checkpoint order, each batch with its cursor in one transaction; a batch is filled again once
// its commit has been settled.
//
// A checkpoint the plugin reaches while the commit before is still running is deferred: the
// batch goes on filling and is committed at a later checkpoint, under that checkpoint's cursor
// (or, at the end of a read, cut back to the deferred one: CommitDeferred). So commits grow
// while the store is the slower side, and a page that many records touch (an index's, an
// aggregate's) is written to the log once per commit rather than once per checkpoint: a 1 GB
// mbox read with checkpoint_every=1000 wrote 200 MB/s to disk for 23 MB/s of mail.
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
#include "server/connectors/defer_limits.h"
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
              const std::string& connector, const LeaseFence& fence, StoreGuard with_store,
              DeferLimits limits = DeferLimits());
  ReadBatches(const ReadBatches&) = delete;
  ReadBatches& operator=(const ReadBatches&) = delete;

  // Where the plugin's records and dead letters go.
  CheckpointCommitter& filling() { return *filling_; }

  // Waits for the commit under way: how it ended, or nullopt when none is. While it waits, it
  // prepares the filling batch's records (CheckpointCommitter::PrepareNext).
  std::optional<Settled> Settle();

  // Hands the filled batch and `cursor` to the commit thread, and fills the other batch from
  // now on. The commit before must have been settled.
  void Commit(absl::string_view cursor);

  // At a plugin's checkpoint: while the commit before is still running and the batch is within
  // the DeferLimits (the commit time at the pace of the last settled commit), notes `cursor` on the
  // batch, which goes on filling, and returns true; when the last Settle had to wait for its
  // commit, it also prepares the batch's records while that commit runs (as Settle does). Otherwise
  // returns false and notes nothing: the caller settles and commits.
  bool Defer(absl::string_view cursor);
  // At the end of a read, once the last commit has been settled: commits the batch up to its
  // last deferred checkpoint, with that checkpoint's cursor (what the plugin emitted after it is
  // dropped, as after any last checkpoint). False when no checkpoint is deferred, or when a
  // commit of this read failed or did not run: the deferred records follow the failed ones, so
  // committing them would move the cursor past records never stored.
  bool CommitDeferred();

 private:
  // Prepares the filling batch's records (CheckpointCommitter::PrepareNext) while the commit under
  // way runs: work that commit's successor would otherwise do on the commit thread.
  void PrepareWhileCommitRuns();

  StoreGuard with_store_;
  const DeferLimits limits_;
  CheckpointCommitter first_;
  CheckpointCommitter second_;
  CheckpointCommitter* filling_ = &first_;
  CheckpointCommitter* committing_ = nullptr;  // Its commit is under way or not yet settled.
  // Written by the commit's job, read once it has been awaited.
  bool store_open_ = true;
  absl::StatusOr<ConnectorCounters> committed_;
  absl::Duration commit_time_;  // of the records and dead letters below
  size_t commit_items_ = 0;

  // Settle's findings, for Defer and CommitDeferred.
  // A settled commit failed or did not run (the store closed): nothing is deferred or committed
  // after it.
  bool failed_ = false;
  // The last Settle waited for its commit (after preparing what it could): the store was the
  // slower side then.
  bool store_was_slower_ = false;
  // The pace of the last commit settled with items in it; none before (no deferral then).
  std::optional<absl::Duration> commit_time_per_item_;

  CommitAhead commit_ahead_;  // Last: destroyed first, as its job borrows the batches.
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CONNECTORS_READ_BATCHES_H_
