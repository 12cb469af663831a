#include "server/observability/metric_families.h"

#include <limits>
#include <utility>

namespace cxhub {

prometheus::MetricFamily MakeFamily(std::string name, std::string help,
                                    prometheus::MetricType type) {
  prometheus::MetricFamily family;
  family.name = std::move(name);
  family.help = std::move(help);
  family.type = type;
  return family;
}

void AddSample(prometheus::MetricFamily& family, MetricLabels labels, double value) {
  prometheus::ClientMetric metric;
  metric.label = std::move(labels);
  if (family.type == prometheus::MetricType::Counter) {
    metric.counter.value = value;
  } else {
    metric.gauge.value = value;
  }
  family.metric.push_back(std::move(metric));
}

void AddHistogramSample(prometheus::MetricFamily& family, MetricLabels labels,
                        const DurationHistogramSnapshot& histogram) {
  prometheus::ClientMetric metric;
  metric.label = std::move(labels);
  metric.histogram.sample_count = histogram.count;
  metric.histogram.sample_sum = histogram.sum_seconds;
  for (size_t i = 0; i < histogram.upper_bounds_seconds.size(); ++i) {
    metric.histogram.bucket.push_back(
        {histogram.cumulative_counts[i], histogram.upper_bounds_seconds[i]});
  }
  prometheus::ClientMetric::Bucket infinity;
  infinity.cumulative_count = histogram.count;
  infinity.upper_bound = std::numeric_limits<double>::infinity();
  metric.histogram.bucket.push_back(infinity);
  family.metric.push_back(std::move(metric));
}

}  // namespace cxhub
