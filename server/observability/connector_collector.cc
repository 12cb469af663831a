#include <memory>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"
#include "server/connectors/connector_host.h"
#include "server/observability/metric_families.h"
#include "server/observability/snapshot_collectors.h"

namespace cxhub {
namespace {

struct StateName {
  ConnectorStatus status;
  const char* name;
};
constexpr StateName kStates[] = {{ConnectorStatus::kIdle, "idle"},
                                 {ConnectorStatus::kRunning, "running"},
                                 {ConnectorStatus::kPaused, "paused"},
                                 {ConnectorStatus::kFailed, "failed"},
                                 {ConnectorStatus::kStalled, "stalled"}};

using prometheus::MetricType;

class ConnectorCollector final : public prometheus::Collectable {
 public:
  explicit ConnectorCollector(ConnectorHost& host) : host_(host) {}

  std::vector<prometheus::MetricFamily> Collect() const override {
    absl::StatusOr<std::vector<ConnectorView>> views = host_.List();
    if (!views.ok()) return {};
    const absl::Time now = host_.clock().Now();
    auto counter = [](const char* name, const char* help) {
      return MakeFamily(name, help, MetricType::Counter);
    };
    std::vector<prometheus::MetricFamily> families = {
        counter("cxhub_connector_records_in_total", "Records committed by the connector."),
        counter("cxhub_connector_dead_letters_total", "Dead letters stored by the connector."),
        counter("cxhub_connector_skipped_total", "Records skipped as already recorded."),
        counter("cxhub_connector_commits_total", "Checkpoints committed since the server started."),
        counter("cxhub_connector_read_errors_total", "Reads that failed."),
        MakeFamily("cxhub_connector_state", "1 for the connector's current state, 0 for others.",
                   MetricType::Gauge),
        MakeFamily("cxhub_connector_cursor_age_seconds",
                   "Now minus the occur time of the newest committed record.", MetricType::Gauge),
        MakeFamily("cxhub_connector_last_success_timestamp_seconds",
                   "Unix time of the end of the last successful read.", MetricType::Gauge),
        counter("cxhub_connector_suppressed_total",
                "Records dropped because they name an erased (suppressed) identity.")};
    for (const ConnectorView& view : *views) {
      const MetricLabels labels = {{"connector", view.config.name}};
      AddSample(families[0], labels, static_cast<double>(view.counters.records_in));
      AddSample(families[1], labels, static_cast<double>(view.counters.dead_lettered));
      AddSample(families[2], labels, static_cast<double>(view.counters.skipped));
      AddSample(families[3], labels, static_cast<double>(view.commits));
      AddSample(families[4], labels, static_cast<double>(view.counters.errors));
      AddSample(families[8], labels, static_cast<double>(view.counters.suppressed));
      for (const StateName& state : kStates) {
        AddSample(families[5], {{"connector", view.config.name}, {"state", state.name}},
                  view.status == state.status ? 1 : 0);
      }
      if (view.newest_record_time != absl::InfinitePast()) {
        AddSample(families[6], labels, absl::ToDoubleSeconds(now - view.newest_record_time));
      }
      if (view.last_success_time != absl::InfinitePast()) {
        AddSample(families[7], labels,
                  absl::ToDoubleSeconds(view.last_success_time - absl::UnixEpoch()));
      }
    }
    return families;
  }

 private:
  ConnectorHost& host_;
};

}  // namespace

std::shared_ptr<prometheus::Collectable> MakeConnectorCollector(ConnectorHost& host) {
  return std::make_shared<ConnectorCollector>(host);
}

}  // namespace cxhub
