// How cxctl prints the CX figures (AnalyticsService responses) for people: a table of the
// figures with their intervals and counts, and a terminal chart of each series. Everything is
// read by protobuf reflection, so a figure RPC added to the protos prints with no code here as
// long as its messages follow this convention (the satisfaction messages do):
//
//  - A *figure* is a message with double fields and an interval: a field whose type has double
//    `low` and `high` (cxhub.v1.ConfidenceInterval). Each double field is a value, and its
//    interval is the sibling named `<value>_interval`, `<stem>_interval` for a value named
//    `<stem>_<unit>` (satisfied_percent: satisfied_interval), or `interval` when the figure has
//    one value. The first int64 field is the sample size n; the other int64 fields are the
//    counts behind the figure (promoters, passives, detractors).
//  - A value's natural range is in its field's comment, when that starts "From A to B" or
//    "A to B" (NpsFigure.score: "From -100 to +100."); a chart then spans it, with an axis at 0
//    when it is inside.
//  - A message field whose type holds figures (a figure, or a message with such fields, like
//    SatisfactionFigure and its oneof) prints as rows named by their path
//    ("surveyed.nps.score"). Unset, and not a member of a oneof, it prints "no answers": an
//    absent figure is never shown as 0. Repeated int64 fields beside figures
//    (answers_by_score) print below the table as one line of counts.
//  - A *series* is a repeated field of points: messages with a Timestamp `start_time` and a
//    field holding figures. It prints one line per point: the start (a date, with the time when
//    it is not midnight) in the time zone the request names, the point's headline value (the
//    first value of its first figure) with its interval, a bar, then n and the counts. Further
//    figures of the point (the mentioned scores) follow on the line.
//
// Other fields of the response print as "field: value" lines above the table.
#ifndef CXHUB_CLIENTS_CXCTL_FIGURE_REPORT_H_
#define CXHUB_CLIENTS_CXCTL_FIGURE_REPORT_H_

#include <string>

#include "absl/time/time.h"
#include "clients/cxctl/flag_schema.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace cxhub::cxctl {

struct FigureReportOptions {
  // The proto comments, for the natural ranges; may be empty (no natural ranges).
  CommentLookup comments;
  // The zone in which the dates of series points are shown.
  absl::TimeZone time_zone = absl::UTCTimeZone();
};

// Whether responses of `type` hold figures or series, and so print with FigureReport.
bool IsFigureReport(const google::protobuf::Descriptor* type);

// `report` (IsFigureReport) as text: its other fields, the figure table, then each series' chart.
std::string FigureReport(const google::protobuf::Message& report,
                         const FigureReportOptions& options);

// The zone a request names in a string field `time_zone` (at any depth, the first one set),
// UTC when it names none or one that cannot be loaded here.
absl::TimeZone RequestTimeZone(const google::protobuf::Message& request);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_FIGURE_REPORT_H_
