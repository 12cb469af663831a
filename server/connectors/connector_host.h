// The connector host: runs the connector instances named in the server config and ingests what
// their plugins read, exactly once (see checkpoint_committer.h).
//
//   ConnectorHost host(store, normalizer, SystemClock(), feed, ConflictPolicy::kMerge, options);
//   host.Start();                 // one thread per instance, each on its own schedule (and,
//                                 // while it reads, one committing its batches: commit_ahead.h)
//   host.RunNow("support-mail");  // Pause / Resume / List / Get, and dead_letters()
//   host.Shutdown(absl::Seconds(10));
//
// Plugins are loaded only from options.plugin_dirs (a plugin is a file name, never a path). A
// plugin the loader refuses (wrong ABI version, missing entry symbol, incomplete table) or whose
// open fails marks its instance FAILED with a message naming the file and the reason; a read that
// returns an error does the same. A failed instance is retried with exponential backoff (capped);
// the others go on. A read that makes no callback for `stall_limit` is marked STALLED: the host
// cannot kill code running in its own process, so the thread stays with the plugin until it
// returns (the instance then goes on as usual); at shutdown such a thread is abandoned (detached)
// after the grace period, which is safe because it never touches the store again.
//
// Thread safety: every method may be called from any thread once Start() has returned.
#ifndef CXHUB_SERVER_CONNECTORS_CONNECTOR_HOST_H_
#define CXHUB_SERVER_CONNECTORS_CONNECTOR_HOST_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/connectors/dead_letter_queue.h"
#include "server/connectors/defer_limits.h"
#include "server/connectors/record_ingester.h"
#include "server/core/clock.h"
#include "server/core/identity_normalizer.h"
#include "server/core/interaction_feed.h"
#include "server/core/logger.h"
#include "server/core/merge_policy.h"
#include "server/core/model.h"
#include "server/core/record_limits.h"
#include "server/core/store.h"
#include "server/core/suppression_list.h"

namespace cxhub {

class ConnectorRunner;

// One configured instance (config.proto ConnectorInstance).
struct ConnectorConfig {
  std::string name;     // Unique; the source of the interactions it ingests.
  std::string plugin;   // A file name inside one of the plugin_dirs.
  std::string options;  // Handed to the plugin's open as they are.
  absl::Duration poll_interval = absl::Seconds(30);
};

struct ConnectorHostOptions {
  std::vector<std::string> plugin_dirs;
  std::vector<ConnectorConfig> connectors;
  // A read with no callback for this long is STALLED.
  absl::Duration stall_limit = absl::Minutes(5);
  // Delay after the first consecutive failure, doubled up to max_backoff.
  absl::Duration initial_backoff = absl::Seconds(1);
  absl::Duration max_backoff = absl::Minutes(5);
  // A plugin that emits more than this without a checkpoint fails its read.
  size_t max_uncommitted = 100000;
  // How far a read's batch grows past checkpoints deferred while the commit before runs.
  DeferLimits defer_limits;
  // What an ingested interaction must respect: the server config's limits, as for the API.
  RecordLimits record_limits;
  // Records naming an erased identity are counted (ConnectorCounters::suppressed) and dropped.
  // Null: none; borrowed, must outlive the host.
  const SuppressionList* suppression = nullptr;
  // This replica's name, the owner written in the connector leases (lease_keeper.h): unique
  // among the replicas sharing the database, and the same across restarts of one replica, which
  // then takes its own leases back at once instead of waiting for them to expire.
  std::string replica = "local";
  // How long a lease lasts unless renewed, and how often the host renews its leases, takes over
  // expired ones and picks up pauses, resumes and runs asked on other replicas.
  absl::Duration lease_duration = absl::Seconds(15);
  absl::Duration lease_renew_interval = absl::Seconds(5);
  // Where the host and its plugins log (every line carries connector=<instance name>); kept
  // alive by any thread still reading. Default: DefaultLogger().
  std::shared_ptr<const Logger> logger;
  // Tests only: asked before the host takes each record, dead letter or checkpoint of a read of
  // `connector`; false stops that instance there, as a shutdown does. Called on its thread.
  std::function<bool(const std::string& connector)> before_callback;
};

// What an operator sees of one instance: the runtime state merged with the stored row.
struct ConnectorView {
  ConnectorConfig config;
  // From the plugin's table; empty until the plugin has loaded once.
  std::string plugin_name;
  std::string plugin_version;
  std::vector<std::string> channels;
  ConnectorStatus status = ConnectorStatus::kIdle;
  std::string message;  // Why it is FAILED or STALLED; empty otherwise.
  absl::Time last_run_time = absl::InfinitePast();
  absl::Time cursor_time = absl::InfinitePast();  // When the cursor was last committed.
  ConnectorCounters counters;
  absl::Time next_run_time = absl::InfiniteFuture();  // InfiniteFuture while paused.
  int consecutive_failures = 0;
  // Since the server started: checkpoints committed, the latest occur_time of a committed
  // record and the end of the last successful read (InfinitePast: none yet).
  int64_t commits = 0;
  absl::Time newest_record_time = absl::InfinitePast();
  absl::Time last_success_time = absl::InfinitePast();
  // The replica that holds the lease (empty: none) and until when.
  std::string lease_owner;
  absl::Time lease_expire_time = absl::InfinitePast();
};

class ConnectorHost : public SourceReparser {
 public:
  // Borrows everything; all of it must outlive the host. Every schedule, backoff, stall and
  // shutdown grace is measured on `clock`, and every wait goes through it.
  ConnectorHost(Store& store, const IdentityNormalizer& normalizer, Clock& clock,
                InteractionFeed& feed, MergePolicy policy, ConnectorHostOptions options);
  ConnectorHost(const ConnectorHost&) = delete;
  ConnectorHost& operator=(const ConnectorHost&) = delete;
  // Shuts down with no grace if Shutdown was not called.
  ~ConnectorHost();

