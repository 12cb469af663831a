#include "server/core/logger.h"

#include <unistd.h>

#include <cerrno>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace cxhub {
namespace {

class StderrSink final : public LogSink {
 public:
  void WriteLine(absl::string_view line) override {
    // One write for the whole line: lines of other processes sharing the descriptor (O_APPEND
    // files, pipes up to PIPE_BUF) do not cut into it; the mutex keeps our threads apart when a
    // write is partial.
    absl::MutexLock lock(&mu_);
    while (!line.empty()) {
      const ssize_t written = ::write(STDERR_FILENO, line.data(), line.size());
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) return;  // Nowhere to report it.
      line.remove_prefix(static_cast<size_t>(written));
    }
  }

 private:
  absl::Mutex mu_;
};

}  // namespace

LogSink& StderrLogSink() {
  static StderrSink* const sink = new StderrSink();
  return *sink;
}

void Logger::Log(LogLevel level, absl::string_view event, absl::Span<const LogField> fields) const {
  if (!Enabled(level)) return;
  sink_.WriteLine(FormatLogLine(options_.format, clock_.Now(), level, event, fields));
}

const Logger& DefaultLogger() {
  static const Logger* const logger = new Logger(LogOptions(), StderrLogSink(), SystemClock());
  return *logger;
}

}  // namespace cxhub
