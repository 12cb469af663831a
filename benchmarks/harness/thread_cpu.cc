#include "benchmarks/harness/thread_cpu.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace cxhub::bench {
namespace {

// The name and CPU time of one line of /proc/<pid>/task/<tid>/stat: "tid (name) state ...",
// utime and stime the 12th and 13th fields after the name (proc(5)). The name may hold spaces
// and parentheses, so it ends at the last ')'. False for a line not of that shape.
bool ParseTaskStat(absl::string_view line, std::string& name, absl::Duration& cpu) {
  const size_t open = line.find('(');
  const size_t close = line.rfind(')');
  if (open == absl::string_view::npos || close == absl::string_view::npos || close < open) {
    return false;
  }
  name = std::string(line.substr(open + 1, close - open - 1));
  const std::vector<absl::string_view> after_name =
      absl::StrSplit(line.substr(close + 1), ' ', absl::SkipEmpty());
  constexpr size_t kUtime = 11;  // state is 0
  constexpr size_t kStime = 12;
  if (after_name.size() <= kStime) return false;
  static const int64_t ticks_per_second = sysconf(_SC_CLK_TCK);
  int64_t user = 0;
  int64_t system = 0;
  if (ticks_per_second <= 0 || !absl::SimpleAtoi(after_name[kUtime], &user) ||
      !absl::SimpleAtoi(after_name[kStime], &system)) {
    return false;
  }
  cpu = absl::Seconds(static_cast<double>(user + system) / static_cast<double>(ticks_per_second));
  return true;
}

}  // namespace

ThreadCpuSampler::ThreadCpuSampler(int pid) : pid_(pid) {
  Sample();
  started_ = true;
}

void ThreadCpuSampler::Sample() {
  namespace fs = std::filesystem;
  const fs::path tasks =
      fs::path("/proc") / (pid_ == 0 ? std::string("self") : std::to_string(pid_)) / "task";
  std::error_code error;
  for (const fs::directory_entry& task : fs::directory_iterator(tasks, error)) {
    int tid = 0;
    if (!absl::SimpleAtoi(task.path().filename().string(), &tid)) continue;
    std::ifstream stat(task.path() / "stat");
    std::string line;
    std::string name;
    absl::Duration cpu;
    // A thread may end between the listing and the read: its file then reads empty.
    if (!std::getline(stat, line) || !ParseTaskStat(line, name, cpu)) continue;
    auto [thread, first_seen] = threads_.try_emplace(tid);
    if (first_seen) {
      thread->second.name = name;
      thread->second.at_start = started_ ? absl::ZeroDuration() : cpu;
    }
    thread->second.last = cpu;
  }
}

std::string ThreadCpuSampler::Busiest(absl::Duration wall, size_t top) const {
  const std::string shares = Shares(wall, top);
  return shares.empty() ? "" : absl::StrCat("busiest threads: ", shares);
}

absl::Duration ThreadCpuSampler::Total() const {
  absl::Duration total;
  for (const auto& [tid, thread] : threads_) total += thread.last - thread.at_start;
  return total;
}

std::string ThreadCpuSampler::Shares(absl::Duration wall, size_t top) const {
  std::map<std::string, absl::Duration> by_name;
  for (const auto& [tid, thread] : threads_) by_name[thread.name] += thread.last - thread.at_start;
  std::vector<std::pair<absl::Duration, std::string>> used;
  for (const auto& [name, cpu] : by_name) {
    if (cpu > absl::ZeroDuration()) used.emplace_back(cpu, name);
  }
  std::sort(used.begin(), used.end(), [](const auto& a, const auto& b) { return a > b; });
  if (used.size() > top) used.resize(top);
  if (used.empty() || wall <= absl::ZeroDuration()) return "";
  std::vector<std::string> shares;
  shares.reserve(used.size());
  for (const auto& [cpu, name] : used) {
    shares.push_back(
        absl::StrCat(name, " ", std::lround(100 * absl::FDivDuration(cpu, wall)), "%"));
  }
  return absl::StrJoin(shares, ", ");
}

}  // namespace cxhub::bench
