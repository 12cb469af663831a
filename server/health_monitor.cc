#include "server/health_monitor.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "server/core/thread_name.h"

namespace cxhub {

std::string ConnectorHealthName(const std::string& instance) {
  return absl::StrCat("cxhub.connector.", instance);
}

HealthMonitor::HealthMonitor(Store& store, ConnectorHost& connectors, Clock& clock,
                             grpc::HealthCheckServiceInterface& health,
                             std::vector<std::string> api_services, absl::Duration interval)
    : store_(store),
      connectors_(connectors),
      clock_(clock),
      health_(health),
      api_services_(std::move(api_services)),
      interval_(interval) {}

HealthMonitor::~HealthMonitor() { Stop(); }

void HealthMonitor::Start() {
  Probe();
  thread_ = StartNamedThread("cx-health", [this] { Loop(); });
}

void HealthMonitor::Stop() {
  {
    absl::MutexLock lock(&mu_);
    if (stopped_) return;
    stopped_ = true;
  }
  health_.Shutdown();  // Every service NOT_SERVING, and no later change (a probe under way).
  wakeup_.Notify();
  if (thread_.joinable()) thread_.join();
}

void HealthMonitor::Loop() {
  for (;;) {
    clock_.SleepUntil(clock_.Now() + interval_, &wakeup_);
    {
      absl::MutexLock lock(&mu_);
      if (stopped_) return;
    }
    Probe();
  }
}

void HealthMonitor::Probe() {
  const absl::Status store =
      store_.Read([](StoreReader& reader) { return reader.LatestInteractionId().status(); });
  const bool serving = store.ok();
  health_.SetServingStatus("", serving);
  health_.SetServingStatus("cxhub.store", serving);
  for (const std::string& service : api_services_) health_.SetServingStatus(service, serving);
  if (!serving) return;  // The connectors' states are read from the store too.
  absl::StatusOr<std::vector<ConnectorView>> views = connectors_.List();
  if (!views.ok()) return;
  for (const ConnectorView& view : *views) {
    const bool healthy =
        view.status != ConnectorStatus::kFailed && view.status != ConnectorStatus::kStalled;
    health_.SetServingStatus(ConnectorHealthName(view.config.name), healthy);
  }
}

}  // namespace cxhub
