#include "clients/cxctl/report/svg_chart.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clients/cxctl/report/markup_text.h"

namespace cxhub::cxctl {
namespace {

constexpr double kWidth = 720;
constexpr double kHeight = 260;
constexpr double kLeft = 56;
constexpr double kRight = 12;
constexpr double kTop = 14;
constexpr double kBottom = 50;         // x labels, then the counts.
constexpr int kYTicks = 4;             // Intervals between y grid lines.
constexpr double kMinLabelSlot = 34;   // Narrower slots label every k-th point only.
constexpr double kMinCountSlot = 14;   // Narrower slots show every k-th point's count only.
constexpr double kMinBarHeight = 1.5;  // A bar of 0 is a tick, unlike the gap of no figure.

// The geometry of one chart: where a value and a point's slot fall.
class Frame {
 public:
  Frame(const ChartSpec& spec, size_t points)
      : low_(spec.low), high_(spec.high > spec.low ? spec.high : spec.low + 1), points_(points) {}

  double Y(double value) const {
    const double clamped = std::clamp(value, low_, high_);
    return kTop + (high_ - clamped) / (high_ - low_) * PlotHeight();
  }
  double X(size_t i) const { return kLeft + (static_cast<double>(i) + 0.5) * Slot(); }
  double Slot() const { return (kWidth - kLeft - kRight) / static_cast<double>(points_); }
  double PlotHeight() const { return kHeight - kTop - kBottom; }
  double low() const { return low_; }
  double high() const { return high_; }

