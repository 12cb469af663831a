// The HTML report assembled from hand-built messages: every section present, server text
// escaped, absent figures never shown as 0, nothing loaded from elsewhere, and a part the server
// does not provide said so.
#include "clients/cxctl/report/html_report.h"

#include <regex>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cxctl/report/occurrences.h"
#include "tests/cxctl/report/sample_report_content.h"

namespace cxhub::cxctl {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(HtmlReport, HasEverySection) {
  const std::string html = HtmlReport(SampleReportContent());
  EXPECT_TRUE(absl::StartsWith(html, "<!DOCTYPE html>"));
  EXPECT_TRUE(absl::EndsWith(html, "</html>\n"));
  for (const char* id : {"satisfaction", "series", "retention", "lifetime-value", "journey",
                         "complaints", "visitor-intent"}) {
    EXPECT_EQ(Occurrences(html, absl::StrCat("<section id=\"", id, "\">")), 1) << id;
    EXPECT_THAT(html, HasSubstr(absl::StrCat("href=\"#", id, "\""))) << id;
  }
  EXPECT_EQ(Occurrences(html, "<svg class=\"chart\""), 2);  // NPS and CSAT.
  EXPECT_THAT(html, HasSubstr("<svg class=\"journey-drawing\""));
  EXPECT_THAT(html, HasSubstr("<h3>Per touchpoint</h3>"));
  EXPECT_THAT(html, HasSubstr("<h3>Per channel</h3>"));
  EXPECT_THAT(html, HasSubstr("<td>Receive the order</td><td>Purchase</td>"));
  EXPECT_THAT(html, HasSubstr("<td>chat</td>"));
  EXPECT_THAT(html, HasSubstr("From 2026-09-07 00:00 to 2026-09-14 00:00 (UTC"));
}

TEST(HtmlReport, ShowsFiguresWithCountsAndIntervalsAndNoAnswersNotZero) {
  const std::string html = HtmlReport(SampleReportContent());
  // Overall NPS: 5 promoters, 3 passives, 4 detractors of 12.
  EXPECT_THAT(html, HasSubstr("<span class=\"value\">+8.3</span><span class=\"interval\">[-31.7, "
                              "38.3]</span><span class=\"counts\">n=12 &middot; 5 / 3 / 4</span>"));
  EXPECT_THAT(html, HasSubstr("<span class=\"value\">50.0%</span>"));
  EXPECT_THAT(html, HasSubstr("n=2 &middot; mean 3.50"));
  // No CES answer anywhere; touchpoints without CSAT answers.
  EXPECT_GE(Occurrences(html, "<span class=\"absent\">no answers</span>"), 6);
  EXPECT_THAT(html, HasSubstr("359.70 EUR"));
  EXPECT_THAT(html, HasSubstr("20.0%"));
}

TEST(HtmlReport, EscapesEveryStringFromTheServer) {
  const std::string html = HtmlReport(SampleReportContent());
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("<atraso>")));
  EXPECT_THAT(html, HasSubstr("Order &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;"));
  EXPECT_THAT(html, HasSubstr("&lt;atraso&gt; &amp; &quot;fatura&quot;"));
  // In the journey's paths too.
  EXPECT_THAT(html, HasSubstr("&amp; &quot;co&quot; &rarr; Receive the order"));
}

TEST(HtmlReport, LoadsNothingFromElsewhere) {
  const std::string html = HtmlReport(SampleReportContent());
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("<link")));
  EXPECT_THAT(html, Not(HasSubstr("@import")));
  EXPECT_THAT(html, Not(HasSubstr("url(")));
  const std::regex reference("\\b(src|href)\\s*=\\s*\"([^\"]*)\"", std::regex::icase);
  int references = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), reference);
       it != std::sregex_iterator(); ++it) {
    ++references;
    const std::string value = (*it)[2];
    EXPECT_FALSE(absl::StartsWith(value, "http")) << it->str();
    EXPECT_FALSE(absl::StartsWith(value, "//")) << it->str();
    EXPECT_TRUE(absl::StartsWith(value, "#")) << it->str();
  }
  EXPECT_EQ(references, 7);  // The table of contents.
}

TEST(HtmlReport, ChartsShowTheGapAndTheCounts) {
  const std::string html = HtmlReport(SampleReportContent());
  EXPECT_THAT(html, HasSubstr("09-10: no answers"));
  EXPECT_EQ(Occurrences(html, "<polyline"), 2);            // The NPS line, broken at 10 Sep.
  EXPECT_EQ(Occurrences(html, "<rect class=\"bar\""), 6);  // CSAT: no bar on 10 Sep.
}

TEST(HtmlReport, JourneyAndComplaintTables) {
  const std::string html = HtmlReport(SampleReportContent());
  EXPECT_THAT(html, HasSubstr("14 customers active, 12 with a journey through touchpoints; 3 "
                              "interactions at no touchpoint (2 customers had only those)."));
  EXPECT_THAT(html, HasSubstr("<span class=\"absent\">no touchpoint</span>"));
  EXPECT_THAT(html, HasSubstr("26.0 h"));  // Median time to next.
  EXPECT_THAT(html, HasSubstr("41.7%"));
  EXPECT_THAT(html, HasSubstr("<td>entrega atrasada</td>"));
  EXPECT_THAT(html, HasSubstr("<td>refund</td>"));
  EXPECT_THAT(html, HasSubstr("+100%"));      // entrega: 6 against 3.
  EXPECT_THAT(html, HasSubstr(">new</td>"));  // No previous occurrences.
  EXPECT_THAT(html, HasSubstr("style=\"width:100.0%\""));
}

