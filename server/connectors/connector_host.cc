#include "server/connectors/connector_host.h"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "server/connectors/connector_runner.h"
#include "server/connectors/lease_keeper.h"
#include "server/connectors/plugin_loader.h"
#include "server/connectors/plugin_path.h"
#include "server/core/status_macros.h"
#include "server/core/thread_name.h"

namespace cxhub {
namespace {

ConnectorView MakeView(const ConnectorRunner& runner, RunnerSnapshot snapshot,
                       const std::optional<ConnectorState>& stored) {
  ConnectorView view;
  view.config = runner.config();
  view.plugin_name = std::move(snapshot.plugin_name);
  view.plugin_version = std::move(snapshot.plugin_version);
  view.channels = std::move(snapshot.channels);
  view.status = snapshot.status;
  view.message = std::move(snapshot.message);
  view.next_run_time = snapshot.next_run_time;
  view.consecutive_failures = snapshot.consecutive_failures;
  view.commits = snapshot.commits;
  view.newest_record_time = snapshot.newest_record_time;
  view.last_success_time = snapshot.last_success_time;
  view.last_run_time = snapshot.last_run_time;
  if (stored.has_value()) {
    // The store's is the one that survives a restart; the runner's may be a moment newer.
    view.last_run_time = std::max(view.last_run_time, stored->last_run_time);
    view.cursor_time = stored->cursor_time;
    view.counters = stored->counters;
    view.lease_owner = stored->lease_owner;
    view.lease_expire_time = stored->lease_expire_time;
    if (!snapshot.leased) {
      // Another replica runs it (or nobody yet): its state is what that owner stored.
      view.status = stored->paused ? ConnectorStatus::kPaused : stored->status;
      view.message = stored->last_error;
    }
  }
  return view;
}

}  // namespace

ConnectorHost::ConnectorHost(Store& store, const IdentityNormalizer& normalizer, Clock& clock,
                             InteractionFeed& feed, MergePolicy policy,
                             ConnectorHostOptions options)
    : store_(store),
      clock_(clock),
      options_(std::move(options)),
      ingester_(normalizer, clock, std::move(policy), options_.record_limits, options_.suppression),
      dead_letters_(store, ingester_, feed, this) {
  if (options_.logger == nullptr) {
    options_.logger = std::shared_ptr<const Logger>(&DefaultLogger(), [](const Logger*) {});
  }
  std::vector<ConnectorConfig> configs = options_.connectors;
  std::sort(configs.begin(), configs.end(),
            [](const ConnectorConfig& a, const ConnectorConfig& b) { return a.name < b.name; });
  for (ConnectorConfig& config : configs) {
    if (config.poll_interval <= absl::ZeroDuration()) config.poll_interval = absl::Seconds(30);
    RunnerEnv env;
    env.clock = &clock_;
    env.store = &store_;
    env.ingester = &ingester_;
    env.feed = &feed;
    env.plugin_dirs = options_.plugin_dirs;
    env.initial_backoff = options_.initial_backoff;
    env.max_backoff = options_.max_backoff;
    env.max_uncommitted = std::max<size_t>(options_.max_uncommitted, 1);
    env.defer_limits = options_.defer_limits;
    env.logger = options_.logger;
    env.replica = options_.replica;
    env.before_callback = options_.before_callback;
    runners_.push_back(std::make_shared<ConnectorRunner>(std::move(config), std::move(env)));
  }
}

ConnectorHost::~ConnectorHost() { Shutdown(absl::ZeroDuration()); }

absl::Status ConnectorHost::Start() {
  {
    absl::MutexLock lock(&mu_);
    if (started_ || shut_down_) return absl::FailedPreconditionError("host already started");
    started_ = true;
  }
  std::map<std::string, bool> paused;
  absl::Status status = store_.Read([&](StoreReader& reader) -> absl::Status {
    absl::StatusOr<std::vector<ConnectorState>> states = reader.ListConnectorStates();
    if (!states.ok()) return states.status();
    for (const ConnectorState& state : *states) paused[state.name] = state.paused;
    return absl::OkStatus();
  });
  if (!status.ok()) {
    return absl::Status(status.code(), absl::StrCat("connector host: reading connector states: ",
                                                    status.message()));
  }
  for (const std::shared_ptr<ConnectorRunner>& runner : runners_) {
    auto it = paused.find(runner->config().name);
    runner->Start(it != paused.end() && it->second);
  }
  for (const std::shared_ptr<ConnectorRunner>& runner : runners_) {
    // A failure is retried by the keeper; the instance waits for its lease meanwhile.
    if (absl::Status leased = KeepLease(store_, clock_, options_.lease_duration,
                                        /*reclaim_own=*/true, *runner);
        !leased.ok()) {
      options_.logger->Log(LogLevel::kWarning, "connector_lease_not_taken",
                           {{"connector", runner->config().name}, {"message", leased.message()}});
    }
  }
  watchdog_ = StartNamedThread("cx-watchdog", [this]() { WatchForStalls(); });
  lease_keeper_ = StartNamedThread("cx-leases", [this]() { KeepLeases(); });
  return absl::OkStatus();
}

void ConnectorHost::KeepLeases() {
  const absl::Duration period = std::max(options_.lease_renew_interval, absl::Milliseconds(10));
  // Until a runner has held its lease once in this process, a lease under this replica's name
  // is an earlier process's, taken back at once.
  std::vector<bool> held_once(runners_.size());
  for (size_t i = 0; i < runners_.size(); ++i) held_once[i] = runners_[i]->lease_token() != 0;
  while (true) {
    clock_.SleepUntil(clock_.Now() + period, &lease_wakeup_);
    {
      absl::MutexLock lock(&mu_);
      if (shut_down_) return;
    }
    for (size_t i = 0; i < runners_.size(); ++i) {
      ConnectorRunner& runner = *runners_[i];
      absl::Status status =
          KeepLease(store_, clock_, options_.lease_duration, !held_once[i], runner);
      if (!status.ok()) {
        options_.logger->Log(LogLevel::kWarning, "connector_lease_not_renewed",
                             {{"connector", runner.config().name}, {"message", status.message()}});
      }
      held_once[i] = held_once[i] || runner.lease_token() != 0;
    }
  }
}

void ConnectorHost::Shutdown(absl::Duration grace) {
  {
    absl::MutexLock lock(&mu_);
    if (shut_down_) return;
    shut_down_ = true;
  }
  watchdog_wakeup_.Notify();
  if (watchdog_.joinable()) watchdog_.join();
  lease_wakeup_.Notify();
  if (lease_keeper_.joinable()) lease_keeper_.join();
  for (const std::shared_ptr<ConnectorRunner>& runner : runners_) runner->RequestStop();
  const absl::Time deadline = clock_.Now() + grace;
  for (const std::shared_ptr<ConnectorRunner>& runner : runners_) {
    runner->WaitStopped(deadline);
    if (!runner->CloseAndJoin()) {
      // A plugin cannot be stopped inside cxhubd; the thread no longer touches the store.
      options_.logger->Log(LogLevel::kWarning, "connector_thread_abandoned",
                           {{"connector", runner->config().name},
                            {"plugin", runner->config().plugin},
                            {"reason", "its read is still inside the plugin after the grace"}});
    }
    // Its thread no longer touches the store: another replica may take over at once.
    if (absl::Status released = ReleaseLease(store_, *runner); !released.ok()) {
      options_.logger->Log(LogLevel::kWarning, "connector_lease_not_released",
                           {{"connector", runner->config().name}, {"message", released.message()}});
    }
  }
}

void ConnectorHost::WatchForStalls() {
  const absl::Duration period =
      std::clamp(options_.stall_limit / 4, absl::Milliseconds(10), absl::Seconds(1));
  while (true) {
    clock_.SleepUntil(clock_.Now() + period, &watchdog_wakeup_);
    {
      absl::MutexLock lock(&mu_);
      if (shut_down_) return;
    }
    for (const std::shared_ptr<ConnectorRunner>& runner : runners_) {
      runner->CheckStall(options_.stall_limit);
    }
  }
}

absl::StatusOr<ReparsedSource> ConnectorHost::Reparse(const std::string& connector,
                                                      absl::string_view raw) {
  const auto config =
      std::find_if(options_.connectors.begin(), options_.connectors.end(),
                   [&](const ConnectorConfig& candidate) { return candidate.name == connector; });
  if (config == options_.connectors.end()) {
    return absl::NotFoundError(absl::StrCat("connector \"", connector, "\" is not configured"));
  }
  CXHUB_ASSIGN_OR_RETURN(std::string path, FindPluginFile(options_.plugin_dirs, config->plugin));
  CXHUB_ASSIGN_OR_RETURN(plugins::LoadedPlugin plugin, plugins::LoadPlugin(path));
  CXHUB_ASSIGN_OR_RETURN(plugins::PluginInstance instance, plugin.Open(config->options));
  ReparsedSource reparsed;
  plugins::ReadCallbacks callbacks;
  callbacks.on_record = [&](absl::string_view record) {
    reparsed.records.emplace_back(record);
    return reparsed.records.size() < options_.max_uncommitted;
  };
  callbacks.on_dead_letter = [&](absl::string_view reason, absl::string_view /*raw*/) {
    reparsed.reasons.emplace_back(reason);
    return true;
  };
  CXHUB_RETURN_IF_ERROR(instance.Reparse(raw, callbacks));
  return reparsed;
}

absl::StatusOr<std::shared_ptr<ConnectorRunner>> ConnectorHost::Find(absl::string_view name) {
  for (const std::shared_ptr<ConnectorRunner>& runner : runners_) {
    if (runner->config().name == name) return runner;
  }
  return absl::NotFoundError(absl::StrCat("connector \"", name, "\" is not configured"));
}

absl::StatusOr<ConnectorView> ConnectorHost::ViewOf(ConnectorRunner& runner) {
  RunnerSnapshot snapshot = runner.Snapshot();
  std::optional<ConnectorState> stored;
  absl::Status status = store_.Read([&](StoreReader& reader) -> absl::Status {
    absl::StatusOr<std::optional<ConnectorState>> state =
        reader.GetConnectorState(runner.config().name);
    if (!state.ok()) return state.status();
    stored = *std::move(state);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return MakeView(runner, std::move(snapshot), stored);
}

absl::StatusOr<std::vector<ConnectorView>> ConnectorHost::List() {
  std::vector<RunnerSnapshot> snapshots;
  for (const std::shared_ptr<ConnectorRunner>& runner : runners_) {
    snapshots.push_back(runner->Snapshot());
  }
  std::map<std::string, ConnectorState> stored;
  absl::Status status = store_.Read([&](StoreReader& reader) -> absl::Status {
    absl::StatusOr<std::vector<ConnectorState>> states = reader.ListConnectorStates();
    if (!states.ok()) return states.status();
    for (ConnectorState& state : *states) stored[state.name] = std::move(state);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  std::vector<ConnectorView> views;
  for (size_t i = 0; i < runners_.size(); ++i) {
    auto it = stored.find(runners_[i]->config().name);
    views.push_back(
        MakeView(*runners_[i], std::move(snapshots[i]),
                 it == stored.end() ? std::nullopt : std::optional<ConnectorState>(it->second)));
  }
  return views;
}

absl::StatusOr<ConnectorView> ConnectorHost::Get(absl::string_view name) {
  absl::StatusOr<std::shared_ptr<ConnectorRunner>> runner = Find(name);
  if (!runner.ok()) return runner.status();
  return ViewOf(**runner);
}

absl::StatusOr<ConnectorView> ConnectorHost::RunNow(absl::string_view name) {
  absl::StatusOr<std::shared_ptr<ConnectorRunner>> runner = Find(name);
  if (!runner.ok()) return runner.status();
  if (absl::Status status = (*runner)->RunNow(clock_.Now()); !status.ok()) return status;
  return ViewOf(**runner);
}

absl::StatusOr<ConnectorView> ConnectorHost::Pause(absl::string_view name,
                                                   absl::Duration wait_for_read) {
  absl::StatusOr<std::shared_ptr<ConnectorRunner>> runner = Find(name);
  if (!runner.ok()) return runner.status();
  if (absl::Status paused = (*runner)->Pause(wait_for_read); !paused.ok()) return paused;
  return ViewOf(**runner);
}

absl::StatusOr<ConnectorView> ConnectorHost::Resume(absl::string_view name) {
  absl::StatusOr<std::shared_ptr<ConnectorRunner>> runner = Find(name);
  if (!runner.ok()) return runner.status();
  if (absl::Status resumed = (*runner)->Resume(); !resumed.ok()) return resumed;
  return ViewOf(**runner);
}

}  // namespace cxhub
