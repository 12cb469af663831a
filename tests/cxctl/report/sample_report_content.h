// A report's content built by hand (no server): the figures of three touchpoints and two
// channels, series with a gap, a journey map, complaint themes, and names that need escaping.
#ifndef CXHUB_TESTS_CXCTL_REPORT_SAMPLE_REPORT_CONTENT_H_
#define CXHUB_TESTS_CXCTL_REPORT_SAMPLE_REPORT_CONTENT_H_

#include "clients/cxctl/report/html_report.h"

namespace cxhub::cxctl {

// The touchpoint display name that carries markup: "Order <script>alert(1)</script> & \"co\"".
extern const char kHostileTouchpointName[];

ReportContent SampleReportContent();

}  // namespace cxhub::cxctl

#endif  // CXHUB_TESTS_CXCTL_REPORT_SAMPLE_REPORT_CONTENT_H_
