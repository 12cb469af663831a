// CPU time by thread name, from /proc: which stage of a pipeline bounds it. An ingest whose
// commit thread was busy for all of its wall time waited on the store's one writer, however idle
// the other core was; one whose reading thread was, on the plugin. Two sessions found that with
// perf by hand; a benchmark's table now says it beside its figure.
#ifndef CXHUB_BENCHMARKS_HARNESS_THREAD_CPU_H_
#define CXHUB_BENCHMARKS_HARNESS_THREAD_CPU_H_

#include <cstddef>
#include <map>
#include <string>

#include "absl/time/time.h"

namespace cxhub::bench {

// Follows the threads of a process in samples of /proc/<pid>/task. A thread's CPU time (user
// and system) counts up to the last sample that saw it: the threads of a connector's read end
// with it, and /proc forgets them, so sample as often as the work is polled for. Not
// thread-safe.
class ThreadCpuSampler {
 public:
  // Samples process `pid` (0: this one) now: what its threads used before is not counted.
  explicit ThreadCpuSampler(int pid = 0);

  void Sample();

  // "busiest threads: cx-commit 99%, cx-checkpoint 24%, cx-read:bench 9%": the `top` thread
  // names (threads of one name summed) that used the most CPU between construction and the last
  // sample, each as a share of `wall`; empty when none used any.
  std::string Busiest(absl::Duration wall, size_t top = 3) const;
  // The same without "busiest threads: ": "cx-commit 99%, cx-checkpoint 24%".
  std::string Shares(absl::Duration wall, size_t top = 3) const;
  // The CPU time of all threads between construction and the last sample.
  absl::Duration Total() const;

 private:
  struct Thread {
    std::string name;
    absl::Duration at_start;  // Zero for a thread first seen after construction.
    absl::Duration last;
  };

  const int pid_;
  bool started_ = false;
  std::map<int, Thread> threads_;  // By thread id.
};

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_HARNESS_THREAD_CPU_H_
