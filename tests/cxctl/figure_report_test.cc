// Figure responses in the readable output: a table with intervals and counts, and series as a
// chart of bars, read by reflection from the satisfaction messages.
#include "clients/cxctl/figure_report.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "clients/cxctl/command_table.h"
#include "clients/cxctl/help_text.h"
#include "cxhub/v1/analytics.pb.h"
#include "cxhub/v1/interaction.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::cxctl {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

FigureReportOptions Options(const std::string& zone) {
  FigureReportOptions options;
  options.comments = [](const std::string& full_name) {
    return FindComment(GeneratedCommandTable(), full_name);
  };
  EXPECT_TRUE(absl::LoadTimeZone(zone, &options.time_zone));
  return options;
}

void SetNps(v1::NpsFigure* nps, int promoters, int passives, int detractors, double low,
            double high) {
  const int answers = promoters + passives + detractors;
  nps->set_answers(answers);
  nps->set_promoters(promoters);
  nps->set_passives(passives);
  nps->set_detractors(detractors);
  nps->set_score(100.0 * (promoters - detractors) / answers);
  nps->mutable_interval()->set_low(low);
  nps->mutable_interval()->set_high(high);
}

// Three days in New York (UTC-5 in November): NPS -50, no answers, +50.
v1::SatisfactionReport NpsReport() {
  v1::SatisfactionReport report;
  report.set_metric(v1::NPS);
  v1::SatisfactionFigure* surveyed = report.mutable_surveyed();
  SetNps(surveyed->mutable_nps(), 2, 4, 4, -55.1, 15.1);
  for (int score = 0; score <= 10; ++score) surveyed->add_answers_by_score(score == 9 ? 2 : 0);
  constexpr int64_t kNov2NewYork = 1793595600;  // 2026-11-02T05:00:00Z.
  for (int day = 0; day < 3; ++day) {
    v1::SatisfactionPoint* point = report.add_series();
    point->mutable_start_time()->set_seconds(kNov2NewYork + day * 86400);
    point->mutable_end_time()->set_seconds(kNov2NewYork + (day + 1) * 86400);
  }
  SetNps(report.mutable_series(0)->mutable_surveyed()->mutable_nps(), 1, 0, 3, -90, -10);
  SetNps(report.mutable_series(2)->mutable_surveyed()->mutable_nps(), 3, 0, 1, -10, 90);
  return report;
}

// The line of `text` that starts with `start`, or "".
std::string LineStarting(const std::string& text, const std::string& start) {
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (absl::StartsWith(line, start)) return std::string(line);
  }
  return "";
}

TEST(FigureReport, RecognisesSatisfactionReportButNotOtherResponses) {
  EXPECT_TRUE(IsFigureReport(v1::SatisfactionReport::descriptor()));
  EXPECT_FALSE(IsFigureReport(v1::Interaction::descriptor()));
}

TEST(FigureReport, TableHasValueIntervalAndCounts) {
  const std::string text = FigureReport(NpsReport(), Options("America/New_York"));
  EXPECT_THAT(text, HasSubstr("metric: NPS")) << text;
  EXPECT_THAT(LineStarting(text, "FIGURE"), HasSubstr("95% INTERVAL")) << text;
  const std::string score = LineStarting(text, "surveyed.nps.score ");
  EXPECT_THAT(score, HasSubstr("-20.0")) << text;
  EXPECT_THAT(score, HasSubstr("[-55.1, 15.1]")) << text;
  EXPECT_THAT(score, ::testing::EndsWith("10")) << text;
  EXPECT_THAT(LineStarting(text, "surveyed.nps.detractors "), HasSubstr("4")) << text;
  EXPECT_THAT(LineStarting(text, "surveyed.answers_by_score: "), HasSubstr("0 0 0 0 0 0 0 0 0 2 0"))
      << text;
}

TEST(FigureReport, AbsentFigureIsNoAnswersNotZero) {
  const std::string text = FigureReport(NpsReport(), Options("UTC"));
  const std::string mentioned = LineStarting(text, "mentioned ");
  EXPECT_THAT(mentioned, HasSubstr("no answers")) << text;
  EXPECT_THAT(mentioned, Not(HasSubstr("0"))) << text;
  // The figures of the oneof that are not the metric's are not rows at all.
  EXPECT_EQ(LineStarting(text, "surveyed.csat"), "") << text;
}

