#ifndef CXHUB_BENCHMARKS_HARNESS_RESULT_TABLE_H_
#define CXHUB_BENCHMARKS_HARNESS_RESULT_TABLE_H_

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "benchmarks/harness/latency_percentiles.h"

namespace cxhub::bench {

// One measured row of a benchmark: `items` things (in its table's unit) done in `elapsed`.
struct Result {
  Result(std::string row_name, int64_t item_count, absl::Duration time_taken,
         std::optional<uint64_t> bytes_processed = std::nullopt, std::string row_note = "")
      : name(std::move(row_name)),
        items(item_count),
        elapsed(time_taken),
        bytes(bytes_processed),
        note(std::move(row_note)) {}

  std::string name;
  int64_t items = 0;
  absl::Duration elapsed;
  std::optional<uint64_t> bytes;              // Bytes processed: adds MB and MB/s.
  std::optional<LatencyPercentiles> latency;  // Per-call latency: adds p50 and p99.
  std::string note;                           // Printed at the end of the row.
  // Its rate over a baseline run beside it (paired_rounds.h), shown in place of its rate over
  // the table's baseline row.
  std::optional<double> paired_ratio;

  double ItemsPerSecond() const;
};

// The one format every benchmark prints its figures in. A table has a title line, then one
// row per Result in the order added:
//
//   name  <items> <unit>  seconds  [MB  MB/s]  <unit>/s  [x baseline]  [p50 us  p99 us]  note
//
// The MB, MB/s, p50 and p99 columns appear when some row has bytes or latencies. When the
// table has a baseline row (a measurement of the same work done the simplest way, in the same
// run), every row also shows its rate as a multiple of the baseline's rate (or its
// paired_ratio, when it has one), and the baseline row shows "baseline" there.
class ResultTable {
 public:
  // `unit` names what a row's items are ("rows", "records", "calls").
  ResultTable(std::string title, std::string unit);

  void Add(Result result);
  // At most one per table.
  void AddBaseline(Result result);

  // Prints the title, a header and every row to `out`, then flushes it.
  void Print(std::FILE* out = stdout) const;

 private:
  // Which optional columns the table prints, and how wide its name and count columns are.
  struct Layout {
    int name_width = 4;
    int items_width = 0;
    int rate_width = 0;
    bool bytes = false;
    bool latency = false;
    bool baseline = false;
  };

  Layout MakeLayout() const;
  std::string FormatHeader(const Layout& layout) const;
  std::string FormatRow(const Layout& layout, size_t index) const;

  std::string title_;
  std::string unit_;
  std::vector<Result> rows_;
  std::optional<size_t> baseline_;  // Index into rows_.
};

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_HARNESS_RESULT_TABLE_H_
