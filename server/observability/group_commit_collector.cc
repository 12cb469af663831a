#include <memory>
#include <vector>

#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"
#include "server/observability/metric_families.h"
#include "server/observability/snapshot_collectors.h"

namespace cxhub {
namespace {

using prometheus::MetricType;

class GroupCommitCollector final : public prometheus::Collectable {
 public:
  explicit GroupCommitCollector(InteractionLog& log) : log_(log) {}

  std::vector<prometheus::MetricFamily> Collect() const override {
    const GroupCommitStatistics statistics = log_.group_commit_statistics();
    std::vector<prometheus::MetricFamily> families = {
        MakeFamily("cxhub_record_group_commits_total",
                   "Transactions RecordInteraction's group commit ran, groups of one included.",
                   MetricType::Counter),
        MakeFamily("cxhub_record_group_records_total",
                   "Records those transactions were given (over the commits: the mean group).",
                   MetricType::Counter),
        MakeFamily("cxhub_record_group_queued",
                   "RecordInteraction calls waiting for the next group.", MetricType::Gauge)};
    AddSample(families[0], {}, static_cast<double>(statistics.transactions));
    AddSample(families[1], {}, static_cast<double>(statistics.records));
    AddSample(families[2], {}, static_cast<double>(statistics.queued));
    return families;
  }

 private:
  InteractionLog& log_;
};

}  // namespace

std::shared_ptr<prometheus::Collectable> MakeGroupCommitCollector(InteractionLog& log) {
  return std::make_shared<GroupCommitCollector>(log);
}

}  // namespace cxhub
