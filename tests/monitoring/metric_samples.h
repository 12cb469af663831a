// cxhubd's /metrics read as a monitoring system reads it: for the tests that check what it
// exposes, and for cxload, which reads the group commit's counters of the server it loads.
#ifndef CXHUB_TESTS_MONITORING_METRIC_SAMPLES_H_
#define CXHUB_TESTS_MONITORING_METRIC_SAMPLES_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cxhub::monitoring {

// The text exposition of the metrics endpoint at `address` (host:port, path /metrics).
absl::StatusOr<std::string> ScrapeMetrics(const std::string& address);

// The value of the sample `series` (its name and labels exactly as exposed, e.g.
// `cxhub_rpc_calls_total{method="GetCustomer",code="OK"}`) in a scrape; nullopt when there is
// none or its value does not parse.
std::optional<double> SampleValue(absl::string_view scrape, absl::string_view series);

}  // namespace cxhub::monitoring

#endif  // CXHUB_TESTS_MONITORING_METRIC_SAMPLES_H_
