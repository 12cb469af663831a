#include "tests/monitoring/metric_samples.h"

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "tests/monitoring/http_get.h"

namespace cxhub::monitoring {

absl::StatusOr<std::string> ScrapeMetrics(const std::string& address) {
  return HttpGet(absl::StrCat("http://", address, "/metrics"));
}

std::optional<double> SampleValue(absl::string_view scrape, absl::string_view series) {
  for (absl::string_view line : absl::StrSplit(scrape, '\n')) {
    if (!absl::ConsumePrefix(&line, series) || !absl::ConsumePrefix(&line, " ")) continue;
    double value = 0;
    if (!absl::SimpleAtod(line, &value)) return std::nullopt;
    return value;
  }
  return std::nullopt;
}

}  // namespace cxhub::monitoring
