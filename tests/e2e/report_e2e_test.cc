// `cxctl report` over real gRPC against cxhubd reading the shared samples with the shipped
// config: the HTML report's figures are the samples README's (NPS per touchpoint, per day and
// overall, CSAT), the journey map drawn by Graphviz, the complaint intents of the shipped
// config, and the visitor intent of the samples' visits.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "clients/cxctl/report/child_process.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_fixture.h"

namespace cxhub::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The table row of `html` whose first cell is `name` ("" when there is none).
std::string Row(const std::string& html, const std::string& name) {
  const size_t start = html.find(absl::StrCat("<tr><td>", name, "</td>"));
  if (start == std::string::npos) return "";
  return html.substr(start, html.find("</tr>", start) - start);
}

// The section of `html` with the id `id` ("" when there is none).
std::string Section(const std::string& html, const std::string& id) {
  const size_t start = html.find(absl::StrCat("<section id=\"", id, "\">"));
  if (start == std::string::npos) return "";
  return html.substr(start, html.find("</section>", start) - start);
}

class ReportE2eTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    ASSERT_NO_FATAL_FAILURE(StartOnSamples());
  }

  cxctl::ChildProcessResult Cxctl(std::vector<std::string> args) {
    args.insert(args.begin(), CXCTL_PATH);
    args.push_back(absl::StrCat("--server=127.0.0.1:", server_port()));
    absl::StatusOr<cxctl::ChildProcessResult> run = cxctl::RunChildProcess(args, "");
    EXPECT_TRUE(run.ok()) << run.status();
    return run.ok() ? *run : cxctl::ChildProcessResult();
  }
};

TEST_F(ReportE2eTest, HtmlReportShowsTheSamplesFigures) {
  const fs::path out = temp_dir() / "report.html";
  const cxctl::ChildProcessResult run =
      Cxctl({"report", "html", "--start", "2026-09-01", "--end", "2026-10-01", "--time-zone", "UTC",
             "--out", out.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string html = ReadFile(out);

  // NPS per touchpoint, as in the samples README: 4 answers each.
  EXPECT_THAT(Row(html, "Place an order"), HasSubstr("<span class=\"value\">+25.0</span>"));
  EXPECT_THAT(Row(html, "Receive the order"), HasSubstr("<span class=\"value\">-25.0</span>"));
  EXPECT_THAT(Row(html, "Get help"), HasSubstr("<span class=\"value\">+25.0</span>"));
  for (const char* touchpoint : {"Place an order", "Receive the order", "Get help"}) {
    EXPECT_THAT(Row(html, touchpoint), HasSubstr("n=4 &middot;")) << touchpoint;
  }
  // Overall: 5 promoters, 3 passives, 4 detractors; CSAT 1 of 2, mean 3.5; no CES answers.
  const std::string overall = Row(html, "All answers");
  EXPECT_THAT(overall, HasSubstr("<span class=\"value\">+8.3</span>"));
  EXPECT_THAT(overall, HasSubstr("n=12 &middot; 5 / 3 / 4"));
  EXPECT_THAT(overall, HasSubstr("<span class=\"value\">50.0%</span>"));
  EXPECT_THAT(overall, HasSubstr("n=2 &middot; mean 3.50"));
  EXPECT_THAT(overall, HasSubstr("<span class=\"absent\">no answers</span>"));
  // NPS per day: 7 Sep 2 answers (+100), 8 Sep 2 (-50), 12 Sep 1 (-100); 1 Sep none (a gap).
  const std::string series = Section(html, "series");
  EXPECT_THAT(series, HasSubstr("<title>09-07: 100.0 ["));
  EXPECT_THAT(series, HasSubstr("<title>09-08: -50.0 ["));
  EXPECT_THAT(series, HasSubstr("<title>09-12: -100.0 ["));
  EXPECT_THAT(series, HasSubstr("<title>09-01: no answers</title>"));
  EXPECT_THAT(Section(html, "satisfaction"), HasSubstr("<td>chat</td>"));

  // The journey map, drawn by Graphviz, with a stage row per touchpoint of the samples.
  const std::string journey = Section(html, "journey");
  EXPECT_THAT(journey, HasSubstr("class=\"journey\"><svg"));
  for (const char* touchpoint : {"Place an order", "Receive the order", "Get help"}) {
    EXPECT_THAT(journey, HasSubstr(touchpoint)) << touchpoint;
  }
  EXPECT_THAT(journey, Not(HasSubstr("does not provide")));
  // Complaint themes: the intents of the shipped config, each listed even when nobody asked.
  const std::string complaints = Section(html, "complaints");
  EXPECT_THAT(complaints, HasSubstr("<h3>Intents (customers who asked)</h3>"));
  for (const char* intent : {"where-is-my-order", "return-or-exchange", "no-answer", "refund"}) {
    EXPECT_THAT(complaints, HasSubstr(intent)) << intent;
  }
  EXPECT_THAT(complaints, Not(HasSubstr("does not provide")));
  // Visitor intent, as the samples README says: of 5 visits, 2 transactional (40%) and 3
  // informational (60%); the informational ones direct (2) and from social (1).
  const std::string intent = Section(html, "visitor-intent");
  const std::string all_visits = Row(intent, "All visits");
  EXPECT_THAT(all_visits, HasSubstr("<td>All visits</td><td class=\"num\">5</td>"));
  EXPECT_THAT(all_visits, HasSubstr("<span class=\"value\">40.0%</span>"));
  EXPECT_THAT(all_visits, HasSubstr("<span class=\"counts\">n=2</span>"));
  EXPECT_THAT(all_visits, HasSubstr("<span class=\"value\">60.0%</span>"));
  EXPECT_THAT(all_visits, HasSubstr("<span class=\"counts\">n=3</span>"));
  EXPECT_THAT(Row(intent, "direct"), HasSubstr("<td>direct</td><td class=\"num\">2</td>"));
  EXPECT_THAT(Row(intent, "social"), HasSubstr("<td>social</td><td class=\"num\">1</td>"));
  EXPECT_THAT(intent, HasSubstr("<h3>Top search keywords</h3>"));
  EXPECT_THAT(intent, HasSubstr("waterproof backpack 30l"));
  EXPECT_THAT(intent, HasSubstr("<h3>Top entry pages</h3>"));
  EXPECT_THAT(html, Not(HasSubstr("src=")));
}

TEST_F(ReportE2eTest, JourneyMapAsDotAndSvg) {
  const std::vector<std::string> month = {"report",     "journey-map", "--start",
                                          "2026-09-01", "--end",       "2026-10-01"};
  std::vector<std::string> dot = month;
  dot.insert(dot.end(), {"--format", "dot"});
  const cxctl::ChildProcessResult dot_run = Cxctl(dot);
  ASSERT_EQ(dot_run.exit_code, 0) << dot_run.err;
  EXPECT_TRUE(absl::StartsWith(dot_run.out, "digraph journey_map {")) << dot_run.out;
  EXPECT_THAT(dot_run.out, HasSubstr("Place an order"));
  std::vector<std::string> svg = month;
  svg.insert(svg.end(), {"--format", "svg"});
  const cxctl::ChildProcessResult svg_run = Cxctl(svg);
  ASSERT_EQ(svg_run.exit_code, 0) << svg_run.err;
  EXPECT_THAT(svg_run.out, HasSubstr("<svg"));
  EXPECT_THAT(svg_run.out, HasSubstr("Get help"));
}

}  // namespace
}  // namespace cxhub::e2e
