// The collectors whose families each have one unlabeled sample: the Watch feed's, the group
// commit's and the merge guardrails'. One collectable serves the three, given the families and
// a function that reads their values together at scrape time.
#include <cstddef>
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

struct ScalarFamily {
  std::string name;
  std::string help;
  MetricType type;
};

// Gives `families` one sample each: `read`'s values, in the same order, from one snapshot.
class ScalarCollector final : public prometheus::Collectable {
 public:
  ScalarCollector(std::vector<ScalarFamily> families, std::function<std::vector<double>()> read)
      : families_(std::move(families)), read_(std::move(read)) {}

  std::vector<prometheus::MetricFamily> Collect() const override {
    const std::vector<double> values = read_();
    std::vector<prometheus::MetricFamily> collected;
    collected.reserve(families_.size());
    for (size_t i = 0; i < families_.size() && i < values.size(); ++i) {
      collected.push_back(MakeFamily(families_[i].name, families_[i].help, families_[i].type));
      AddSample(collected.back(), {}, values[i]);
    }
    return collected;
  }

 private:
  const std::vector<ScalarFamily> families_;
  const std::function<std::vector<double>()> read_;
};

std::shared_ptr<prometheus::Collectable> MakeScalarCollector(
    std::vector<ScalarFamily> families, std::function<std::vector<double>()> read) {
  return std::make_shared<ScalarCollector>(std::move(families), std::move(read));
}

}  // namespace

std::shared_ptr<prometheus::Collectable> MakeWatchCollector(InteractionFeed& feed) {
  return MakeScalarCollector(
      {{"cxhub_watch_streams_open", "WatchInteractions streams open.", MetricType::Gauge},
       {"cxhub_watch_interactions_delivered_total",
        "Interactions sent on WatchInteractions streams.", MetricType::Counter}},
      [&feed] {
        const WatchStatistics statistics = feed.statistics();
        return std::vector<double>{static_cast<double>(statistics.streams_open),
                                   static_cast<double>(statistics.interactions_delivered)};
      });
}

std::shared_ptr<prometheus::Collectable> MakeGroupCommitCollector(InteractionLog& log) {
  return MakeScalarCollector(
      {{"cxhub_record_group_commits_total",
        "Transactions RecordInteraction's group commit ran, groups of one included.",
        MetricType::Counter},
       {"cxhub_record_group_records_total",
        "Records those transactions were given (over the commits: the mean group).",
        MetricType::Counter},
       {"cxhub_record_group_queued", "RecordInteraction calls waiting for the next group.",
        MetricType::Gauge}},
      [&log] {
        const GroupCommitStatistics statistics = log.group_commit_statistics();
        return std::vector<double>{static_cast<double>(statistics.transactions),
                                   static_cast<double>(statistics.records),
                                   static_cast<double>(statistics.queued)};
      });
}

std::shared_ptr<prometheus::Collectable> MakeMergeGuardrailCollector() {
  return MakeScalarCollector(
      {{"cxhub_merge_guardrail_stops_total",
        "Merges of customers a guardrail of the identity trust policy stopped (each is a merge "
        "suggestion).",
        MetricType::Counter}},
      [] { return std::vector<double>{static_cast<double>(MergeGuardrailStops())}; });
}

}  // namespace cxhub
