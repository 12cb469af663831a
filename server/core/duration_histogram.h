// A lock-free latency histogram with fixed bucket bounds, for code that must count without
// knowing any metrics library (the store's connection pool); a collector reads its snapshot.
#ifndef CXHUB_SERVER_CORE_DURATION_HISTOGRAM_H_
#define CXHUB_SERVER_CORE_DURATION_HISTOGRAM_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <vector>

#include "absl/time/time.h"

namespace cxhub {

// What a DurationHistogram held at one moment.
struct DurationHistogramSnapshot {
  std::vector<double> upper_bounds_seconds;  // Ascending; +Inf is implied.
  std::vector<uint64_t> cumulative_counts;   // One per bound, then one for +Inf.
  uint64_t count = 0;
  double sum_seconds = 0;
};

// Thread-safe.
class DurationHistogram {
 public:
  // Upper bounds in seconds, from 100 µs to 10 s.
  static constexpr std::array<double, 11> kUpperBoundsSeconds = {
      0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10};

  void Record(absl::Duration duration);
  DurationHistogramSnapshot Snapshot() const;

 private:
  std::array<std::atomic<uint64_t>, kUpperBoundsSeconds.size() + 1> counts_{};
  std::atomic<int64_t> sum_nanoseconds_{0};
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_DURATION_HISTOGRAM_H_
