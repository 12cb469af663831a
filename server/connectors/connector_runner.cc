#include "server/connectors/connector_runner.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/connectors/plugin_path.h"
#include "server/connectors/read_batches.h"
#include "server/core/status_macros.h"
#include "server/core/thread_name.h"

namespace cxhub {
namespace {

LogLevel ToLogLevel(plugins::PluginLogLevel level) {
  switch (level) {
    case plugins::PluginLogLevel::kDebug:
      return LogLevel::kDebug;
    case plugins::PluginLogLevel::kInfo:
      return LogLevel::kInfo;
    case plugins::PluginLogLevel::kWarning:
      return LogLevel::kWarning;
    case plugins::PluginLogLevel::kError:
      return LogLevel::kError;
  }
  return LogLevel::kInfo;
}

}  // namespace

ConnectorRunner::ConnectorRunner(ConnectorConfig config, RunnerEnv env)
    : config_(std::move(config)),
      env_(std::move(env)),
      backoff_(env_.initial_backoff, env_.max_backoff) {}

ConnectorRunner::~ConnectorRunner() {
  // Only reached once the thread has ended (it holds a reference) or was never started.
  if (thread_.joinable()) thread_.detach();
}

void ConnectorRunner::Start(bool paused) {
  {
    absl::MutexLock lock(&mu_);
    paused_ = paused;
    snapshot_.status = paused ? ConnectorStatus::kPaused : ConnectorStatus::kIdle;
    next_run_ = env_.clock->Now();
  }
  std::shared_ptr<ConnectorRunner> self = shared_from_this();
  thread_ = StartNamedThread(absl::StrCat("cx-read:", config_.name), [self]() { self->Loop(); });
}

void ConnectorRunner::RequestStop() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  wakeup_.Notify();
}

bool ConnectorRunner::WaitStopped(absl::Time deadline) {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      if (stopped_ || env_.clock->Now() >= deadline) return stopped_;
    }
    env_.clock->SleepUntil(deadline, &stopped_wakeup_);
  }
}

bool ConnectorRunner::CloseAndJoin() {
  {
    absl::MutexLock lock(&store_mu_);
    closed_ = true;
  }
  bool stopped;
  {
    absl::MutexLock lock(&mu_);
    stopped = stopped_;
  }
  if (!thread_.joinable()) return true;
  if (stopped) {
    thread_.join();
    return true;
  }
  thread_.detach();
  return false;
}

RunnerSnapshot ConnectorRunner::Snapshot() {
  absl::MutexLock lock(&mu_);
  RunnerSnapshot snapshot = snapshot_;
  snapshot.next_run_time = paused_ ? absl::InfiniteFuture() : next_run_;
  return snapshot;
}

absl::Status ConnectorRunner::RunNow(absl::Time request_time) {
  {
    absl::MutexLock lock(&mu_);
    if (paused_) {
      return absl::FailedPreconditionError(
          absl::StrCat("connector \"", config_.name, "\" is paused; resume it first"));
    }
    run_requested_ = true;
    run_request_seen_ = std::max(run_request_seen_, request_time);
  }
  wakeup_.Notify();
  ConnectorStateUpdate update;
  update.run_request_time = request_time;
  // Logged when it fails: this replica's own read, asked above, does not need it.
  Persist(update).IgnoreError();
  return absl::OkStatus();
}

absl::Status ConnectorRunner::Pause(absl::Duration wait_for_read) {
  ConnectorStateUpdate update;
  update.status = ConnectorStatus::kPaused;
  update.last_error = std::string();
  update.paused = true;
  CXHUB_RETURN_IF_ERROR(PersistWish("pause", std::move(update)));
  {
    absl::MutexLock lock(&mu_);
    paused_ = true;
    // A running read notices at its next callback and Finish() records PAUSED.
    if (!running_) snapshot_.status = ConnectorStatus::kPaused;
  }
  Log(LogLevel::kInfo, "connector_paused");
  // So that the caller's view says PAUSED rather than a read winding down.
  absl::MutexLock lock(&mu_);
  mu_.AwaitWithTimeout(absl::Condition(this, &ConnectorRunner::NotReading), wait_for_read);
  return absl::OkStatus();
}

