#include "clients/cxctl/figure_bar.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace cxhub::cxctl {
namespace {

bool HasAxis(const ChartRange& range) { return range.low < 0 && range.high > 0; }

// The cell (0 to width) at which `value` falls.
int CellOf(double value, const ChartRange& range, int width) {
  const double clamped = std::clamp(value, range.low, range.high);
  return static_cast<int>(std::lround((clamped - range.low) / (range.high - range.low) * width));
}

// Cells [from, to) filled with '#', the others blank, and the axis at zero when there is one.
std::string Cells(int from, int to, const ChartRange& range, int width) {
  std::string cells(width, ' ');
  for (int i = from; i < to; ++i) cells[i] = '#';
  if (HasAxis(range)) cells.insert(CellOf(0, range, width), "|");
  return cells;
}

}  // namespace

ChartRange ChartRangeOf(const std::vector<double>& values, std::optional<ChartRange> natural) {
  if (natural.has_value() && natural->low < natural->high) return *natural;
  if (values.empty()) return ChartRange{};
  ChartRange range{*std::min_element(values.begin(), values.end()),
                   *std::max_element(values.begin(), values.end())};
  // Bars of values of one sign start at zero, so that their lengths compare.
  range.low = std::min(range.low, 0.0);
  range.high = std::max(range.high, 0.0);
  if (range.low == range.high) range.high = range.low + 1;
  return range;
}

std::string FigureBar(double value, const ChartRange& range, int width) {
  const int origin = CellOf(std::clamp(0.0, range.low, range.high), range, width);
  const int end = CellOf(value, range, width);
  return Cells(std::min(origin, end), std::max(origin, end), range, width);
}

std::string EmptyFigureBar(const ChartRange& range, int width) { return Cells(0, 0, range, width); }

}  // namespace cxhub::cxctl
