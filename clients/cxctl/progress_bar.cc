#include "clients/cxctl/progress_bar.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace cxhub::cxctl {
namespace {

constexpr int kBarWidth = 30;

}  // namespace

std::string ProgressLine(const OperationProgress& progress) {
  const std::string state = progress.done ? "done" : "running";
  if (!progress.processed.has_value()) return absl::StrCat(progress.name, " ", state);
  const int64_t processed = *progress.processed;
  if (!progress.total.has_value() || *progress.total <= 0) {
    return absl::StrCat(progress.name, " ", processed, " processed");
  }
  const int64_t total = *progress.total;
  const double fraction = std::clamp(static_cast<double>(processed) / total, 0.0, 1.0);
  const int filled = static_cast<int>(fraction * kBarWidth);
  return absl::StrFormat("%s [%s%s] %3d%% %d/%d", progress.name, std::string(filled, '#'),
                         std::string(kBarWidth - filled, '-'), static_cast<int>(fraction * 100),
                         processed, total);
}

void ProgressBar::Update(const OperationProgress& progress) {
  const std::string line = ProgressLine(progress);
  if (line == last_) return;
  if (terminal_) {
    // Back to the line's start, and clear what a longer previous line left.
    out_ << "\r" << line << "\x1b[K";
  } else {
    out_ << line << "\n";
  }
  out_.flush();
  last_ = line;
}

void ProgressBar::Finish() {
  if (terminal_ && !last_.empty()) out_ << "\n";
  out_.flush();
  last_.clear();
}

}  // namespace cxhub::cxctl
