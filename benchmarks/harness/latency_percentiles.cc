#include "benchmarks/harness/latency_percentiles.h"

#include <algorithm>
#include <cstddef>

namespace cxhub::bench {

absl::Duration PercentileOfSorted(const std::vector<absl::Duration>& sorted, double fraction) {
  if (sorted.empty()) return absl::ZeroDuration();
  const size_t index = std::min(sorted.size() - 1,
                                static_cast<size_t>(fraction * static_cast<double>(sorted.size())));
  return sorted[index];
}

LatencyPercentiles ComputeLatencyPercentiles(std::vector<absl::Duration>& latencies) {
  std::sort(latencies.begin(), latencies.end());
  return {PercentileOfSorted(latencies, 0.50), PercentileOfSorted(latencies, 0.99)};
}

}  // namespace cxhub::bench
