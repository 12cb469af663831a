// One WatchInteractions stream on gRPC's callback API: no thread is held while it waits. It
// checks the request, takes a place under load_limits.max_watch_streams, finds its start (the
// latest committed interaction, or the request's start_after), sends the initial metadata (the
// watch is in place), then waits in InteractionWatchers and writes what it is handed, one message
// at a time.
//
// It ends OK when the client cancels or goes away, UNAVAILABLE when the server shuts down, and
// with the store's error when a read fails: as the synchronous handler did.
#ifndef CXHUB_SERVER_API_WATCH_INTERACTIONS_REACTOR_H_
#define CXHUB_SERVER_API_WATCH_INTERACTIONS_REACTOR_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "grpcpp/support/server_callback.h"
#include "server/api/request_limits.h"
#include "server/core/concurrency_limit.h"
#include "server/core/interaction_log.h"
#include "server/core/interaction_watchers.h"

namespace cxhub {

// Deletes itself when gRPC is done with the call (OnDone). Borrows everything it is given.
class WatchInteractionsReactor final : public grpc::ServerWriteReactor<v1::Interaction>,
                                       public InteractionWatcher {
 public:
  WatchInteractionsReactor(const v1::WatchInteractionsRequest& request, InteractionLog& log,
                           InteractionWatchers& watchers, ConcurrencyLimit& streams,
                           const RequestLimits& limits);

  // The message every stream sends for `interaction`: InteractionWatchers' encoder, so that a
  // commit fanned out to many streams is converted once.
  static std::shared_ptr<const EncodedInteraction> Encode(const Interaction& interaction);

  // InteractionWatcher.
  void OnInteractions(std::vector<SharedInteraction> interactions) override;
  void OnEnd(const absl::Status& status) override;

  // grpc::ServerWriteReactor.
  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  // The watch in place, or why not.
  absl::Status Begin(const v1::WatchInteractionsRequest& request, ConcurrencyLimit& streams,
                     const RequestLimits& limits);
  void WriteFront() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Finishes now, or once the write in flight is done (one operation of each kind at a time).
  void FinishWhenIdle(const grpc::Status& status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  InteractionLog& log_;
  InteractionWatchers& watchers_;
  std::optional<ConcurrencyLimit::Slot> slot_;  // Held until gRPC is done with the call.
  std::optional<WatchStreamCount> open_stream_;
  CustomerId customer_ = 0;  // Resolved through merges; 0: every customer.

  // Kept small: a server holds one per open stream (10,000 streams are 10,000 of these), so
  // nothing is allocated for a stream that waits.
  absl::Mutex mu_;
  InteractionId last_ ABSL_GUARDED_BY(mu_) = 0;  // The last interaction sent (or the start).
  // What InteractionWatchers handed over; pending_[next_] is being written. Released once all
  // are sent.
  std::vector<SharedInteraction> pending_ ABSL_GUARDED_BY(mu_);
  size_t next_ ABSL_GUARDED_BY(mu_) = 0;
  // The message being written when it came without one (InteractionWatchers with no encoder).
  std::unique_ptr<v1::Interaction> message_ ABSL_GUARDED_BY(mu_);
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  std::optional<grpc::Status> finish_after_write_ ABSL_GUARDED_BY(mu_);
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_WATCH_INTERACTIONS_REACTOR_H_
