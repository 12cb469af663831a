// One HTTP GET over libcurl, for the tests that read cxhubd's /metrics and Prometheus's API, and
// for cxload, which reads the /metrics of the server it loads.
#ifndef CXHUB_TESTS_MONITORING_HTTP_GET_H_
#define CXHUB_TESTS_MONITORING_HTTP_GET_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace cxhub::monitoring {

// The body of `url`. UNAVAILABLE when nothing answers (connection refused, timeout), and
// FAILED_PRECONDITION naming the status and body for an answer other than 2xx.
absl::StatusOr<std::string> HttpGet(const std::string& url,
                                    absl::Duration timeout = absl::Seconds(5));

// `text` escaped for a URL's query string.
std::string UrlEscape(const std::string& text);

}  // namespace cxhub::monitoring

#endif  // CXHUB_TESTS_MONITORING_HTTP_GET_H_
