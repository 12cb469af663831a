// A small SVG chart writer for figure series: a line or bar chart with a y axis over the
// figure's natural range, an x label and the count behind each point, and the 95% interval as a
// whisker. An absent point (no answers) is a gap, never a 0: a line breaks there and no bar is
// drawn. The output is an <svg> element for inline use in HTML (no script, no external
// reference); every text is escaped.
#ifndef CXHUB_CLIENTS_CXCTL_REPORT_SVG_CHART_H_
#define CXHUB_CLIENTS_CXCTL_REPORT_SVG_CHART_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cxhub::cxctl {

struct ChartPoint {
  std::string label;            // Under the x axis ("09-07").
  std::optional<double> value;  // Unset: no figure for the point, drawn as a gap.
  std::optional<double> low;    // The interval, drawn when both ends are set.
  std::optional<double> high;
  int64_t count = 0;  // The sample size behind the point.
};

struct ChartSpec {
  enum class Style { kLine, kBars };
  Style style = Style::kLine;
  std::string title;  // Read by screen readers and shown as the chart's tooltip.
  std::string unit;   // After values in tooltips ("%"); may be empty.
  // The y axis; a line is drawn at 0 when it is inside. high <= low is widened to low + 1.
  double low = 0;
  double high = 100;
};

// The chart, about 720 x 260 user units, scaling to its container's width.
std::string SvgChart(const ChartSpec& spec, const std::vector<ChartPoint>& points);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_REPORT_SVG_CHART_H_