 private:
  double low_;
  double high_;
  size_t points_;
};

std::string Num(double value) { return absl::StrFormat("%.1f", value); }

std::string YAxis(const Frame& frame) {
  std::string out = "<g class=\"axis\">";
  for (int i = 0; i <= kYTicks; ++i) {
    const double value = frame.low() + (frame.high() - frame.low()) * i / kYTicks;
    const double y = frame.Y(value);
    absl::StrAppend(&out, "<line class=\"grid\" x1=\"", Num(kLeft), "\" x2=\"",
                    Num(kWidth - kRight), "\" y1=\"", Num(y), "\" y2=\"", Num(y), "\"/><text x=\"",
                    Num(kLeft - 6), "\" y=\"", Num(y + 4), "\" text-anchor=\"end\">",
                    absl::StrFormat("%g", std::round(value * 10) / 10), "</text>");
  }
  if (frame.low() < 0 && frame.high() > 0) {
    absl::StrAppend(&out, "<line class=\"zero\" x1=\"", Num(kLeft), "\" x2=\"",
                    Num(kWidth - kRight), "\" y1=\"", Num(frame.Y(0)), "\" y2=\"", Num(frame.Y(0)),
                    "\"/>");
  }
  absl::StrAppend(&out, "<line class=\"frame\" x1=\"", Num(kLeft), "\" x2=\"", Num(kLeft),
                  "\" y1=\"", Num(kTop), "\" y2=\"", Num(kTop + frame.PlotHeight()), "\"/>");
  return out + "</g>";
}

// The x labels and, under them, the count behind each point ("n" at the left).
std::string XAxis(const Frame& frame, const std::vector<ChartPoint>& points) {
  const size_t label_every =
      std::max<size_t>(1, static_cast<size_t>(std::ceil(kMinLabelSlot / frame.Slot())));
  const size_t count_every =
      std::max<size_t>(1, static_cast<size_t>(std::ceil(kMinCountSlot / frame.Slot())));
  const double label_y = kTop + frame.PlotHeight() + 16;
  const double count_y = label_y + 18;
  std::string out = absl::StrCat("<g class=\"axis\"><text class=\"count\" x=\"", Num(kLeft - 6),
                                 "\" y=\"", Num(count_y), "\" text-anchor=\"end\">n</text>");
  for (size_t i = 0; i < points.size(); ++i) {
    if (i % label_every == 0) {
      absl::StrAppend(&out, "<text x=\"", Num(frame.X(i)), "\" y=\"", Num(label_y),
                      "\" text-anchor=\"middle\">", MarkupEscape(points[i].label), "</text>");
    }
    if (i % count_every != 0) continue;
    // A point with no figure shows a dash, not a 0 that would read as a measured count.
    const std::string count =
        points[i].value.has_value()
            ? absl::StrCat(points[i].count)
            : absl::StrCat("&#8211;<title>", MarkupEscape(points[i].label), ": no answers</title>");
    absl::StrAppend(&out, "<text class=\"count\" x=\"", Num(frame.X(i)), "\" y=\"", Num(count_y),
                    "\" text-anchor=\"middle\">", count, "</text>");
  }
  return out + "</g>";
}

std::string Tooltip(const ChartSpec& spec, const ChartPoint& point) {
  std::string text = absl::StrCat(point.label, ": ");
  if (!point.value.has_value()) return text + "no answers";
  absl::StrAppend(&text, Num(*point.value), spec.unit);
  if (point.low.has_value() && point.high.has_value()) {
    absl::StrAppend(&text, " [", Num(*point.low), ", ", Num(*point.high), "]");
  }
  return absl::StrCat("<title>", MarkupEscape(absl::StrCat(text, ", n=", point.count)), "</title>");
}

std::string Whisker(const Frame& frame, size_t i, const ChartPoint& point) {
  if (!point.low.has_value() || !point.high.has_value()) return "";
  return absl::StrCat("<line class=\"interval\" x1=\"", Num(frame.X(i)), "\" x2=\"",
                      Num(frame.X(i)), "\" y1=\"", Num(frame.Y(*point.low)), "\" y2=\"",
                      Num(frame.Y(*point.high)), "\"/>");
}

// A polyline per run of consecutive present points, then a marker per present point.
std::string Lines(const ChartSpec& spec, const Frame& frame,
                  const std::vector<ChartPoint>& points) {
  std::string out;
  std::string run;
  size_t run_points = 0;
  auto flush = [&] {
    if (run_points > 1) absl::StrAppend(&out, "<polyline class=\"line\" points=\"", run, "\"/>");
    run.clear();
    run_points = 0;
  };
  for (size_t i = 0; i < points.size(); ++i) {
    if (!points[i].value.has_value()) {
      flush();
      continue;
    }
    absl::StrAppend(&run, run.empty() ? "" : " ", Num(frame.X(i)), ",",
                    Num(frame.Y(*points[i].value)));
    ++run_points;
  }
  flush();
  for (size_t i = 0; i < points.size(); ++i) {
    if (!points[i].value.has_value()) continue;
    absl::StrAppend(&out, Whisker(frame, i, points[i]), "<circle class=\"point\" cx=\"",
                    Num(frame.X(i)), "\" cy=\"", Num(frame.Y(*points[i].value)), "\" r=\"3.5\">",
                    Tooltip(spec, points[i]), "</circle>");
  }
  return out;
}

std::string Bars(const ChartSpec& spec, const Frame& frame, const std::vector<ChartPoint>& points) {
  const double base = frame.Y(std::clamp(0.0, frame.low(), frame.high()));
  const double width = std::max(1.0, frame.Slot() * 0.7);
  std::string out;
  for (size_t i = 0; i < points.size(); ++i) {
    if (!points[i].value.has_value()) continue;
    const double y = frame.Y(*points[i].value);
    const double height = std::max(kMinBarHeight, std::fabs(base - y));
    // Upwards from the base; downwards for a negative value; a tick above the base for 0.
    const double top = y > base ? base : std::min(y, base - height);
    absl::StrAppend(&out, "<rect class=\"bar\" x=\"", Num(frame.X(i) - width / 2), "\" y=\"",
                    Num(top), "\" width=\"", Num(width), "\" height=\"", Num(height), "\">",
                    Tooltip(spec, points[i]), "</rect>", Whisker(frame, i, points[i]));
  }
  return out;
}

}  // namespace

std::string SvgChart(const ChartSpec& spec, const std::vector<ChartPoint>& points) {
  const Frame frame(spec, std::max<size_t>(points.size(), 1));
  std::string out =
      absl::StrCat("<svg class=\"chart\" viewBox=\"0 0 ", Num(kWidth), " ", Num(kHeight),
                   "\" role=\"img\" aria-label=\"", MarkupEscape(spec.title), "\"><title>",
                   MarkupEscape(spec.title), "</title>", YAxis(frame), XAxis(frame, points));
  if (points.empty()) {
    absl::StrAppend(&out, "<text class=\"empty\" x=\"", Num(kWidth / 2), "\" y=\"",
                    Num(kTop + frame.PlotHeight() / 2),
                    "\" text-anchor=\"middle\">No points</text>");
  }
  out += spec.style == ChartSpec::Style::kLine ? Lines(spec, frame, points)
                                               : Bars(spec, frame, points);
  return out + "</svg>";
}

}  // namespace cxhub::cxctl
