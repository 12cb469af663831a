// The self-contained HTML report of a period: satisfaction figures overall, per touchpoint and
// per channel (with counts and intervals), the NPS and CSAT series as SVG charts, churn and
// lifetime value, the journey map drawn by Graphviz, the top complaint phrases and intents, and
// why visitors came to the website (visitor intent shares, by referrer type, top keywords and
// entry pages).
// One file with its CSS and SVG inline: no script, nothing fetched from the network, readable
// printed. Every string from the server is escaped.
//
// A part the server could not give (an RPC it does not implement, an error) is a section that
// says so with the status, never a section left out silently or filled with zeros.
#ifndef CXHUB_CLIENTS_CXCTL_REPORT_HTML_REPORT_H_
#define CXHUB_CLIENTS_CXCTL_REPORT_HTML_REPORT_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cxhub/v1/analytics.pb.h"
#include "cxhub/v1/complaints.pb.h"
#include "cxhub/v1/journey.pb.h"

namespace cxhub::cxctl {

// The satisfaction figures of one slice of the period (everything, a touchpoint, a channel);
// each unset when the slice has no answers of that metric.
struct SliceFigures {
  std::string name;    // "Place an order", "email".
  std::string detail;  // The touchpoint's journey stage; "" for a channel.
  std::optional<v1::NpsFigure> nps;
  std::optional<v1::CsatFigure> csat;
  std::optional<v1::CesFigure> ces;
};

// Everything the report shows, as read from the server.
struct ReportContent {
  // The period [start, end), shown in time_zone, where the series' points begin.
  absl::Time start;
  absl::Time end;
  absl::TimeZone time_zone = absl::UTCTimeZone();
  v1::Granularity granularity = v1::GRANULARITY_DAY;
  std::string server;  // Where the figures come from, as named on the command line.
  absl::Time generated;

  SliceFigures overall;
  std::vector<SliceFigures> touchpoints;
  std::vector<SliceFigures> channels;
  // GetSatisfaction over the period with a series, for NPS and for CSAT.
  absl::StatusOr<v1::SatisfactionReport> nps_series;
  absl::StatusOr<v1::SatisfactionReport> csat_series;
  absl::StatusOr<v1::RetentionReport> retention;
  absl::StatusOr<v1::LifetimeValueReport> lifetime_value;
  absl::StatusOr<v1::JourneyMap> journey_map;
  // The journey map drawn as SVG by Graphviz (an error when dot could not run).
  absl::StatusOr<std::string> journey_svg;
  absl::StatusOr<v1::ComplaintThemes> complaints;
  // GetVisitorIntent over the period, 10 values per breakdown.
  absl::StatusOr<v1::VisitorIntentReport> visitor_intent;
  // "touchpoints/{id}" -> display name, for the journey's paths.
  std::map<std::string, std::string> touchpoint_names;
};

// The whole HTML document.
std::string HtmlReport(const ReportContent& content);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_REPORT_HTML_REPORT_H_