absl::Status ConnectorRunner::Resume() {
  ConnectorStateUpdate update;
  {
    absl::MutexLock lock(&mu_);
    update.status =
        snapshot_.status == ConnectorStatus::kPaused ? ConnectorStatus::kIdle : snapshot_.status;
  }
  update.last_error = std::string();
  update.paused = false;
  CXHUB_RETURN_IF_ERROR(PersistWish("resume", std::move(update)));
  {
    absl::MutexLock lock(&mu_);
    if (paused_) {
      paused_ = false;
      run_requested_ = true;
      if (!running_) snapshot_.status = ConnectorStatus::kIdle;
    }
  }
  wakeup_.Notify();
  Log(LogLevel::kInfo, "connector_resumed");
  return absl::OkStatus();
}

void ConnectorRunner::GainLease(int64_t token, absl::Time run_request_time) {
  {
    absl::MutexLock lock(&mu_);
    lease_token_ = token;
    snapshot_.leased = true;
    // Requests made before the takeover are served by the read that follows it, due now.
    run_request_seen_ = std::max(run_request_seen_, run_request_time);
    next_run_ = env_.clock->Now();
    if (!running_) snapshot_.status = paused_ ? ConnectorStatus::kPaused : ConnectorStatus::kIdle;
  }
  wakeup_.Notify();
  Log(LogLevel::kInfo, "connector_lease_taken",
      {{"replica", env_.replica}, {"lease_token", token}});
}

void ConnectorRunner::LoseLease(bool released) {
  int64_t token;
  {
    absl::MutexLock lock(&mu_);
    if (lease_token_ == 0) return;
    token = lease_token_;
    lease_token_ = 0;
    snapshot_.leased = false;
  }
  wakeup_.Notify();
  Log(released ? LogLevel::kInfo : LogLevel::kWarning,
      released ? "connector_lease_released" : "connector_lease_lost",
      {{"replica", env_.replica}, {"lease_token", token}});
}

int64_t ConnectorRunner::lease_token() {
  absl::MutexLock lock(&mu_);
  return lease_token_;
}

int64_t ConnectorRunner::WishesStored() {
  absl::MutexLock lock(&mu_);
  return wishes_stored_;
}

void ConnectorRunner::ApplyWishes(bool paused, absl::Time run_request_time,
                                  int64_t wishes_stored_before_read) {
  {
    absl::MutexLock lock(&mu_);
    const bool read_is_newest =
        wishes_being_stored_ == 0 && wishes_stored_ == wishes_stored_before_read;
    if (read_is_newest && paused && !paused_) {
      paused_ = true;
      if (!running_) snapshot_.status = ConnectorStatus::kPaused;
    } else if (read_is_newest && !paused && paused_) {
      paused_ = false;
      run_requested_ = true;
      if (!running_) snapshot_.status = ConnectorStatus::kIdle;
    }
    if (run_request_time > run_request_seen_) {
      run_request_seen_ = run_request_time;
      if (!paused_) run_requested_ = true;
    }
  }
  wakeup_.Notify();
}

void ConnectorRunner::CheckStall(absl::Duration limit) {
  std::string message;
  int64_t token;
  {
    absl::MutexLock lock(&mu_);
    const absl::Duration quiet = env_.clock->Now() - last_activity_;
    if (!running_ || stall_reported_ || quiet <= limit) return;
    token = read_token_;
    stall_reported_ = true;
    snapshot_.status = ConnectorStatus::kStalled;
    snapshot_.message = absl::StrCat(
        "plugin ", config_.plugin, ": read made no progress for ", absl::FormatDuration(quiet),
        " (limit ", absl::FormatDuration(limit),
        "); a plugin cannot be stopped inside cxhubd, so its thread waits for it to return");
    message = snapshot_.message;
  }
  PersistStatus(ConnectorStatus::kStalled, message, /*ran=*/false, true, token);
  Log(LogLevel::kWarning, "connector_stalled", {{"message", message}});
}