  // Reads the stored states (a paused instance stays paused), starts every instance and takes
  // the leases it can (an instance whose lease another replica holds waits for it to expire).
  // UNAVAILABLE if the store cannot be read; instances whose plugin is refused do not make it
  // fail (they are FAILED, see above).
  absl::Status Start();
  // Asks every running read to stop (through the callbacks' return value), waits up to `grace`
  // for them and joins the threads; a read still inside its plugin is abandoned (logged).
  // Idempotent.
  void Shutdown(absl::Duration grace);

  // Instances in name order. UNAVAILABLE if the store cannot be read.
  absl::StatusOr<std::vector<ConnectorView>> List();
  // NOT_FOUND "connector \"x\" is not configured".
  absl::StatusOr<ConnectorView> Get(absl::string_view name);
  // Starts a read now (after the current one if it is reading). FAILED_PRECONDITION if paused.
  absl::StatusOr<ConnectorView> RunNow(absl::string_view name);
  // Stops scheduling the instance; a running read stops at its next callback (what it emitted
  // after its last checkpoint is read again on resume). Persisted across restarts.
  // Waits up to `wait_for_read` for a read in progress to stop (at its next record), so that the
  // view returned says PAUSED; a plugin stuck inside a call cannot be stopped, and its view still
  // says RUNNING or STALLED after the wait. Pause and Resume are stored first: when the store
  // cannot take one, its error is returned and nothing changed.
  absl::StatusOr<ConnectorView> Pause(absl::string_view name,
                                      absl::Duration wait_for_read = absl::Seconds(5));
  // Schedules a paused instance again, with a read right away. Stored even when this replica
  // sees it running: it may have been paused on another replica that this one has not yet
  // heard of (it reads the wishes at each lease renewal).
  absl::StatusOr<ConnectorView> Resume(absl::string_view name);

  DeadLetterQueue& dead_letters() { return dead_letters_; }
  // SourceReparser, for dead_letters(): opens a fresh instance of the connector's plugin as the
  // plugin file is now (an upgraded plugin included) and hands it `raw`.
  absl::StatusOr<ReparsedSource> Reparse(const std::string& connector,
                                         absl::string_view raw) override;
  // The clock the views' times are on.
  Clock& clock() { return clock_; }

 private:
  absl::StatusOr<std::shared_ptr<ConnectorRunner>> Find(absl::string_view name);
  absl::StatusOr<ConnectorView> ViewOf(ConnectorRunner& runner);
  void WatchForStalls();
  // Renews and takes over leases every lease_renew_interval until shutdown.
  void KeepLeases();

  Store& store_;
  Clock& clock_;
  ConnectorHostOptions options_;
  RecordIngester ingester_;
  DeadLetterQueue dead_letters_;
  std::vector<std::shared_ptr<ConnectorRunner>> runners_;  // In name order.

  Wakeup watchdog_wakeup_;  // Ends the stall watchdog's sleep at shutdown.
  absl::Mutex mu_;
  bool started_ ABSL_GUARDED_BY(mu_) = false;
  bool shut_down_ ABSL_GUARDED_BY(mu_) = false;
  std::thread watchdog_;
  Wakeup lease_wakeup_;  // Ends the lease keeper's sleep at shutdown.
  std::thread lease_keeper_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CONNECTORS_CONNECTOR_HOST_H_
