#ifndef CXHUB_BENCHMARKS_HARNESS_STOPWATCH_H_
#define CXHUB_BENCHMARKS_HARNESS_STOPWATCH_H_

#include <chrono>

#include "absl/time/time.h"

namespace cxhub::bench {

// Wall time since construction or the last Restart(), on the monotonic clock, so a change of
// the system time during a run does not distort a figure. Not thread-safe.
class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}

  void Restart() { start_ = std::chrono::steady_clock::now(); }
  absl::Duration Elapsed() const {
    return absl::FromChrono(std::chrono::steady_clock::now() - start_);
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_HARNESS_STOPWATCH_H_
