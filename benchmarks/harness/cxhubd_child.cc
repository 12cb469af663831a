#include "benchmarks/harness/cxhubd_child.h"

#include <cstdint>
#include <fstream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "tests/processes/cxhubd_process.h"

namespace cxhub::bench {

int64_t ProcStatus(const std::string& process, const std::string& field) {
  std::ifstream status(absl::StrCat("/proc/", process, "/status"));
  std::string line;
  while (std::getline(status, line)) {
    if (!absl::StartsWith(line, field + ":")) continue;
    int64_t value = 0;
    std::string digits;
    for (char c : line) {
      if (c >= '0' && c <= '9') digits.push_back(c);
    }
    return absl::SimpleAtoi(digits, &value) ? value : -1;
  }
  return -1;
}

absl::StatusOr<int> ServingPort(const std::string& log) {
  const absl::Time give_up = absl::Now() + absl::Minutes(1);
  while (absl::Now() < give_up) {
    std::ifstream in(log);
    for (std::string line; std::getline(in, line);) {
      if (const int port = testing::PortOfServingLine(line); port > 0) return port;
    }
    absl::SleepFor(absl::Milliseconds(50));
  }
  return absl::DeadlineExceededError("no serving line");
}

}  // namespace cxhub::bench
