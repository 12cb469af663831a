// The bars of cxctl's terminal charts of figure series: one bar per point, drawn from an origin
// (zero, or the low end of a range that does not contain zero) to the point's value.
#ifndef CXHUB_CLIENTS_CXCTL_FIGURE_BAR_H_
#define CXHUB_CLIENTS_CXCTL_FIGURE_BAR_H_

#include <optional>
#include <string>
#include <vector>

namespace cxhub::cxctl {

// The values a chart spans, low < high.
struct ChartRange {
  double low = 0;
  double high = 1;
};

// The range of a chart of `values`: `natural` when the metric has one (NPS -100..100), else
// from the smallest to the largest value, widened to contain zero when they straddle it and
// to a non-empty range when all are equal.
ChartRange ChartRangeOf(const std::vector<double>& values, std::optional<ChartRange> natural);

// A bar of `width` cells for `value` (clamped to `range`), made of '#'. When the range contains
// zero strictly inside, a '|' axis is inserted at zero (so the text is width + 1 long):
// negative values grow to its left, positive ones to its right. Otherwise bars grow from the
// end nearest zero (the left end of 1..5).
std::string FigureBar(double value, const ChartRange& range, int width);

// A bar of blanks (with the axis where FigureBar puts one), for a point with no figure.
std::string EmptyFigureBar(const ChartRange& range, int width);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_FIGURE_BAR_H_
