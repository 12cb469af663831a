// The SVG chart writer: gaps for absent points, one point, all zeros, escaped labels.
#include "clients/cxctl/report/svg_chart.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cxctl/report/occurrences.h"

namespace cxhub::cxctl {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

ChartPoint Point(const std::string& label, std::optional<double> value, int64_t count) {
  ChartPoint point;
  point.label = label;
  point.value = value;
  point.count = count;
  return point;
}

const ChartSpec kNps{ChartSpec::Style::kLine, "NPS", "", -100, 100};
const ChartSpec kCsat{ChartSpec::Style::kBars, "CSAT", "%", 0, 100};

TEST(SvgChart, AnAbsentPointBreaksTheLineAndIsNoZero) {
  const std::string svg = SvgChart(
      kNps, {Point("09-07", 100, 2), Point("09-08", -50, 2), Point("09-09", std::nullopt, 0),
             Point("09-10", 0, 2), Point("09-11", 50, 3)});
  EXPECT_TRUE(absl::StartsWith(svg, "<svg class=\"chart\""));
  EXPECT_EQ(Occurrences(svg, "<polyline"), 2);  // Before and after the gap.
  EXPECT_EQ(Occurrences(svg, "<circle"), 4);    // No marker for the absent point.
  EXPECT_THAT(svg, HasSubstr("09-09"));         // Its label and count are still shown.
  EXPECT_THAT(svg, HasSubstr("class=\"zero\""));
  EXPECT_THAT(svg, HasSubstr("<title>09-11: 50.0, n=3</title>"));
}

TEST(SvgChart, AbsentBarsAreNotDrawn) {
  const std::string svg =
      SvgChart(kCsat, {Point("a", 50, 2), Point("b", std::nullopt, 0), Point("c", 100, 1)});
  EXPECT_EQ(Occurrences(svg, "<rect"), 2);
  EXPECT_THAT(svg, Not(HasSubstr("class=\"zero\"")));  // 0 is the bottom of the range.
}

TEST(SvgChart, OnePointIsAMarkerWithoutALine) {
  ChartPoint point = Point("09-07", 25, 4);
  point.low = -10;
  point.high = 60;
  const std::string svg = SvgChart(kNps, {point});
  EXPECT_EQ(Occurrences(svg, "<polyline"), 0);
  EXPECT_EQ(Occurrences(svg, "<circle"), 1);
  EXPECT_EQ(Occurrences(svg, "class=\"interval\""), 1);
  EXPECT_THAT(svg, HasSubstr("[-10.0, 60.0], n=4"));
}

TEST(SvgChart, AllZeroValuesAreDrawnAtZero) {
  const std::string line = SvgChart(kNps, {Point("a", 0, 1), Point("b", 0, 1), Point("c", 0, 1)});
  EXPECT_EQ(Occurrences(line, "<circle"), 3);
  // The zero line of a -100..100 chart is its middle: y = 14 + 196 / 2.
  EXPECT_EQ(Occurrences(line, "cy=\"112.0\""), 3);
  const std::string bars = SvgChart(kCsat, {Point("a", 0, 1), Point("b", 0, 1)});
  // A bar of 0 is a thin tick on the axis (y = 210), so it differs from a gap.
  EXPECT_EQ(Occurrences(bars, "y=\"208.5\""), 2);
  EXPECT_EQ(Occurrences(bars, "height=\"1.5\""), 2);
  EXPECT_THAT(bars, Not(HasSubstr("nan")));
}

TEST(SvgChart, NoPointsAndAnEmptyRangeStillDraw) {
  const std::string svg = SvgChart({ChartSpec::Style::kLine, "x", "", 5, 5}, {});
  EXPECT_THAT(svg, HasSubstr("No points"));
  EXPECT_THAT(svg, Not(HasSubstr("nan")));
  EXPECT_THAT(svg, Not(HasSubstr("inf")));
}

TEST(SvgChart, EscapesLabelsAndTitle) {
  const std::string svg =
      SvgChart({ChartSpec::Style::kLine, "<NPS & \"co\">", "", 0, 1}, {Point("<x>", 1, 1)});
  EXPECT_THAT(svg, HasSubstr("&lt;NPS &amp; &quot;co&quot;&gt;"));
  EXPECT_THAT(svg, HasSubstr("&lt;x&gt;"));
  EXPECT_THAT(svg, Not(HasSubstr("<x>")));
}

TEST(SvgChart, ShowsTheCountOfEveryPoint) {
  std::vector<ChartPoint> points;
  for (int i = 0; i < 7; ++i)
    points.push_back(Point("d", i % 2 == 0 ? std::optional<double>(i) : std::nullopt, 10 + i));
  const std::string svg = SvgChart(kCsat, points);
  for (int i = 0; i < 7; i += 2) {
    EXPECT_THAT(svg, HasSubstr(">" + std::to_string(10 + i) + "</text>"));
  }
  // The points with no figure show a dash for their count, not a number.
  EXPECT_EQ(Occurrences(svg, "&#8211;<title>d: no answers</title>"), 3);
}

}  // namespace
}  // namespace cxhub::cxctl
