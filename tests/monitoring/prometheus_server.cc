#include "tests/monitoring/prometheus_server.h"

#include <simdjson.h>

#include <fstream>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "tests/monitoring/free_port.h"
#include "tests/monitoring/http_get.h"

namespace cxhub::monitoring {
namespace {

std::string ScrapeConfig(const std::string& target, const std::vector<std::string>& rule_files) {
  std::string yaml =
      "global:\n"
      "  scrape_interval: 1s\n"
      "  scrape_timeout: 1s\n"
      "  evaluation_interval: 1s\n";
  if (!rule_files.empty()) {
    absl::StrAppend(&yaml, "rule_files:\n");
    for (const std::string& file : rule_files) absl::StrAppend(&yaml, "  - '", file, "'\n");
  }
  absl::StrAppend(&yaml,
                  "scrape_configs:\n"
                  "  - job_name: cxhub\n"
                  "    static_configs:\n"
                  "      - targets: ['",
                  target, "']\n");
  return yaml;
}

// The samples of a /api/v1/query answer whose resultType is "vector".
absl::StatusOr<std::vector<Sample>> ParseVector(const std::string& json) {
  simdjson::dom::parser parser;
  simdjson::dom::element answer;
  if (parser.parse(json).get(answer) != simdjson::SUCCESS) {
    return absl::DataLossError(absl::StrCat("not JSON: ", json));
  }
  std::string_view status, result_type;
  simdjson::dom::array result;
  if (answer["status"].get(status) != simdjson::SUCCESS || status != "success" ||
      answer["data"]["resultType"].get(result_type) != simdjson::SUCCESS ||
      result_type != "vector" || answer["data"]["result"].get(result) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError(absl::StrCat("not a vector: ", json));
  }
  std::vector<Sample> samples;
  for (simdjson::dom::element series : result) {
    Sample sample;
    simdjson::dom::object metric;
    std::string_view value;
    if (series["metric"].get(metric) != simdjson::SUCCESS ||
        series["value"].at(1).get(value) != simdjson::SUCCESS) {
      return absl::DataLossError(absl::StrCat("unexpected series in ", json));
    }
    for (auto [key, label] : metric) {
      std::string_view label_value;
      if (label.get(label_value) == simdjson::SUCCESS) {
        sample.labels[std::string(key)] = std::string(label_value);
      }
    }
    sample.value = std::stod(std::string(value));  // "NaN", "+Inf" and numbers alike.
    samples.push_back(std::move(sample));
  }
  return samples;
}

}  // namespace

std::string Describe(const std::vector<Sample>& samples) {
  if (samples.empty()) return "(no series)";
  std::vector<std::string> lines;
  for (const Sample& sample : samples) {
    lines.push_back(absl::StrCat("{", absl::StrJoin(sample.labels, ",", absl::PairFormatter("=")),
                                 "} ", sample.value));
  }
  return absl::StrJoin(lines, "\n");
}

absl::Status PrometheusServer::Start(const std::string& work_dir, const std::string& target,
                                     const std::vector<std::string>& rule_files,
                                     absl::Duration timeout) {
  const std::string config_path = work_dir + "/prometheus.yml";
  std::ofstream(config_path) << ScrapeConfig(target, rule_files);
  const int port = FreeLoopbackPort();
  if (port == 0) return absl::UnavailableError("no free loopback port for Prometheus");
  base_url_ = absl::StrCat("http://127.0.0.1:", port);
  absl::Status started =
      process_.Start({CXHUB_PROMETHEUS_PATH, absl::StrCat("--config.file=", config_path),
                      absl::StrCat("--storage.tsdb.path=", work_dir, "/tsdb"),
                      absl::StrCat("--web.listen-address=127.0.0.1:", port), "--log.level=warn"},
                     work_dir + "/prometheus.log");
  if (!started.ok()) return started;
  const absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline && process_.Running()) {
    if (HttpGet(base_url_ + "/-/ready", absl::Seconds(1)).ok()) return absl::OkStatus();
    absl::SleepFor(absl::Milliseconds(100));
  }
  return absl::UnavailableError(
      absl::StrCat(CXHUB_PROMETHEUS_PATH, " did not become ready on ", base_url_,
                   process_.Running() ? " in time" : " (it exited)", "; its log:\n", Log()));
}

absl::StatusOr<std::vector<Sample>> PrometheusServer::Query(const std::string& promql) {
  absl::StatusOr<std::string> answer =
      HttpGet(absl::StrCat(base_url_, "/api/v1/query?query=", UrlEscape(promql)));
  if (!answer.ok()) return answer.status();
  return ParseVector(*answer);
}

absl::StatusOr<std::vector<Sample>> PrometheusServer::QueryUntil(
    const std::string& promql, const std::function<bool(const std::vector<Sample>&)>& accept,
    absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    absl::StatusOr<std::vector<Sample>> samples = Query(promql);
    if (!samples.ok() && samples.status().code() == absl::StatusCode::kInvalidArgument) {
      return samples;  // A bad query stays bad.
    }
    if ((samples.ok() && accept(*samples)) || absl::Now() >= deadline) return samples;
    absl::SleepFor(absl::Milliseconds(250));
  }
}

}  // namespace cxhub::monitoring
