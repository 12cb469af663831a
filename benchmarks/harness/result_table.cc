#include "benchmarks/harness/result_table.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace cxhub::bench {

double Result::ItemsPerSecond() const {
  return static_cast<double>(items) / absl::ToDoubleSeconds(elapsed);
}

ResultTable::ResultTable(std::string title, std::string unit)
    : title_(std::move(title)), unit_(std::move(unit)) {}

void ResultTable::Add(Result result) { rows_.push_back(std::move(result)); }

void ResultTable::AddBaseline(Result result) {
  baseline_ = rows_.size();
  rows_.push_back(std::move(result));
}

ResultTable::Layout ResultTable::MakeLayout() const {
  Layout layout;
  layout.items_width = std::max<int>(9, static_cast<int>(unit_.size()));
  layout.rate_width = std::max<int>(11, static_cast<int>(unit_.size()) + 2);
  layout.baseline = baseline_.has_value();
  for (const Result& row : rows_) {
    layout.name_width = std::max<int>(layout.name_width, static_cast<int>(row.name.size()));
    layout.bytes = layout.bytes || row.bytes.has_value();
    layout.latency = layout.latency || row.latency.has_value();
  }
  return layout;
}

std::string ResultTable::FormatHeader(const Layout& layout) const {
  std::string header =
      absl::StrFormat("  %-*s %*s %8s", layout.name_width, "", layout.items_width, unit_, "s");
  if (layout.bytes) absl::StrAppendFormat(&header, " %8s %9s", "MB", "MB/s");
  absl::StrAppendFormat(&header, " %*s", layout.rate_width, absl::StrCat(unit_, "/s"));
  if (layout.baseline) absl::StrAppendFormat(&header, " %11s", "x baseline");
  if (layout.latency) absl::StrAppendFormat(&header, " %9s %9s", "p50 us", "p99 us");
  return header;
}

std::string ResultTable::FormatRow(const Layout& layout, size_t index) const {
  const Result& row = rows_[index];
  const double seconds = absl::ToDoubleSeconds(row.elapsed);
  std::string line = absl::StrFormat("  %-*s %*d %8.3f", layout.name_width, row.name,
                                     layout.items_width, row.items, seconds);
  if (layout.bytes && row.bytes) {
    const double megabytes = static_cast<double>(*row.bytes) / 1e6;
    absl::StrAppendFormat(&line, " %8.1f %9.1f", megabytes, megabytes / seconds);
  } else if (layout.bytes) {
    absl::StrAppendFormat(&line, " %8s %9s", "-", "-");
  }
  absl::StrAppendFormat(&line, " %*.0f", layout.rate_width, row.ItemsPerSecond());
  if (layout.baseline && index == *baseline_) {
    absl::StrAppendFormat(&line, " %11s", "baseline");
  } else if (layout.baseline) {
    absl::StrAppendFormat(
        &line, " %10.3fx",
        row.paired_ratio.value_or(row.ItemsPerSecond() / rows_[*baseline_].ItemsPerSecond()));
  }
  if (layout.latency && row.latency) {
    absl::StrAppendFormat(&line, " %9.0f %9.0f", absl::ToDoubleMicroseconds(row.latency->p50),
                          absl::ToDoubleMicroseconds(row.latency->p99));
  } else if (layout.latency) {
    absl::StrAppendFormat(&line, " %9s %9s", "-", "-");
  }
  if (!row.note.empty()) absl::StrAppend(&line, "  ", row.note);
  return line;
}

void ResultTable::Print(std::FILE* out) const {
  const Layout layout = MakeLayout();
  if (!title_.empty()) absl::FPrintF(out, "%s\n", title_);
  absl::FPrintF(out, "%s\n", FormatHeader(layout));
  for (size_t i = 0; i < rows_.size(); ++i) absl::FPrintF(out, "%s\n", FormatRow(layout, i));
  std::fflush(out);
}

}  // namespace cxhub::bench
