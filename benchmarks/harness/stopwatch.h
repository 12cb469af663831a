#ifndef CXHUB_BENCHMARKS_HARNESS_STOPWATCH_H_
#define CXHUB_BENCHMARKS_HARNESS_STOPWATCH_H_

#include <time.h>

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

// CPU time this process has used so far (user and system, every thread). On a machine shared
// with other work the wall clock also counts waiting for a core; the CPU time is the work done.
inline absl::Duration ProcessCpuTime() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return absl::DurationFromTimespec(now);
}

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_HARNESS_STOPWATCH_H_