void ConnectorRunner::Loop() {
  while (WaitForTurn()) {
    const absl::Time started = env_.clock->Now();
    read_counters_ = ConnectorCounters();
    bool plugin_failed = false;
    const absl::Status status = [&]() {
      absl::Status opened = EnsureOpen();
      return opened.ok() ? ReadOnce(plugin_failed) : opened;
    }();
    Finish(status, started);
    if (plugin_failed) ReopenAfterPluginError();
  }
}

void ConnectorRunner::ReopenAfterPluginError() {
  instance_.reset();
  if (StopWanted()) return;
  // An error here is reported by the next read, which tries again.
  EnsureOpen().IgnoreError();
}

bool ConnectorRunner::WaitForTurn() {
  while (true) {
    absl::Time due;
    {
      absl::MutexLock lock(&mu_);
      if (stop_) {
        stopped_ = true;
        stopped_wakeup_.Notify();
        return false;
      }
      const absl::Time now = env_.clock->Now();
      const bool leased = lease_token_ != 0;
      if (leased && (run_requested_ || (!paused_ && now >= next_run_))) {
        run_requested_ = false;
        running_ = true;
        read_token_ = lease_token_;
        stall_reported_ = false;
        last_activity_ = now;
        snapshot_.status = ConnectorStatus::kRunning;
        return true;
      }
      due = paused_ || !leased ? absl::InfiniteFuture() : next_run_;
    }
    env_.clock->SleepUntil(due, &wakeup_);
  }
}

absl::Status ConnectorRunner::EnsureOpen() {
  if (instance_.has_value()) return absl::OkStatus();
  absl::StatusOr<std::string> path = FindPluginFile(env_.plugin_dirs, config_.plugin);
  if (!path.ok()) return path.status();
  absl::StatusOr<plugins::LoadedPlugin> plugin = plugins::LoadPlugin(*path);
  if (!plugin.ok()) return plugin.status();
  {
    absl::MutexLock lock(&mu_);
    const plugins::PluginInfo& info = plugin->info();
    snapshot_.plugin_name = info.name;
    snapshot_.plugin_version = info.version;
    snapshot_.channels = info.channels;
  }
  absl::StatusOr<plugins::PluginInstance> instance =
      plugin->Open(config_.options, [this](plugins::PluginLogLevel level, absl::string_view line) {
        Log(ToLogLevel(level), "plugin_log", {{"message", line}});
      });
  if (!instance.ok()) return instance.status();
  instance_.emplace(*std::move(instance));
  return absl::OkStatus();
}

