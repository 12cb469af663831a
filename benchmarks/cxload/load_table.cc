#include "benchmarks/cxload/load_table.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_format.h"
#include "benchmarks/harness/latency_percentiles.h"

namespace cxhub::cxload {

void LoadTable::AddBaseline(LoadRow row) {
  baseline_ = lines_.size();
  lines_.push_back(Summarize(std::move(row)));
}

void LoadTable::Add(LoadRow row) { lines_.push_back(Summarize(std::move(row))); }

LoadTable::Line LoadTable::Summarize(LoadRow row) {
  std::sort(row.latencies.begin(), row.latencies.end());
  const auto percentile = [&row](double fraction) {
    return bench::PercentileOfSorted(row.latencies, fraction);
  };
  Line line;
  line.name = std::move(row.name);
  line.calls = row.calls;
  line.errors = row.errors;
  line.seconds = absl::ToDoubleSeconds(row.elapsed);
  line.p50 = percentile(0.50);
  line.p90 = percentile(0.90);
  line.p99 = percentile(0.99);
  line.p999 = percentile(0.999);
  if (row.cpu.has_value() && row.calls > 0) line.cpu_per_call = *row.cpu / row.calls;
  return line;
}

void LoadTable::Print(std::FILE* out) const {
  int name_width = 4;
  for (const Line& line : lines_) {
    name_width = std::max(name_width, static_cast<int>(line.name.size()));
  }
  absl::FPrintF(out, "%s\n", title_);
  absl::FPrintF(out, "  %-*s %9s %8s %11s %11s %9s %9s %9s %9s %7s %12s\n", name_width, "", "calls",
                "s", "calls/s", "x baseline", "p50 us", "p90 us", "p99 us", "p99.9 us", "errors",
                "CPU us/call");
  for (size_t i = 0; i < lines_.size(); ++i) {
    const Line& line = lines_[i];
    std::string ratio = "-";
    if (baseline_ == i) {
      ratio = "baseline";
    } else if (baseline_.has_value() && lines_[*baseline_].CallsPerSecond() > 0) {
      ratio = absl::StrFormat("%.3fx", line.CallsPerSecond() / lines_[*baseline_].CallsPerSecond());
    }
    const std::string cpu =
        line.cpu_per_call.has_value()
            ? absl::StrFormat("%.1f", absl::ToDoubleMicroseconds(*line.cpu_per_call))
            : "-";
    absl::FPrintF(out, "  %-*s %9d %8.3f %11.0f %11s %9.0f %9.0f %9.0f %9.0f %7d %12s\n",
                  name_width, line.name, line.calls, line.seconds, line.CallsPerSecond(), ratio,
                  absl::ToDoubleMicroseconds(line.p50), absl::ToDoubleMicroseconds(line.p90),
                  absl::ToDoubleMicroseconds(line.p99), absl::ToDoubleMicroseconds(line.p999),
                  line.errors, cpu);
  }
  std::fflush(out);
}

}  // namespace cxhub::cxload