TEST(FigureReport, SeriesIsOneLinePerDayInTheRequestZone) {
  const std::string text = FigureReport(NpsReport(), Options("America/New_York"));
  EXPECT_THAT(text, HasSubstr("series (-100.0 to 100.0, America/New_York):")) << text;
  const std::string first = LineStarting(text, "2026-11-02 ");
  const std::string empty = LineStarting(text, "2026-11-03 ");
  const std::string third = LineStarting(text, "2026-11-04 ");
  EXPECT_THAT(first, HasSubstr("-50.0")) << text;
  EXPECT_THAT(first, HasSubstr("[-90.0, -10.0]")) << text;
  EXPECT_THAT(first, HasSubstr("n=4 promoters=1 passives=0 detractors=3")) << text;
  EXPECT_THAT(empty, HasSubstr("no answers")) << text;
  EXPECT_THAT(empty, Not(HasSubstr("#"))) << text;
  EXPECT_THAT(third, HasSubstr("50.0")) << text;
}

TEST(FigureReport, NegativeBarsSitLeftOfTheZeroAxis) {
  const std::string text = FigureReport(NpsReport(), Options("America/New_York"));
  const std::string first = LineStarting(text, "2026-11-02 ");
  const std::string third = LineStarting(text, "2026-11-04 ");
  // NPS spans -100..100 (from the proto comment), 40 cells: 50 points are 10 cells.
  EXPECT_THAT(first,
              HasSubstr(std::string(10, ' ') + std::string(10, '#') + "|" + std::string(20, ' ')))
      << text;
  EXPECT_THAT(third,
              HasSubstr(std::string(20, ' ') + "|" + std::string(10, '#') + std::string(10, ' ')))
      << text;
  // The axis is in the same column on every line.
  EXPECT_EQ(first.find('|'), third.find('|')) << text;
  EXPECT_EQ(first.find('|'), LineStarting(text, "2026-11-03 ").find('|')) << text;
}

TEST(FigureReport, DatesFollowTheZone) {
  // In UTC the New York midnights are 05:00.
  const std::string text = FigureReport(NpsReport(), Options("UTC"));
  EXPECT_THAT(text, HasSubstr("2026-11-02 05:00")) << text;
}

TEST(FigureReport, CsatValuesFindTheirIntervalsByName) {
  v1::SatisfactionReport report;
  report.set_metric(v1::CSAT);
  v1::CsatFigure* csat = report.mutable_surveyed()->mutable_csat();
  csat->set_answers(5);
  csat->set_satisfied(4);
  csat->set_satisfied_percent(80);
  csat->mutable_satisfied_interval()->set_low(37.6);
  csat->mutable_satisfied_interval()->set_high(96.4);
  csat->set_mean(4.2);
  csat->mutable_mean_interval()->set_low(3.1);
  csat->mutable_mean_interval()->set_high(5.3);
  const std::string text = FigureReport(report, Options("UTC"));
  EXPECT_THAT(LineStarting(text, "surveyed.csat.satisfied_percent "), HasSubstr("[37.6, 96.4]"))
      << text;
  EXPECT_THAT(LineStarting(text, "surveyed.csat.mean "), HasSubstr("[3.1, 5.3]")) << text;
  EXPECT_THAT(LineStarting(text, "surveyed.csat.satisfied "), HasSubstr("4")) << text;
}

TEST(FigureReport, SeriesWithoutNaturalRangeSpansItsValues) {
  v1::SatisfactionReport report = NpsReport();
  FigureReportOptions options;  // No comments: no natural range.
  const std::string text = FigureReport(report, options);
  EXPECT_THAT(text, HasSubstr("series (-50.0 to 50.0, UTC):")) << text;
  const std::string first = LineStarting(text, "2026-11-02 ");
  EXPECT_THAT(first, HasSubstr(std::string(20, '#') + "|")) << text;
}

TEST(RequestTimeZone, ReadsTheSeriesZone) {
  v1::GetSatisfactionRequest request;
  EXPECT_EQ(RequestTimeZone(request).name(), "UTC");
  request.mutable_series()->set_time_zone("Europe/Lisbon");
  EXPECT_EQ(RequestTimeZone(request).name(), "Europe/Lisbon");
  request.mutable_series()->set_time_zone("Nowhere/Atlantis");
  EXPECT_EQ(RequestTimeZone(request).name(), "UTC");
}

}  // namespace
}  // namespace cxhub::cxctl
