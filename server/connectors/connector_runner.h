// One connector instance at run time: its thread, its schedule, its plugin instance and its
// state machine (IDLE -> RUNNING -> IDLE | FAILED (backoff) | PAUSED; RUNNING -> STALLED while
// the plugin makes no callback). Internal to the connector host (connector_host.h).
#ifndef CXHUB_SERVER_CONNECTORS_CONNECTOR_RUNNER_H_
#define CXHUB_SERVER_CONNECTORS_CONNECTOR_RUNNER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "server/connectors/backoff.h"
#include "server/connectors/connector_host.h"
#include "server/connectors/defer_limits.h"
#include "server/connectors/plugin_loader.h"
#include "server/connectors/record_ingester.h"
#include "server/core/clock.h"
#include "server/core/interaction_feed.h"
#include "server/core/logger.h"
#include "server/core/store.h"

namespace cxhub {

// What a runner borrows from the host. The store, ingester and feed are touched only until
// Close() returns; the clock must outlive the runner's thread; the rest is copied.
struct RunnerEnv {
  Clock* clock = nullptr;  // Every time the runner reads or waits for.
  Store* store = nullptr;
  const RecordIngester* ingester = nullptr;
  InteractionFeed* feed = nullptr;
  std::vector<std::string> plugin_dirs;
  absl::Duration initial_backoff;
  absl::Duration max_backoff;
  size_t max_uncommitted = 0;
  DeferLimits defer_limits;
  std::shared_ptr<const Logger> logger;  // Never null.
  std::string replica;  // The lease owner this process writes (ConnectorHostOptions::replica).
  std::function<bool(const std::string& connector)> before_callback;  // ConnectorHostOptions'.
};

// The runtime half of a ConnectorView.
struct RunnerSnapshot {
  std::string plugin_name;
  std::string plugin_version;
  std::vector<std::string> channels;
  ConnectorStatus status = ConnectorStatus::kIdle;
  std::string message;
  absl::Time next_run_time = absl::InfiniteFuture();
  int consecutive_failures = 0;
  // Since the runner started (not persisted): checkpoints committed, the latest occur_time of a
  // committed record, the end of the last read that succeeded.
  int64_t commits = 0;
  absl::Time newest_record_time = absl::InfinitePast();
  absl::Time last_success_time = absl::InfinitePast();
  // The end of the last read, set with the state that follows it, so a view never shows the
  // state after a read without its time (the store's copy is written a moment later).
  absl::Time last_run_time = absl::InfinitePast();
  // Whether this replica holds the instance's lease (only then does it read).
  bool leased = false;
};

// Thread-safe. Always held by a shared_ptr: its thread holds one too, so a thread abandoned
// inside a stalled plugin keeps the runner alive.
class ConnectorRunner : public std::enable_shared_from_this<ConnectorRunner> {
 public:
  ConnectorRunner(ConnectorConfig config, RunnerEnv env);
  ~ConnectorRunner();

  const ConnectorConfig& config() const { return config_; }
  // The lease owner name this runner reads under.
  const std::string& replica() const { return env_.replica; }

  // Starts the thread; the first read is due now unless `paused`, once the runner holds the lease.
  void Start(bool paused);
  // Asks the thread to end: the current read stops at its next callback.
  void RequestStop();
  // Whether the thread has left its loop by `deadline` (of env.clock).
  bool WaitStopped(absl::Time deadline);
  // From now on the runner never touches the store, ingester or feed (waits for a commit in
  // progress). Then joins the thread if it has stopped, or detaches it (returns false).
  bool CloseAndJoin();

  RunnerSnapshot Snapshot();
  // FAILED_PRECONDITION when paused. Stores the request at `request_time` too, so that the
  // lease owner carries it out when it is another replica.
  absl::Status RunNow(absl::Time request_time);
  // Stored as the operator's wish, which the lease owner carries out wherever it runs. A read
  // of this runner in progress stops at its next callback; this waits up to `wait_for_read`
  // for it to end. Both store the wish before acting on it, even when this runner already
  // agrees (it learns of a wish asked on another replica only at its next lease renewal): an
  // error, and no change, when the store cannot take it.
  absl::Status Pause(absl::Duration wait_for_read);
  absl::Status Resume();

