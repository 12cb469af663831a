// The table cxload prints: the harness's format (result_table.h) with the percentiles a load
// test needs (p90 and p99.9 beside p50 and p99) and the failed calls.
//
//   name  calls  s  calls/s  x baseline  p50 us  p90 us  p99 us  p99.9 us  errors  CPU us/call
// CPU us/call is this process's CPU time (every thread; with cxhubd in-process, the server's
// and the client's) over the calls that succeeded: unlike calls/s it does not move with what
// else the machine runs, so it is the figure to compare two builds by.
#ifndef CXHUB_BENCHMARKS_CXLOAD_LOAD_TABLE_H_
#define CXHUB_BENCHMARKS_CXLOAD_LOAD_TABLE_H_

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"

namespace cxhub::cxload {

// `calls` calls that succeeded, and `errors` that failed, in `elapsed`.
struct LoadRow {
  std::string name;
  int64_t calls = 0;
  int64_t errors = 0;
  absl::Duration elapsed;
  std::vector<absl::Duration> latencies;  // one per successful call, in any order
  // This process's CPU time over the row's calls, where they had the process to themselves (a
  // phase, not one RPC of a mix).
  std::optional<absl::Duration> cpu;
};

class LoadTable {
 public:
  explicit LoadTable(std::string title) : title_(std::move(title)) {}

  // The row every other row's rate is divided by (calls/s over the baseline's calls/s). At
  // most one.
  void AddBaseline(LoadRow row);
  void Add(LoadRow row);

  // Prints the title, a header and the rows in the order added, then flushes `out`.
  void Print(std::FILE* out = stdout) const;

 private:
  struct Line {
    std::string name;
    int64_t calls = 0;
    int64_t errors = 0;
    double seconds = 0;
    absl::Duration p50, p90, p99, p999;
    std::optional<absl::Duration> cpu_per_call;

    double CallsPerSecond() const { return seconds > 0 ? calls / seconds : 0; }
  };

  static Line Summarize(LoadRow row);

  std::string title_;
  std::vector<Line> lines_;
  std::optional<size_t> baseline_;  // Index into lines_.
};

}  // namespace cxhub::cxload

#endif  // CXHUB_BENCHMARKS_CXLOAD_LOAD_TABLE_H_
