#include "clients/cxctl/report/html_report.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "clients/cxctl/report/journey_stage_name.h"
#include "clients/cxctl/report/markup_text.h"
#include "clients/cxctl/report/svg_chart.h"

namespace cxhub::cxctl {
namespace {

constexpr char kStyle[] = R"css(
:root { --ink: #1f2933; --muted: #616e7c; --rule: #cbd2d9; --accent: #2f6db5; --bad: #b4432c; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 62rem; padding: 1.5rem 2rem; line-height: 1.45; font-size: 15px; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--rule); padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
p.period, p.note, figcaption, .muted { color: var(--muted); }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; }
nav a { color: var(--accent); text-decoration: none; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .3rem 0 1rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { font-weight: 600; background: #f5f7fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.value { font-weight: 600; font-size: 1.05rem; }
.interval, .counts { display: block; color: var(--muted); font-size: .8rem; }
.absent { color: var(--muted); font-style: italic; }
.unavailable { border-left: 4px solid var(--bad); background: #fdf3f1; padding: .6rem .9rem; }
.barcell { width: 35%; }
.share-bar { display: block; height: .8rem; background: var(--accent); border-radius: 2px; min-width: 1px;
       -webkit-print-color-adjust: exact; print-color-adjust: exact; }
figure { margin: 1rem 0; }
svg.chart { width: 100%; height: auto; font-size: 11px; font-family: inherit; }
svg.chart text { fill: var(--muted); }
svg.chart .grid { stroke: #e4e7eb; }
svg.chart .zero, svg.chart .frame { stroke: #7b8794; }
svg.chart .line { fill: none; stroke: var(--accent); stroke-width: 2; }
svg.chart .point { fill: var(--accent); }
svg.chart .bar { fill: var(--accent); opacity: .85; }
svg.chart .interval { stroke: var(--ink); stroke-width: 1; }
.journey svg { max-width: 100%; height: auto; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav { display: none; }
  h2 { break-after: avoid; }
  figure, table, .journey { break-inside: avoid; }
}
)css";

std::string Num(double value, int decimals = 1) { return absl::StrFormat("%.*f", decimals, value); }

std::string StatusText(const absl::Status& status) {
  const std::string code = absl::StatusCodeToString(status.code());
  return status.message().empty() ? code : absl::StrCat(code, ": ", status.message());
}

// The note standing for a part of the report the server could not give.
std::string Unavailable(absl::string_view what, const absl::Status& status) {
  const std::string lead = status.code() == absl::StatusCode::kUnimplemented
                               ? absl::StrCat("The server does not provide ", what)
                               : absl::StrCat("The server could not give ", what);
  return absl::StrCat("<p class=\"unavailable\">", MarkupEscape(lead), " (",
                      MarkupEscape(StatusText(status)), ").</p>\n");
}

std::string Absent() { return "<span class=\"absent\">no answers</span>"; }

std::string FigureCell(const std::string& value, const v1::ConfidenceInterval& interval,
                       const std::string& counts) {
  return absl::StrCat("<td class=\"num\"><span class=\"value\">", value,
                      "</span><span class=\"interval\">[", Num(interval.low()), ", ",
                      Num(interval.high()), "]</span><span class=\"counts\">", counts,
                      "</span></td>");
}

std::string NpsCell(const std::optional<v1::NpsFigure>& nps) {
  if (!nps.has_value()) return absl::StrCat("<td class=\"num\">", Absent(), "</td>");
  return FigureCell(absl::StrFormat("%+.1f", nps->score()), nps->interval(),
                    absl::StrCat("n=", nps->answers(), " &middot; ", nps->promoters(), " / ",
                                 nps->passives(), " / ", nps->detractors()));
}

std::string CsatCell(const std::optional<v1::CsatFigure>& csat) {
  if (!csat.has_value()) return absl::StrCat("<td class=\"num\">", Absent(), "</td>");
  return FigureCell(absl::StrCat(Num(csat->satisfied_percent()), "%"), csat->satisfied_interval(),
                    absl::StrCat("n=", csat->answers(), " &middot; mean ", Num(csat->mean(), 2)));
}

std::string CesCell(const std::optional<v1::CesFigure>& ces) {
  if (!ces.has_value()) return absl::StrCat("<td class=\"num\">", Absent(), "</td>");
  return FigureCell(
      Num(ces->mean(), 2), ces->mean_interval(),
      absl::StrCat("n=", ces->answers(), " &middot; ", Num(ces->easy_percent()), "% easy"));
}

std::string FigureTable(const std::string& first_column, bool with_detail,
                        const std::vector<const SliceFigures*>& slices) {
  std::string out =
      absl::StrCat("<table class=\"figures\"><thead><tr><th>", MarkupEscape(first_column), "</th>",
                   with_detail ? "<th>Stage</th>" : "",
                   "<th class=\"num\">NPS<span class=\"counts\">promoters / passives "
                   "/ detractors</span></th><th class=\"num\">CSAT (4-5)</th>"
                   "<th class=\"num\">CES mean</th></tr></thead><tbody>\n");
  for (const SliceFigures* slice : slices) {
    absl::StrAppend(&out, "<tr><td>", MarkupEscape(slice->name), "</td>",
                    with_detail ? absl::StrCat("<td>", MarkupEscape(slice->detail), "</td>") : "",
                    NpsCell(slice->nps), CsatCell(slice->csat), CesCell(slice->ces), "</tr>\n");
  }
  return out + "</tbody></table>\n";
}

std::vector<const SliceFigures*> Pointers(const std::vector<SliceFigures>& slices) {
  std::vector<const SliceFigures*> out;
  for (const SliceFigures& slice : slices) out.push_back(&slice);
  return out;
}

std::string SatisfactionSection(const ReportContent& content) {
  std::string out =
      "<section id=\"satisfaction\"><h2>Satisfaction</h2>\n<p class=\"note\">Each figure with "
      "its 95% interval and the answers behind it; &ldquo;no answers&rdquo; where there is no "
      "figure (never a 0).</p>\n";
  out += FigureTable("Scope", false, {&content.overall});
  out += "<h3>Per touchpoint</h3>\n";
  out += content.touchpoints.empty()
             ? "<p class=\"muted\">No touchpoints.</p>\n"
             : FigureTable("Touchpoint", true, Pointers(content.touchpoints));
  out += "<h3>Per channel</h3>\n";
  out += content.channels.empty() ? "<p class=\"muted\">No channels.</p>\n"
                                  : FigureTable("Channel", false, Pointers(content.channels));
  return out + "</section>\n";
}

std::string PointLabel(const v1::SatisfactionPoint& point, const ReportContent& content) {
  const absl::Time start = absl::FromUnixSeconds(point.start_time().seconds());
  return absl::FormatTime(content.granularity == v1::GRANULARITY_MONTH ? "%Y-%m" : "%m-%d", start,
                          content.time_zone);
}

// The chart points of a series: each point's label and count, and the value and interval
// `read` takes from its surveyed figure (false: the point has no figure of the metric).
template <typename Read>
std::vector<ChartPoint> SeriesPoints(const v1::SatisfactionReport& report,
                                     const ReportContent& content, Read read) {
  std::vector<ChartPoint> points;
  for (const v1::SatisfactionPoint& point : report.series()) {
    ChartPoint chart;
    chart.label = PointLabel(point, content);
    if (point.has_surveyed()) read(point.surveyed(), chart);
    points.push_back(chart);
  }
  return points;
}

bool ReadNps(const v1::SatisfactionFigure& figure, ChartPoint& point) {
  if (!figure.has_nps()) return false;
  point.value = figure.nps().score();
  point.low = figure.nps().interval().low();
  point.high = figure.nps().interval().high();
  point.count = figure.nps().answers();
  return true;
}

bool ReadCsat(const v1::SatisfactionFigure& figure, ChartPoint& point) {
  if (!figure.has_csat()) return false;
  point.value = figure.csat().satisfied_percent();
  point.low = figure.csat().satisfied_interval().low();
  point.high = figure.csat().satisfied_interval().high();
  point.count = figure.csat().answers();
  return true;
}

std::string SeriesFigure(const std::string& chart, const std::string& caption) {
  return absl::StrCat("<figure>", chart, "<figcaption>", MarkupEscape(caption),
                      "</figcaption></figure>\n");
}

std::string SeriesSection(const ReportContent& content) {
  const std::string per = v1::Granularity_Name(content.granularity);
  const std::string zone = content.time_zone.name();
  std::string out = "<section id=\"series\"><h2>NPS and CSAT over time</h2>\n";
  out += "<h3>NPS</h3>\n";
  if (content.nps_series.ok()) {
    out += SeriesFigure(
        SvgChart({ChartSpec::Style::kLine, "NPS per point", "", -100, 100},
                 SeriesPoints(*content.nps_series, content, ReadNps)),
        absl::StrCat("NPS (-100 to +100) per ", absl::AsciiStrToLower(per.substr(12)), " in ", zone,
                     ", with its 95% interval; n is the answers behind each point. A gap "
                     "is a point with no answers."));
  } else {
    out += Unavailable("the NPS series", content.nps_series.status());
  }
  out += "<h3>CSAT</h3>\n";
  if (content.csat_series.ok()) {
    out += SeriesFigure(
        SvgChart({ChartSpec::Style::kBars, "CSAT per point", "%", 0, 100},
                 SeriesPoints(*content.csat_series, content, ReadCsat)),
        absl::StrCat("CSAT, % of answers of 4 or 5, per ", absl::AsciiStrToLower(per.substr(12)),
                     " in ", zone, ". No bar: no answers."));
  } else {
    out += Unavailable("the CSAT series", content.csat_series.status());
  }
  return out + "</section>\n";
}

std::string RetentionSection(const ReportContent& content) {
  std::string out = "<section id=\"retention\"><h2>Churn and retention</h2>\n";
  if (!content.retention.ok()) {
    return out + Unavailable("churn and retention", content.retention.status()) + "</section>\n";
  }
  const v1::RetentionReport& report = *content.retention;
  const v1::ActivityCounts& counts = report.counts();
  absl::StrAppend(&out,
                  "<table><thead><tr><th class=\"num\">Churn</th><th class=\"num\">"
                  "Retention</th><th class=\"num\">Active at start</th><th class=\"num\">"
                  "Retained</th><th class=\"num\">Active at end</th><th class=\"num\">New"
                  "</th></tr></thead><tbody><tr>");
  if (report.has_figure()) {
    absl::StrAppend(&out,
                    FigureCell(absl::StrCat(Num(report.figure().churn_percent()), "%"),
                               report.figure().churn_interval(), ""),
                    "<td class=\"num\"><span class=\"value\">",
                    Num(report.figure().retention_percent()), "%</span></td>");
  } else {
    absl::StrAppend(&out, "<td class=\"num absent\">nobody active at the start</td><td></td>");
  }
  absl::StrAppend(&out, "<td class=\"num\">", counts.active_at_start(), "</td><td class=\"num\">",
                  counts.retained(), "</td><td class=\"num\">", counts.active_at_end(),
                  "</td><td class=\"num\">", counts.new_customers(),
                  "</td></tr></tbody></table>\n<p class=\"note\">Active: at least one interaction "
                  "in the ",
                  report.activity_window_days(), " days before.</p>\n");
  return out + "</section>\n";
}

std::string Money(double minor_units, int exponent, const std::string& currency) {
  return absl::StrCat(Num(minor_units / std::pow(10.0, exponent), exponent), " ",
                      MarkupEscape(currency));
}

std::string LifetimeValueSection(const ReportContent& content) {
  std::string out = "<section id=\"lifetime-value\"><h2>Lifetime value</h2>\n";
  if (!content.lifetime_value.ok()) {
    return out + Unavailable("lifetime value", content.lifetime_value.status()) + "</section>\n";
  }
  if (content.lifetime_value->currencies().empty()) {
    return out + "<p class=\"muted\">No purchases in the period.</p></section>\n";
  }
  out +=
      "<table><thead><tr><th>Currency</th><th class=\"num\">Customers</th><th class=\"num\">"
      "Orders</th><th class=\"num\">Total</th><th class=\"num\">Mean</th><th class=\"num\">Median"
      "</th><th class=\"num\">P90</th><th class=\"num\">Predicted</th></tr></thead><tbody>\n";
  for (const v1::CurrencyLifetimeValue& value : content.lifetime_value->currencies()) {
    const v1::HistoricalLifetimeValue& h = value.historical();
    const int e = value.minor_unit_exponent();
    const std::string& c = value.currency();
    absl::StrAppend(
        &out, "<tr><td>", MarkupEscape(c), "</td><td class=\"num\">", h.customers(),
        "</td><td class=\"num\">", h.orders(), "</td><td class=\"num\">",
        Money(static_cast<double>(h.total_minor_units()), e, c), "</td><td class=\"num\">",
        Money(h.mean_minor_units(), e, c), "</td><td class=\"num\">",
        Money(h.median_minor_units(), e, c), "</td><td class=\"num\">",
        Money(static_cast<double>(h.p90_minor_units()), e, c), "</td><td class=\"num\">",
        value.has_predicted() ? Money(value.predicted().value_minor_units(), e, c)
                              : "<span class=\"absent\">no prediction</span>",
        "</td></tr>\n");
  }
  return out + "</tbody></table></section>\n";
}

// A table cell with a bar of `value` / `most`.
std::string BarCell(int64_t value, int64_t most) {
  const double share =
      most > 0
          ? std::clamp(100.0 * static_cast<double>(value) / static_cast<double>(most), 0.0, 100.0)
          : 0;
  return absl::StrCat("<td class=\"barcell\"><span class=\"share-bar\" style=\"width:", Num(share),
                      "%\"></span></td>");
}

std::string TouchpointName(const ReportContent& content, const std::string& touchpoint) {
  auto it = content.touchpoint_names.find(touchpoint);
  return it == content.touchpoint_names.end() || it->second.empty() ? touchpoint : it->second;
}

std::string DurationText(const google::protobuf::Duration& duration) {
  const double hours = static_cast<double>(duration.seconds()) / 3600;
  if (hours < 1) return absl::StrCat(duration.seconds() / 60, " min");
  if (hours < 48) return absl::StrCat(Num(hours), " h");
  return absl::StrCat(Num(hours / 24), " days");
}

std::string JourneyStagesTable(const v1::JourneyMap& map) {
  std::string out =
      "<table><thead><tr><th>Touchpoint</th><th>Stage</th><th class=\"num\">Interactions</th>"
      "<th class=\"num\">Customers</th><th class=\"num\">NPS</th><th class=\"num\">To next "
      "(median)</th><th class=\"num\">Journeys start</th><th class=\"num\">Journeys end</th>"
      "</tr></thead><tbody>\n";
  for (const v1::JourneyMapStage& stage : map.stages()) {
    const bool none = stage.touchpoint().empty();
    absl::StrAppend(
        &out, "<tr><td>",
        none ? "<span class=\"absent\">no touchpoint</span>"
             : MarkupEscape(stage.display_name().empty() ? stage.touchpoint()
                                                         : stage.display_name()),
        "</td><td>", none ? "" : MarkupEscape(JourneyStageName(stage.stage())),
        "</td><td class=\"num\">", stage.interactions(), "</td><td class=\"num\">",
        stage.customers(), "</td>",
        NpsCell(stage.has_nps() ? std::optional<v1::NpsFigure>(stage.nps()) : std::nullopt),
        "<td class=\"num\">",
        stage.has_median_time_to_next() ? DurationText(stage.median_time_to_next()) : "",
        "</td><td class=\"num\">", none ? "" : absl::StrCat(stage.journeys_starting()),
        "</td><td class=\"num\">", none ? "" : absl::StrCat(stage.journeys_ending()),
        "</td></tr>\n");
  }
  return out + "</tbody></table>\n";
}

std::string JourneyPathsTable(const v1::JourneyMap& map, const ReportContent& content) {
  if (map.paths().empty()) return "<p class=\"muted\">No paths.</p>\n";
  std::string out =
      "<table><thead><tr><th>Path</th><th></th><th class=\"num\">Customers</th><th class=\"num\">"
      "Share</th></tr></thead><tbody>\n";
  for (const v1::JourneyPath& path : map.paths()) {
    std::vector<std::string> names;
    for (const std::string& touchpoint : path.touchpoints()) {
      names.push_back(MarkupEscape(TouchpointName(content, touchpoint)));
    }
    absl::StrAppend(&out, "<tr><td>", absl::StrJoin(names, " &rarr; "), "</td>",
                    BarCell(static_cast<int64_t>(std::lround(path.share_percent())), 100),
                    "<td class=\"num\">", path.customers(), "</td><td class=\"num\">",
                    Num(path.share_percent()), "%</td></tr>\n");
  }
  return out + "</tbody></table>\n";
}

std::string JourneySection(const ReportContent& content) {
  std::string out = "<section id=\"journey\"><h2>Journey map</h2>\n";
  if (!content.journey_map.ok()) {
    return out + Unavailable("the journey map", content.journey_map.status()) + "</section>\n";
  }
  const v1::JourneyMap& map = *content.journey_map;
  absl::StrAppend(&out, "<p>", map.customers(), " customers active, ",
                  map.journeys_with_touchpoints(), " with a journey through touchpoints; ",
                  map.interactions_without_touchpoint(), " interactions at no touchpoint (",
                  map.customers_without_touchpoint(), " customers had only those).</p>\n");
  if (content.journey_svg.ok()) {
    absl::StrAppend(&out, "<figure class=\"journey\">", *content.journey_svg,
                    "<figcaption>Touchpoints by journey stage; arrows are moves from one "
                    "touchpoint to the next, labelled with their number.</figcaption></figure>\n");
  } else {
    // Drawn here, not by the server: Graphviz missing or refusing is this machine's problem.
    absl::StrAppend(&out, "<p class=\"unavailable\">The journey map could not be drawn (",
                    MarkupEscape(StatusText(content.journey_svg.status())), ").</p>\n");
  }
  out += "<h3>Most common paths</h3>\n" + JourneyPathsTable(map, content);
  out += "<h3>Touchpoints</h3>\n" + JourneyStagesTable(map);
  return out + "</section>\n";
}

std::string ThemeTable(const std::string& title, bool by_customers,
                       const google::protobuf::RepeatedPtrField<v1::ComplaintTheme>& themes) {
  std::string out = absl::StrCat("<h3>", MarkupEscape(title), "</h3>\n");
  if (themes.empty()) return out + "<p class=\"muted\">None.</p>\n";
  int64_t most = 0;
  for (const v1::ComplaintTheme& theme : themes) {
    most = std::max(most, by_customers ? theme.customers() : theme.interactions());
  }
  absl::StrAppend(&out, "<table class=\"themes\"><thead><tr><th>",
                  by_customers ? "Intent" : "Phrase",
                  "</th><th></th><th class=\"num\">Interactions</th><th class=\"num\">Customers"
                  "</th><th class=\"num\">Previous period</th><th class=\"num\">Change</th>"
                  "</tr></thead><tbody>\n");
  for (const v1::ComplaintTheme& theme : themes) {
    absl::StrAppend(
        &out, "<tr><td>", MarkupEscape(theme.text()), "</td>",
        BarCell(by_customers ? theme.customers() : theme.interactions(), most),
        "<td class=\"num\">", theme.interactions(), "</td><td class=\"num\">", theme.customers(),
        "</td><td class=\"num\">", theme.previous_interactions(), "</td><td class=\"num\">",
        theme.has_change_percent() ? absl::StrFormat("%+.0f%%", theme.change_percent()) : "new",
        "</td></tr>\n");
  }
  return out + "</tbody></table>\n";
}

std::string ComplaintsSection(const ReportContent& content) {
  std::string out = "<section id=\"complaints\"><h2>What complaints say</h2>\n";
  if (!content.complaints.ok()) {
    return out + Unavailable("complaint themes", content.complaints.status()) + "</section>\n";
  }
  const v1::ComplaintThemes& themes = *content.complaints;
  absl::StrAppend(&out, "<p>", themes.interactions(), " interactions from ", themes.customers(),
                  " customers; change against the previous period of the same length.</p>\n");
  out += ThemeTable("Intents (customers who asked)", true, themes.intents());
  out += ThemeTable("Terms", false, themes.terms());
  out += ThemeTable("Two-word phrases", false, themes.two_word_phrases());
  out += ThemeTable("Three-word phrases", false, themes.three_word_phrases());
  return out + "</section>\n";
}

std::string ShareCell(const v1::IntentShare& share) {
  return FigureCell(absl::StrCat(Num(share.percent()), "%"), share.interval(),
                    absl::StrCat("n=", share.visits()));
}

// One row per value of a breakdown (and its remainder), with the shares of each intent.
std::string IntentTable(const std::string& title, const std::string& column,
                        const v1::IntentBreakdown& breakdown, const ReportContent& content,
                        bool touchpoints) {
  std::string out = absl::StrCat("<h3>", MarkupEscape(title), "</h3>\n");
  if (breakdown.entries().empty()) return out + "<p class=\"muted\">No visits.</p>\n";
  absl::StrAppend(&out, "<table class=\"intent\"><thead><tr><th>", MarkupEscape(column),
                  "</th><th class=\"num\">Visits</th><th class=\"num\">Transactional</th>"
                  "<th class=\"num\">Informational</th><th class=\"num\">Neither</th></tr>"
                  "</thead><tbody>\n");
  auto row = [&](const std::string& name, const v1::IntentShares& shares) {
    absl::StrAppend(&out, "<tr><td>", name, "</td><td class=\"num\">", shares.visits(), "</td>",
                    ShareCell(shares.transactional()), ShareCell(shares.informational()),
                    ShareCell(shares.none()), "</tr>\n");
  };
  for (const v1::IntentBreakdownEntry& entry : breakdown.entries()) {
    std::string name = touchpoints ? TouchpointName(content, entry.value()) : entry.value();
    row(name.empty() ? "<span class=\"absent\">none</span>" : MarkupEscape(name), entry.shares());
  }
  if (breakdown.has_other()) {
    row("<span class=\"absent\">all others</span>", breakdown.other());
  }
  absl::StrAppend(&out, "</tbody></table>\n<p class=\"note\">", breakdown.values(),
                  " distinct values.</p>\n");
  return out;
}

std::string VisitorIntentSection(const ReportContent& content) {
  std::string out = "<section id=\"visitor-intent\"><h2>Why visitors came</h2>\n";
  if (!content.visitor_intent.ok()) {
    return out + Unavailable("the visitor intent", content.visitor_intent.status()) +
           "</section>\n";
  }
  const v1::VisitorIntentReport& report = *content.visitor_intent;
  if (!report.has_overall()) {
    return out + "<p class=\"muted\">No website visits in the period.</p></section>\n";
  }
  out +=
      "<p class=\"note\">Each visit classified by the web connector's rules: transactional (to "
      "place an order), informational (to find answers or reviews) or neither. Each share with "
      "its 95% interval and the visits behind it.</p>\n";
  absl::StrAppend(&out,
                  "<table class=\"intent\"><thead><tr><th>Scope</th><th class=\"num\">Visits"
                  "</th><th class=\"num\">Transactional</th><th class=\"num\">Informational"
                  "</th><th class=\"num\">Neither</th></tr></thead><tbody>\n<tr><td>All visits"
                  "</td><td class=\"num\">",
                  report.overall().visits(), "</td>", ShareCell(report.overall().transactional()),
                  ShareCell(report.overall().informational()), ShareCell(report.overall().none()),
                  "</tr>\n</tbody></table>\n");
  out +=
      IntentTable("By referrer type", "Referrer type", report.by_referrer_type(), content, false);
  out += IntentTable("Top search keywords", "Keyword", report.by_search_keyword(), content, false);
  out += IntentTable("Top entry pages", "Entry page", report.by_entry_page(), content, false);
  out += IntentTable("By touchpoint", "Touchpoint", report.by_touchpoint(), content, true);
  return out + "</section>\n";
}

std::string Header(const ReportContent& content) {
  constexpr char kFormat[] = "%Y-%m-%d %H:%M";
  return absl::StrCat(
      "<header><h1>Customer experience report</h1>\n<p class=\"period\">From ",
      absl::FormatTime(kFormat, content.start, content.time_zone), " to ",
      absl::FormatTime(kFormat, content.end, content.time_zone), " (",
      MarkupEscape(content.time_zone.name()), ", end excluded) &middot; from ",
      MarkupEscape(content.server), " &middot; made ",
      absl::FormatTime(kFormat, content.generated, content.time_zone),
      "</p></header>\n<nav><ul><li><a href=\"#satisfaction\">Satisfaction</a></li><li><a "
      "href=\"#series\">Over time</a></li><li><a href=\"#retention\">Churn</a></li><li><a "
      "href=\"#lifetime-value\">Lifetime value</a></li><li><a href=\"#journey\">Journey map</a>"
      "</li><li><a href=\"#complaints\">Complaints</a></li><li><a href=\"#visitor-intent\">"
      "Visitor intent</a></li></ul></nav>\n");
}

}  // namespace

std::string HtmlReport(const ReportContent& content) {
  return absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta "
      "name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Customer "
      "experience report</title>\n<style>",
      kStyle, "</style>\n</head>\n<body>\n", Header(content), "<main>\n",
      SatisfactionSection(content), SeriesSection(content), RetentionSection(content),
      LifetimeValueSection(content), JourneySection(content), ComplaintsSection(content),
      VisitorIntentSection(content),
      "</main>\n<footer class=\"muted\"><p>Made by cxctl report html. Definitions of every "
      "figure: the comments of protos/cxhub/v1/analytics.proto.</p></footer>\n</body>\n</html>\n");
}

}  // namespace cxhub::cxctl
