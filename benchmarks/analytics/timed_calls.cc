#include "benchmarks/analytics/timed_calls.h"

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "benchmarks/harness/latency_percentiles.h"
#include "benchmarks/harness/result_table.h"
#include "benchmarks/harness/stopwatch.h"

namespace cxhub::bench {

absl::StatusOr<Result> TimeCalls(const std::string& name,
                                 const std::function<absl::StatusOr<std::string>()>& call) {
  return TimeCalls(name, kTimedRepetitions, call);
}

absl::StatusOr<Result> TimeCalls(const std::string& name, int repetitions,
                                 const std::function<absl::StatusOr<std::string>()>& call) {
  std::vector<absl::Duration> latencies;
  std::string outcome;
  Stopwatch total;
  for (int i = 0; i < repetitions; ++i) {
    Stopwatch one;
    absl::StatusOr<std::string> result = call();
    if (!result.ok()) return result.status();
    latencies.push_back(one.Elapsed());
    outcome = *std::move(result);
  }
  Result result(name, repetitions, total.Elapsed());
  result.latency = ComputeLatencyPercentiles(latencies);
  result.note = absl::StrFormat("median %.2f ms  p99 %.2f ms  (%s)",
                                absl::ToDoubleMilliseconds(result.latency->p50),
                                absl::ToDoubleMilliseconds(result.latency->p99), outcome);
  return result;
}

}  // namespace cxhub::bench
