#include "server/core/duration_histogram.h"

#include <algorithm>

namespace cxhub {

void DurationHistogram::Record(absl::Duration duration) {
  const double seconds = absl::ToDoubleSeconds(duration);
  const auto bound = std::lower_bound(kUpperBoundsSeconds.begin(), kUpperBoundsSeconds.end(),
                                      seconds);  // Prometheus buckets are "<= bound".
  counts_[bound - kUpperBoundsSeconds.begin()].fetch_add(1, std::memory_order_relaxed);
  sum_nanoseconds_.fetch_add(absl::ToInt64Nanoseconds(duration), std::memory_order_relaxed);
}

DurationHistogramSnapshot DurationHistogram::Snapshot() const {
  DurationHistogramSnapshot snapshot;
  snapshot.upper_bounds_seconds.assign(kUpperBoundsSeconds.begin(), kUpperBoundsSeconds.end());
  uint64_t cumulative = 0;
  for (const std::atomic<uint64_t>& count : counts_) {
    cumulative += count.load(std::memory_order_relaxed);
    snapshot.cumulative_counts.push_back(cumulative);
  }
  snapshot.count = cumulative;
  snapshot.sum_seconds =
      static_cast<double>(sum_nanoseconds_.load(std::memory_order_relaxed)) / 1e9;
  return snapshot;
}

}  // namespace cxhub
