#include <memory>
#include <vector>

#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"
#include "server/core/merge_policy.h"
#include "server/observability/metric_families.h"
#include "server/observability/snapshot_collectors.h"

namespace cxhub {
namespace {

class MergeGuardrailCollector final : public prometheus::Collectable {
 public:
  std::vector<prometheus::MetricFamily> Collect() const override {
    std::vector<prometheus::MetricFamily> families = {MakeFamily(
        "cxhub_merge_guardrail_stops_total",
        "Merges of customers a guardrail of the identity trust policy stopped (each is a merge "
        "suggestion).",
        prometheus::MetricType::Counter)};
    AddSample(families[0], {}, static_cast<double>(MergeGuardrailStops()));
    return families;
  }
};

}  // namespace

std::shared_ptr<prometheus::Collectable> MakeMergeGuardrailCollector() {
  return std::make_shared<MergeGuardrailCollector>();
}

}  // namespace cxhub
