// Debian's Prometheus server (/usr/bin/prometheus) run by a test: on a free loopback port, its
// TSDB in the test's temporary directory, scraping one target every second, asked questions
// in PromQL over its HTTP API (/api/v1/query).
#ifndef CXHUB_TESTS_MONITORING_PROMETHEUS_SERVER_H_
#define CXHUB_TESTS_MONITORING_PROMETHEUS_SERVER_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tests/monitoring/child_process.h"

namespace cxhub::monitoring {

// One series of an instant vector: its labels and its value.
struct Sample {
  std::map<std::string, std::string> labels;
  double value = 0;
};

// The samples of `samples` that describe themselves in one line each, for failure messages.
std::string Describe(const std::vector<Sample>& samples);

class PrometheusServer {
 public:
  // Writes prometheus.yml into `work_dir` (scrape job "cxhub", target `target` such as
  // "127.0.0.1:9464", every second; the rule files `rule_files` loaded), starts Prometheus and
  // waits, at most `timeout`, until it is ready.
  absl::Status Start(const std::string& work_dir, const std::string& target,
                     const std::vector<std::string>& rule_files,
                     absl::Duration timeout = absl::Seconds(30));

  // The instant vector `promql` evaluates to now. INVALID_ARGUMENT for an answer that is not a
  // vector (a bad query).
  absl::StatusOr<std::vector<Sample>> Query(const std::string& promql);

  // Queries `promql` until `accept` holds for its answer or `timeout` has passed; returns the
  // last answer, whether accepted or not, so the caller can assert on it and show it.
  absl::StatusOr<std::vector<Sample>> QueryUntil(
      const std::string& promql, const std::function<bool(const std::vector<Sample>&)>& accept,
      absl::Duration timeout = absl::Seconds(30));

  // What Prometheus logged, for a failure message.
  std::string Log() const { return process_.Output(); }

 private:
  std::string base_url_;
  ChildProcess process_;
};

}  // namespace cxhub::monitoring

#endif  // CXHUB_TESTS_MONITORING_PROMETHEUS_SERVER_H_
