// Building Prometheus metric families by hand, for the collectors that read a snapshot at
// scrape time (connectors, store, watch) rather than keep live metric objects.
#ifndef CXHUB_SERVER_OBSERVABILITY_METRIC_FAMILIES_H_
#define CXHUB_SERVER_OBSERVABILITY_METRIC_FAMILIES_H_

#include <string>
#include <vector>

#include "prometheus/client_metric.h"
#include "prometheus/metric_family.h"
#include "prometheus/metric_type.h"
#include "server/core/duration_histogram.h"

namespace cxhub {

using MetricLabels = std::vector<prometheus::ClientMetric::Label>;

prometheus::MetricFamily MakeFamily(std::string name, std::string help,
                                    prometheus::MetricType type);
// Appends one sample to a counter or gauge family (by the family's type).
void AddSample(prometheus::MetricFamily& family, MetricLabels labels, double value);
// Appends one histogram sample (seconds) to a histogram family.
void AddHistogramSample(prometheus::MetricFamily& family, MetricLabels labels,
                        const DurationHistogramSnapshot& histogram);

}  // namespace cxhub

#endif  // CXHUB_SERVER_OBSERVABILITY_METRIC_FAMILIES_H_
