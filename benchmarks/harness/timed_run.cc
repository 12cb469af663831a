#include "benchmarks/harness/timed_run.h"

#include <atomic>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"

namespace cxhub::bench {

absl::StatusOr<TimedCalls> RunCallsFor(int threads, absl::Duration duration,
                                       const std::function<absl::Status(int thread)>& call) {
  std::vector<std::vector<absl::Duration>> latencies(threads);
  std::atomic<int> ready{0};
  std::atomic<bool> stop{false};
  absl::Notification start;
  absl::Mutex mu;
  absl::Status first_error;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      std::vector<absl::Duration>& mine = latencies[t];
      mine.reserve(1 << 16);
      absl::Status status = call(t);  // Warm-up.
      ready.fetch_add(1);
      start.WaitForNotification();
      while (status.ok() && !stop.load(std::memory_order_relaxed)) {
        const Stopwatch stopwatch;
        status = call(t);
        mine.push_back(stopwatch.Elapsed());
      }
      if (!status.ok()) {
        absl::MutexLock lock(&mu);
        if (first_error.ok()) first_error = status;
        stop.store(true);
      }
    });
  }
  while (ready.load() < threads && !stop.load()) absl::SleepFor(absl::Milliseconds(1));
  const Stopwatch stopwatch;
  start.Notify();
  while (!stop.load() && stopwatch.Elapsed() < duration) absl::SleepFor(absl::Milliseconds(5));
  stop.store(true);
  for (std::thread& worker : workers) worker.join();
  TimedCalls result;
  result.elapsed = stopwatch.Elapsed();
  if (!first_error.ok()) return first_error;
  for (const std::vector<absl::Duration>& mine : latencies) {
    result.latencies.insert(result.latencies.end(), mine.begin(), mine.end());
  }
  result.calls = static_cast<int64_t>(result.latencies.size());
  return result;
}

}  // namespace cxhub::bench
