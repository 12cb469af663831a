#ifndef CXHUB_BENCHMARKS_HARNESS_LATENCY_PERCENTILES_H_
#define CXHUB_BENCHMARKS_HARNESS_LATENCY_PERCENTILES_H_

#include <vector>

#include "absl/time/time.h"

namespace cxhub::bench {

struct LatencyPercentiles {
  absl::Duration p50;
  absl::Duration p99;
};

// The 50th and 99th percentiles of `latencies` (nearest rank, rounded down: the element at
// index floor(fraction * size) of the sorted values). Zero for an empty vector. Sorts
// `latencies` in place.
LatencyPercentiles ComputeLatencyPercentiles(std::vector<absl::Duration>& latencies);

// The percentile `fraction` (0.999 for p99.9) of `sorted`, which must be sorted ascending, by
// the same nearest rank as ComputeLatencyPercentiles. Zero for an empty vector.
absl::Duration PercentileOfSorted(const std::vector<absl::Duration>& sorted, double fraction);

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_HARNESS_LATENCY_PERCENTILES_H_
