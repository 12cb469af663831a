// The latency of a figure query, repeated: every analytics timing table is made of these rows.
#ifndef CXHUB_BENCHMARKS_ANALYTICS_TIMED_CALLS_H_
#define CXHUB_BENCHMARKS_ANALYTICS_TIMED_CALLS_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "benchmarks/harness/result_table.h"

namespace cxhub::bench {

// How many times each query runs; its row shows the median and the 99th percentile of a call.
inline constexpr int kTimedRepetitions = 30;

// Runs `call` kTimedRepetitions times and returns the row named `name`, noting the latency
// percentiles and what the last call returned (a few words: "412 answers"). The first error
// stops the timing and is returned.
absl::StatusOr<Result> TimeCalls(const std::string& name,
                                 const std::function<absl::StatusOr<std::string>()>& call);

// The same, `repetitions` times (for queries too slow for kTimedRepetitions).
absl::StatusOr<Result> TimeCalls(const std::string& name, int repetitions,
                                 const std::function<absl::StatusOr<std::string>()>& call);

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_ANALYTICS_TIMED_CALLS_H_
