#include <memory>
#include <vector>

#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"
#include "server/observability/metric_families.h"
#include "server/observability/snapshot_collectors.h"

namespace cxhub {
namespace {

using prometheus::MetricType;

class WatchCollector final : public prometheus::Collectable {
 public:
  explicit WatchCollector(InteractionFeed& feed) : feed_(feed) {}

  std::vector<prometheus::MetricFamily> Collect() const override {
    const WatchStatistics statistics = feed_.statistics();
    std::vector<prometheus::MetricFamily> families = {
        MakeFamily("cxhub_watch_streams_open", "WatchInteractions streams open.",
                   MetricType::Gauge),
        MakeFamily("cxhub_watch_interactions_delivered_total",
                   "Interactions sent on WatchInteractions streams.", MetricType::Counter)};
    AddSample(families[0], {}, static_cast<double>(statistics.streams_open));
    AddSample(families[1], {}, static_cast<double>(statistics.interactions_delivered));
    return families;
  }

 private:
  InteractionFeed& feed_;
};

}  // namespace

std::shared_ptr<prometheus::Collectable> MakeWatchCollector(InteractionFeed& feed) {
  return std::make_shared<WatchCollector>(feed);
}

}  // namespace cxhub
