// Reads what a report shows from a cxhub server: the touchpoints and channels, the satisfaction
// figures of the period per touchpoint and per channel, the series, churn, lifetime value, the
// journey map, the complaint themes and the visitor intent.
#ifndef CXHUB_CLIENTS_CXCTL_REPORT_REPORT_SOURCE_H_
#define CXHUB_CLIENTS_CXCTL_REPORT_REPORT_SOURCE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "clients/cxctl/report/html_report.h"
#include "clients/cxctl/rpc_client.h"
#include "cxhub/v1/journey.pb.h"

namespace cxhub::cxctl {

struct ReportPeriod {
  absl::Time start;
  absl::Time end;  // Excluded.
  absl::TimeZone time_zone = absl::UTCTimeZone();
  v1::Granularity granularity = v1::GRANULARITY_DAY;
};

// The journey map of the period.
absl::StatusOr<v1::JourneyMap> ReadJourneyMap(const RpcClient& client, const ReportPeriod& period);

// Everything HtmlReport shows, the journey map drawn with `dot_program`. Fails (with the
// server's status) only when the touchpoints or the satisfaction figures of the period (overall,
// per touchpoint, per channel) cannot be read: then there is no report to make. Any other part
// that fails (the series, churn, lifetime value, the journey map or its drawing, the complaint
// themes, the visitor intent) is kept as its status, for the report to say so.
absl::StatusOr<ReportContent> ReadReportContent(const RpcClient& client, const ReportPeriod& period,
                                                const std::string& dot_program);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_REPORT_REPORT_SOURCE_H_
