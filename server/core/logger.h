// The logger: one line per event (log_line.h), at or above a configured level, written whole to
// a sink. The server builds one from ServerConfig.log and passes it down, like the Clock.
//
//   Logger logger({LogFormat::kJson, LogLevel::kInfo}, StderrLogSink(), SystemClock());
//   logger.Log(LogLevel::kInfo, "connector_read", {{"connector", name}, {"records", 9}});
//
// Personal data (message bodies, addresses) goes only into debug lines.
#ifndef CXHUB_SERVER_CORE_LOGGER_H_
#define CXHUB_SERVER_CORE_LOGGER_H_

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/core/clock.h"
#include "server/core/log_line.h"

namespace cxhub {

// Where lines go. WriteLine gets one complete line (ending with '\n') and must write it whole,
// never interleaved with another line. Implementations are thread-safe.
class LogSink {
 public:
  virtual ~LogSink() = default;
  virtual void WriteLine(absl::string_view line) = 0;
};

// Standard error, one write(2) per line. Lives forever.
LogSink& StderrLogSink();

struct LogOptions {
  LogFormat format = LogFormat::kText;
  LogLevel level = LogLevel::kInfo;  // Lines below it are dropped.
};

// Thread-safe (immutable; the sink serializes). Borrows the sink and the clock, which must
// outlive it.
class Logger {
 public:
  Logger(LogOptions options, LogSink& sink, Clock& clock)
      : options_(options), sink_(sink), clock_(clock) {}

  // Whether a line at `level` would be written (to skip building costly fields).
  bool Enabled(LogLevel level) const { return level >= options_.level; }
  void Log(LogLevel level, absl::string_view event, absl::Span<const LogField> fields = {}) const;

 private:
  const LogOptions options_;
  LogSink& sink_;
  Clock& clock_;
};

// Text, info, to standard error, on the wall clock: for what happens before the configuration
// is read, and for components given no logger. Lives forever.
const Logger& DefaultLogger();

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_LOGGER_H_