absl::Status ConnectorRunner::ReadOnce(bool& plugin_failed) {
  std::string cursor;
  absl::Status loaded;
  const bool open = WithStore([&]() {
    loaded = env_.store->Read([&](StoreReader& reader) -> absl::Status {
      absl::StatusOr<std::optional<ConnectorState>> state = reader.GetConnectorState(config_.name);
      if (!state.ok()) return state.status();
      if (state->has_value()) cursor = (*state)->cursor;
      return absl::OkStatus();
    });
  });
  if (!open) return absl::CancelledError("the host is shutting down");
  if (!loaded.ok()) {
    return absl::Status(loaded.code(), absl::StrCat("reading the cursor: ", loaded.message()));
  }

  int64_t token;
  {
    absl::MutexLock lock(&mu_);
    token = read_token_;
  }
  ReadBatches batches(
      *env_.store, *env_.ingester, *env_.feed, config_.name, LeaseFence{env_.replica, token},
      [this](absl::FunctionRef<void()> fn) { return WithStore(fn); }, env_.defer_limits);
  absl::Status failure;  // Why a callback asked the plugin to stop, when it was an error.
  // Settles the commit under way, if any, and counts it; false when it failed (in `failure`)
  // or the host closed the store.
  const auto settle = [&]() {
    const std::optional<ReadBatches::Settled> settled = batches.Settle();
    if (!settled.has_value()) return true;
    Touch();
    if (!settled->store_open) return false;
    if (!settled->committed.ok()) {
      failure = settled->committed.status();
      return false;
    }
    read_counters_.records_in += settled->committed->records_in;
    read_counters_.dead_lettered += settled->committed->dead_lettered;
    read_counters_.skipped += settled->committed->skipped;
    read_counters_.suppressed += settled->committed->suppressed;
    CountCommit(settled->newest_record_time);
    return true;
  };
  const auto take = [&]() {
    Touch();
    if (StopBeforeCallback()) return false;
    if (batches.filling().pending_after_mark() >= env_.max_uncommitted) {
      failure = absl::ResourceExhaustedError(
          absl::StrCat("plugin ", config_.plugin, " emitted more than ", env_.max_uncommitted,
                       " records and dead letters without a checkpoint"));
      return false;
    }
    return true;
  };
  plugins::ReadCallbacks callbacks;
  callbacks.on_record = [&](absl::string_view record) {
    if (!take()) return false;
    batches.filling().AddRecord(record);
    return true;
  };
  callbacks.on_dead_letter = [&](absl::string_view reason, absl::string_view raw) {
    if (!take()) return false;
    batches.filling().AddDeadLetter(reason, raw);
    return true;
  };
  callbacks.on_checkpoint = [&](absl::string_view next_cursor) {
    Touch();
    if (StopBeforeCallback()) return false;
    if (batches.Defer(next_cursor)) return !StopWanted();
    if (!settle()) return false;
    batches.Commit(next_cursor);
    return !StopWanted();
  };
  callbacks.on_log = [&](plugins::PluginLogLevel level, absl::string_view line) {
    Touch();
    Log(ToLogLevel(level), "plugin_log", {{"message", line}});
  };
  absl::Status status = instance_->Read(cursor, callbacks);
  // A checkpoint deferred while the last commit ran is committed now, unless a commit of this
  // read failed (ReadBatches refuses then) or the read is being stopped: then the next read
  // emits it again, and a stop waits for one commit at most.
  settle();
  if (!StopWanted() && batches.CommitDeferred()) settle();
  batches.filling().Discard();  // Emitted after the last checkpoint: read again next time.
  if (!failure.ok()) {
    plugin_failed = absl::IsResourceExhausted(failure);
    return failure;
  }
  plugin_failed = !status.ok() && !(absl::IsCancelled(status) && StopWanted());
  return status;
}

void ConnectorRunner::Finish(const absl::Status& status, absl::Time started) {
  ConnectorStatus stored;
  absl::string_view outcome = "ok";
  std::string message;
  bool failed = false;
  absl::Duration delay;
  int64_t token;
  bool lease_lost;
  {
    absl::MutexLock lock(&mu_);
    running_ = false;
    snapshot_.last_run_time = env_.clock->Now();
    token = read_token_;
    // A read whose lease was lost ends however it ends (its commits refused): not a failure.
    lease_lost = lease_token_ != read_token_;
    const bool asked_to_stop = stop_ || paused_;
    if (status.ok() || lease_lost || (absl::IsCancelled(status) && asked_to_stop)) {
      if (!status.ok()) outcome = lease_lost ? "lease_lost" : "stopped";
      backoff_.Reset();
      if (status.ok()) snapshot_.last_success_time = env_.clock->Now();
      snapshot_.consecutive_failures = 0;
      snapshot_.message.clear();
      snapshot_.status = paused_ ? ConnectorStatus::kPaused : ConnectorStatus::kIdle;
      next_run_ = env_.clock->Now() + config_.poll_interval;
    } else {
      failed = true;
      outcome = "error";
      delay = backoff_.Next();
      snapshot_.consecutive_failures = backoff_.failures();
      snapshot_.message = std::string(status.message());
      snapshot_.status = paused_ ? ConnectorStatus::kPaused : ConnectorStatus::kFailed;
      next_run_ = env_.clock->Now() + delay;
    }
    stored = snapshot_.status;
    message = snapshot_.message;
  }
  LogReadSummary(outcome, message, env_.clock->Now() - started, delay);
  // The new owner's state is not this replica's to write.
  if (!lease_lost) PersistStatus(stored, message, /*ran=*/true, failed, token);
}

