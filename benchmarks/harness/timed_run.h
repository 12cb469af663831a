#ifndef CXHUB_BENCHMARKS_HARNESS_TIMED_RUN_H_
#define CXHUB_BENCHMARKS_HARNESS_TIMED_RUN_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "benchmarks/harness/stopwatch.h"

namespace cxhub::bench {

// Runs `body(i)` for i in [0, iterations) on this thread and returns the time it took. A
// template, so the body is inlined into the timed loop.
template <typename Body>
absl::Duration TimeIterations(int64_t iterations, Body&& body) {
  const Stopwatch stopwatch;
  for (int64_t i = 0; i < iterations; ++i) body(i);
  return stopwatch.Elapsed();
}

// What RunCallsFor measured.
struct TimedCalls {
  int64_t calls = 0;                      // timed calls, all threads together
  absl::Duration elapsed;                 // from the start of the timed calls to the last end
  std::vector<absl::Duration> latencies;  // one per timed call, unsorted
};

// Calls `call(thread)` back to back on `threads` threads (thread in [0, threads)) for about
// `duration`: each thread first makes one untimed warm-up call, then all start together and
// each call is timed. The first error stops every thread and is returned. `call` is called
// from several threads at once.
absl::StatusOr<TimedCalls> RunCallsFor(int threads, absl::Duration duration,
                                       const std::function<absl::Status(int thread)>& call);

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_HARNESS_TIMED_RUN_H_