  // The lease, as lease_keeper.h finds it in the store. A runner reads only while it holds one;
  // a read in progress stops at its next callback when the lease is lost, and its commits carry
  // the token it began with, so the store refuses them once another replica took over.
  void GainLease(int64_t token, absl::Time run_request_time);
  // `released`: this replica handed the lease back (at shutdown), logged as a release rather
  // than as a loss to another replica, which is a warning.
  void LoseLease(bool released);
  // 0 when the runner holds no lease.
  int64_t lease_token();
  // Counts the pauses and resumes this runner has stored, for ApplyWishes.
  int64_t WishesStored();
  // The operator's wishes from the store (a pause, resume or run asked on any replica), read
  // when WishesStored() was `wishes_stored_before_read`. A pause or resume asked here since
  // then may be newer than the read: `paused` is then left to the next renewal's read.
  void ApplyWishes(bool paused, absl::Time run_request_time, int64_t wishes_stored_before_read);
  // Marks a read STALLED (once per read) when it made no callback for `limit`.
  void CheckStall(absl::Duration limit);

 private:
  void Loop();
  // Waits until a read is due or asked for: true, with the state RUNNING. False when the
  // runner is to stop.
  bool WaitForTurn();
  absl::Status EnsureOpen();
  // One read. `plugin_failed` tells an error of the plugin's own (its read failed, or it
  // emitted too much without a checkpoint) from one of the host's (the store).
  absl::Status ReadOnce(bool& plugin_failed);
  // After the plugin's own error: a fresh instance at once, since the plugin may be in any state,
  // so that what it serves between reads (a webhook endpoint) is back before the retry.
  void ReopenAfterPluginError();
  // Records how the read that began at `started` went, logs its summary line and schedules the
  // next one.
  void Finish(const absl::Status& status, absl::Time started);
  // The one line that ends a read: what it committed, how long it took, how it ended.
  void LogReadSummary(absl::string_view outcome, const std::string& message, absl::Duration took,
                      absl::Duration retry_in);

  // A checkpoint was committed; its records go up to `newest_record_time`.
  void CountCommit(absl::Time newest_record_time);
  bool StopWanted();
  // StopWanted(), once env.before_callback (if any) has had its say on the coming callback.
  bool StopBeforeCallback();
  void Touch();
  // A line with connector=<name> first, then `fields`.
  void Log(LogLevel level, absl::string_view event, absl::Span<const LogField> fields = {});
  // Runs fn unless Close() was called; false if it was.
  bool WithStore(absl::FunctionRef<void()> fn);
  // Stores `update` (time set here); a failure is logged too. CANCELLED once closed.
  absl::Status Persist(ConnectorStateUpdate update);
  // Persist() for a pause or resume (`wish`, for the error), counted so that ApplyWishes does
  // not undo it with what a renewal read before it was stored.
  absl::Status PersistWish(absl::string_view wish, ConnectorStateUpdate update);
  // Stores the status and message as the lease owner of `token` (nothing once it is stale);
  // `ran` sets last_run_time, `count_error` adds an error.
  void PersistStatus(ConnectorStatus status, const std::string& message, bool ran, bool count_error,
                     int64_t token);

  const ConnectorConfig config_;
  const RunnerEnv env_;
  std::thread thread_;

  // Only the runner's thread touches these (one read at a time per instance). The instance
  // stays open across reads and across the host's errors (the store down): a plugin that serves
  // something between reads (the chat webhook) keeps serving while reads fail and back off.
  std::optional<plugins::PluginInstance> instance_;
  Backoff backoff_;
  ConnectorCounters read_counters_;  // What the current read committed so far.

  Wakeup wakeup_;          // Ends the loop's sleep: a stop, a run asked for, a resume.
  Wakeup stopped_wakeup_;  // Ends WaitStopped's sleep.

  bool NotReading() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return !running_; }

  absl::Mutex mu_;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  bool stopped_ ABSL_GUARDED_BY(mu_) = false;
  bool paused_ ABSL_GUARDED_BY(mu_) = false;
  bool run_requested_ ABSL_GUARDED_BY(mu_) = false;
  bool running_ ABSL_GUARDED_BY(mu_) = false;
  bool stall_reported_ ABSL_GUARDED_BY(mu_) = false;
  absl::Time next_run_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  absl::Time last_activity_ ABSL_GUARDED_BY(mu_);
  RunnerSnapshot snapshot_ ABSL_GUARDED_BY(mu_);
  int64_t lease_token_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t read_token_ ABSL_GUARDED_BY(mu_) = 0;  // The lease the current (or last) read began with.
  absl::Time run_request_seen_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  int wishes_being_stored_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t wishes_stored_ ABSL_GUARDED_BY(mu_) = 0;

  absl::Mutex store_mu_;  // Held while the runner uses the store; see WithStore.
  bool closed_ ABSL_GUARDED_BY(store_mu_) = false;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CONNECTORS_CONNECTOR_RUNNER_H_
