#include "tests/processes/cxhubd_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "google/protobuf/text_format.h"

namespace cxhub::testing {
namespace {

// What the sanitizers print on a finding.
constexpr const char* kSanitizerReports[] = {
    "ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
    "runtime error:", "SUMMARY: UndefinedBehaviorSanitizer"};

}  // namespace

CxhubdProcess::CxhubdProcess(const std::string& binary, const std::string& config,
                             const std::string& log) {
  // Everything the child needs is made before fork: it only redirects and execs.
  const std::string flag = "--config=" + config;
  pid_ = ::fork();
  if (pid_ == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
    }
    ::execl(binary.c_str(), binary.c_str(), flag.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
}

CxhubdProcess::~CxhubdProcess() { Stop(SIGKILL); }

int CxhubdProcess::Stop(int signal) {
  if (pid_ <= 0) return 0;
  ::kill(pid_, signal);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return status;
}

uint32_t CrashSeed() {
  const char* value = std::getenv("CXHUB_CRASH_SEED");
  const uint32_t seed = value != nullptr && *value != '\0'
                            ? static_cast<uint32_t>(std::stoul(value))
                            : std::random_device{}();
  std::cerr << "kill schedule seed " << seed << " (CXHUB_CRASH_SEED=" << seed << " replays it)\n";
  return seed;
}

bool WriteConfigFile(const config::v1::ServerConfig& config, const std::string& path) {
  std::string text;
  if (!google::protobuf::TextFormat::PrintToString(config, &text)) return false;
  std::ofstream out(path);
  out << text;
  out.close();
  return !out.fail();
}

std::optional<int> CxhubdProcess::Poll() {
  if (pid_ <= 0) return std::nullopt;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) != pid_) return std::nullopt;
  pid_ = -1;
  return status;
}

int PortOfServingLine(const std::string& line) {
  if (!absl::StrContains(line, " INFO serving ") &&
      !absl::StrContains(line, "\"event\":\"serving\"")) {
    return 0;
  }
  for (const std::string key : {"port=", "\"port\":"}) {
    const size_t at = line.find(key);
    if (at == std::string::npos) continue;
    const size_t start = at + key.size();
    const size_t end = line.find_first_not_of("0123456789", start);
    int port = 0;
    if (absl::SimpleAtoi(line.substr(start, end - start), &port)) return port;
  }
  return 0;
}

absl::StatusOr<int> WaitForServingPort(const std::string& log, absl::Duration limit) {
  const absl::Time give_up = absl::Now() + limit;
  while (true) {
    std::ifstream in(log);
    for (std::string line; std::getline(in, line);) {
      if (const int port = PortOfServingLine(line); port > 0) return port;
    }
    if (absl::Now() >= give_up) break;
    absl::SleepFor(absl::Milliseconds(50));
  }
  return absl::DeadlineExceededError(absl::StrCat("no serving line in ", log));
}

int ServingLines(const std::string& log) {
  std::ifstream in(log);
  int count = 0;
  for (std::string line; std::getline(in, line);) {
    if (PortOfServingLine(line) > 0) ++count;
  }
  return count;
}

std::vector<std::string> SanitizerReports(const std::string& log) {
  std::ifstream in(log);
  std::vector<std::string> reports;
  for (std::string line; std::getline(in, line);) {
    for (const char* report : kSanitizerReports) {
      if (absl::StrContains(line, report)) reports.push_back(line);
    }
  }
  return reports;
}

}  // namespace cxhub::testing