TEST(HtmlReport, VisitorIntentSharesWithCountsIntervalsAndTheRest) {
  const std::string html = HtmlReport(SampleReportContent());
  const size_t start = html.find("<section id=\"visitor-intent\">");
  ASSERT_NE(start, std::string::npos);
  const std::string section = html.substr(start, html.find("</section>", start) - start);
  // All visits: 4 of 10 transactional, 5 informational, 1 neither, each with its interval.
  EXPECT_THAT(section,
              HasSubstr("<tr><td>All visits</td><td class=\"num\">10</td><td class=\"num\">"
                        "<span class=\"value\">40.0%</span><span class=\"interval\">"
                        "[20.0, 70.0]</span><span class=\"counts\">n=4</span></td>"));
  EXPECT_THAT(section, HasSubstr("<span class=\"value\">50.0%</span>"));
  EXPECT_THAT(section, HasSubstr("<span class=\"counts\">n=1</span>"));
  for (const char* title :
       {"By referrer type", "Top search keywords", "Top entry pages", "By touchpoint"}) {
    EXPECT_THAT(section, HasSubstr(absl::StrCat("<h3>", title, "</h3>"))) << title;
  }
  EXPECT_THAT(section, HasSubstr("<tr><td>search</td><td class=\"num\">5</td>"));
  EXPECT_THAT(section, HasSubstr("<td>waterproof &lt;backpack&gt; &amp; &quot;30l&quot;</td>"));
  EXPECT_THAT(section, Not(HasSubstr("<backpack>")));
  // Visits without a keyword, the remainder, and the touchpoint by its name.
  EXPECT_THAT(section, HasSubstr("<tr><td><span class=\"absent\">none</span></td>"
                                 "<td class=\"num\">5</td>"));
  EXPECT_THAT(section, HasSubstr("<tr><td><span class=\"absent\">all others</span></td>"
                                 "<td class=\"num\">3</td>"));
  EXPECT_THAT(section, HasSubstr("5 distinct values."));
  EXPECT_THAT(section, HasSubstr("<td>Order &lt;script&gt;"));
}

TEST(HtmlReport, SaysWhatTheServerDoesNotProvide) {
  ReportContent content = SampleReportContent();
  content.journey_map = absl::UnimplementedError("GetJourneyMap is not implemented");
  content.complaints = absl::UnavailableError("the database is down");
  content.lifetime_value = absl::UnimplementedError("no <lifetime> value");
  content.visitor_intent = absl::UnimplementedError("GetVisitorIntent is not implemented");
  const std::string html = HtmlReport(content);
  EXPECT_THAT(html, HasSubstr("The server does not provide the visitor intent (UNIMPLEMENTED: "
                              "GetVisitorIntent is not implemented)."));
  EXPECT_THAT(html, HasSubstr("The server does not provide the journey map (UNIMPLEMENTED: "
                              "GetJourneyMap is not implemented)."));
  EXPECT_THAT(html, HasSubstr("The server could not give complaint themes (UNAVAILABLE: the "
                              "database is down)."));
  EXPECT_THAT(html, HasSubstr("no &lt;lifetime&gt; value"));
  EXPECT_EQ(Occurrences(html, "<section id=\"journey\">"), 1);
  EXPECT_THAT(html, Not(HasSubstr("journey-drawing")));
}

TEST(HtmlReport, SaysWhenTheJourneyMapCouldNotBeDrawn) {
  ReportContent content = SampleReportContent();
  content.journey_svg = absl::NotFoundError("cannot run dot: No such file or directory");
  const std::string html = HtmlReport(content);
  EXPECT_THAT(html, HasSubstr("The journey map could not be drawn (NOT_FOUND: cannot run dot"));
  EXPECT_THAT(html, HasSubstr("<h3>Most common paths</h3>"));  // The tables are still there.
}

TEST(HtmlReport, AnEmptyPeriodSaysSo) {
  ReportContent content;
  content.overall.name = "All answers";
  content.nps_series = v1::SatisfactionReport();
  content.csat_series = v1::SatisfactionReport();
  content.retention = v1::RetentionReport();
  content.lifetime_value = v1::LifetimeValueReport();
  content.journey_map = v1::JourneyMap();
  content.journey_svg = "<svg></svg>";
  content.complaints = v1::ComplaintThemes();
  content.visitor_intent = v1::VisitorIntentReport();
  const std::string html = HtmlReport(content);
  EXPECT_THAT(html, HasSubstr("No website visits in the period."));
  EXPECT_THAT(html, HasSubstr("No touchpoints."));
  EXPECT_THAT(html, HasSubstr("No points"));
  EXPECT_THAT(html, HasSubstr("nobody active at the start"));
  EXPECT_THAT(html, HasSubstr("No purchases in the period."));
  EXPECT_THAT(html, HasSubstr("No paths."));
  EXPECT_THAT(html, Not(HasSubstr("nan")));
}

}  // namespace
}  // namespace cxhub::cxctl
