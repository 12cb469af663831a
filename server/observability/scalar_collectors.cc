// The collectors whose families each have one unlabeled sample: the Watch feed's, the group
// commit's and the merge guardrails'. One collectable serves the three, given a function that
// reads the families with their values together at scrape time.
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"
#include "server/core/merge_policy.h"
#include "server/observability/metric_families.h"
#include "server/observability/snapshot_collectors.h"

namespace cxhub {
namespace {

using prometheus::MetricType;

// A family with its one sample's value.
struct ScalarFamily {
  std::string name;
  std::string help;
  MetricType type;
  double value;
};

// Gives each family `read` returns at scrape time its one sample.
class ScalarCollector final : public prometheus::Collectable {
 public:
  explicit ScalarCollector(std::function<std::vector<ScalarFamily>()> read)
      : read_(std::move(read)) {}

  std::vector<prometheus::MetricFamily> Collect() const override {
    std::vector<prometheus::MetricFamily> collected;
    for (const ScalarFamily& family : read_()) {
      collected.push_back(MakeFamily(family.name, family.help, family.type));
      AddSample(collected.back(), {}, family.value);
    }
    return collected;
  }

 private:
  const std::function<std::vector<ScalarFamily>()> read_;
};

std::shared_ptr<prometheus::Collectable> MakeScalarCollector(
    std::function<std::vector<ScalarFamily>()> read) {
  return std::make_shared<ScalarCollector>(std::move(read));
}

}  // namespace

std::shared_ptr<prometheus::Collectable> MakeWatchCollector(InteractionFeed& feed) {
  return MakeScalarCollector([&feed] {
    const WatchStatistics statistics = feed.statistics();
    return std::vector<ScalarFamily>{
        {"cxhub_watch_streams_open", "WatchInteractions streams open.", MetricType::Gauge,
         static_cast<double>(statistics.streams_open)},
        {"cxhub_watch_interactions_delivered_total",
         "Interactions sent on WatchInteractions streams.", MetricType::Counter,
         static_cast<double>(statistics.interactions_delivered)}};
  });
}

std::shared_ptr<prometheus::Collectable> MakeGroupCommitCollector(InteractionLog& log) {
  return MakeScalarCollector([&log] {
    const GroupCommitStatistics statistics = log.group_commit_statistics();
    return std::vector<ScalarFamily>{
        {"cxhub_record_group_commits_total",
         "Transactions RecordInteraction's group commit ran, groups of one included.",
         MetricType::Counter, static_cast<double>(statistics.transactions)},
        {"cxhub_record_group_records_total",
         "Records those transactions were given (over the commits: the mean group).",
         MetricType::Counter, static_cast<double>(statistics.records)},
        {"cxhub_record_group_queued", "RecordInteraction calls waiting for the next group.",
         MetricType::Gauge, static_cast<double>(statistics.queued)}};
  });
}

std::shared_ptr<prometheus::Collectable> MakeMergeGuardrailCollector() {
  return MakeScalarCollector([] {
    return std::vector<ScalarFamily>{
        {"cxhub_merge_guardrail_stops_total",
         "Merges of customers a guardrail of the identity trust policy stopped (each is a merge "
         "suggestion).",
         MetricType::Counter, static_cast<double>(MergeGuardrailStops())}};
  });
}

}  // namespace cxhub
