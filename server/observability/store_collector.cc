#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"
#include "server/observability/metric_families.h"
#include "server/observability/snapshot_collectors.h"

namespace cxhub {
namespace {

using prometheus::MetricType;

class StoreCollector final : public prometheus::Collectable {
 public:
  StoreCollector(Store& store, std::string backend) : store_(store), backend_(std::move(backend)) {}

  std::vector<prometheus::MetricFamily> Collect() const override {
    const StoreStatistics statistics = store_.Statistics();
    const MetricLabels labels = {{"backend", backend_}};
    std::vector<prometheus::MetricFamily> families = {
        MakeFamily("cxhub_store_retries_total", "Transactions run again after a conflict.",
                   MetricType::Counter),
        MakeFamily("cxhub_store_silent_aborts_total",
                   "Write transactions the server had rolled back without failing a statement "
                   "(Galera), found at commit and run again.",
                   MetricType::Counter),
        MakeFamily("cxhub_store_pool_wait_seconds", "Time waiting for a pooled connection.",
                   MetricType::Histogram),
        MakeFamily("cxhub_store_connections_open", "Pooled connections, idle or in use.",
                   MetricType::Gauge)};
    AddSample(families[0], labels, static_cast<double>(statistics.retries));
    AddSample(families[1], labels, static_cast<double>(statistics.silent_aborts));
    AddHistogramSample(families[2], labels, statistics.pool_wait);
    AddSample(families[3], labels, static_cast<double>(statistics.connections_open));
    return families;
  }

 private:
  Store& store_;
  const std::string backend_;
};

}  // namespace

std::shared_ptr<prometheus::Collectable> MakeStoreCollector(Store& store, std::string backend) {
  return std::make_shared<StoreCollector>(store, std::move(backend));
}

}  // namespace cxhub