void ConnectorRunner::LogReadSummary(absl::string_view outcome, const std::string& message,
                                     absl::Duration took, absl::Duration retry_in) {
  std::vector<LogField> fields = {{"records", read_counters_.records_in},
                                  {"dead_letters", read_counters_.dead_lettered},
                                  {"skipped", read_counters_.skipped},
                                  {"duration_ms", absl::ToInt64Milliseconds(took)},
                                  {"status", outcome}};
  // Only when the read dropped records of erased people, which most reads never meet.
  if (read_counters_.suppressed > 0) {
    fields.insert(fields.begin() + 3, LogField("suppressed", read_counters_.suppressed));
  }
  if (outcome != "error") return Log(LogLevel::kInfo, "connector_read", fields);
  fields.emplace_back("message", message);
  fields.emplace_back("retry_in_ms", absl::ToInt64Milliseconds(retry_in));
  Log(LogLevel::kError, "connector_read", fields);
}

void ConnectorRunner::CountCommit(absl::Time newest_record_time) {
  absl::MutexLock lock(&mu_);
  ++snapshot_.commits;
  snapshot_.newest_record_time = std::max(snapshot_.newest_record_time, newest_record_time);
}

bool ConnectorRunner::StopWanted() {
  absl::MutexLock lock(&mu_);
  return stop_ || paused_ || lease_token_ != read_token_;
}

bool ConnectorRunner::StopBeforeCallback() {
  if (env_.before_callback && !env_.before_callback(config_.name)) RequestStop();
  return StopWanted();
}

void ConnectorRunner::Touch() {
  absl::MutexLock lock(&mu_);
  last_activity_ = env_.clock->Now();
  if (snapshot_.status == ConnectorStatus::kStalled) {
    snapshot_.status = ConnectorStatus::kRunning;  // It moved again; the stall stays counted.
  }
}

void ConnectorRunner::Log(LogLevel level, absl::string_view event,
                          absl::Span<const LogField> fields) {
  if (!env_.logger->Enabled(level)) return;
  std::vector<LogField> line = {{"connector", config_.name}};
  line.insert(line.end(), fields.begin(), fields.end());
  env_.logger->Log(level, event, line);
}

bool ConnectorRunner::WithStore(absl::FunctionRef<void()> fn) {
  absl::MutexLock lock(&store_mu_);
  if (closed_) return false;
  fn();
  return true;
}

absl::Status ConnectorRunner::Persist(ConnectorStateUpdate update) {
  absl::Status written;
  const bool open = WithStore([&]() {
    update.time = env_.clock->Now();
    if (update.last_run_time.has_value()) update.last_run_time = update.time;
    written = env_.store->Write(
        [&](StoreWriter& writer) { return writer.UpdateConnectorState(config_.name, update); });
  });
  if (!open) return absl::CancelledError("the host is shutting down");
  if (!written.ok()) {
    Log(LogLevel::kWarning, "connector_state_not_stored", {{"message", written.message()}});
  }
  return written;
}

absl::Status ConnectorRunner::PersistWish(absl::string_view wish, ConnectorStateUpdate update) {
  {
    absl::MutexLock lock(&mu_);
    ++wishes_being_stored_;
  }
  absl::Status stored = Persist(std::move(update));
  absl::MutexLock lock(&mu_);
  --wishes_being_stored_;
  ++wishes_stored_;
  if (stored.ok()) return stored;
  return absl::Status(stored.code(), absl::StrCat("storing the ", wish, " of connector \"",
                                                  config_.name, "\": ", stored.message()));
}

void ConnectorRunner::PersistStatus(ConnectorStatus status, const std::string& message, bool ran,
                                    bool count_error, int64_t token) {
  ConnectorStateUpdate update;
  update.status = status;
  update.last_error = message;
  if (ran) update.last_run_time = absl::InfinitePast();  // Set to now by Persist: the read's end.
  if (count_error) update.added.errors = 1;
  update.fence = LeaseFence{env_.replica, token};
  Persist(update).IgnoreError();  // Logged when it fails.
}

}  // namespace cxhub
