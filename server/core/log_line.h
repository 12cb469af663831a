// One log line: a level, an event name and typed key=value fields, formatted as text or JSON.
// The Logger (logger.h) builds lines with this; tests call FormatLogLine directly.
//
//   text: 2026-12-01T23:30:00.123Z INFO connector_read connector=pbx-calls records=9
//   json: {"time":"2026-12-01T23:30:00.123Z","level":"info","event":"connector_read",
//          "fields":{"connector":"pbx-calls","records":9}}
//
// Text values that are empty or hold a space, '"', '=', '\' or a control character are quoted,
// with the JSON escapes inside the quotes. In both formats valid UTF-8 is kept and every byte
// that is not part of valid UTF-8 becomes U+FFFD, so a line is always valid UTF-8 (and JSON).
#ifndef CXHUB_SERVER_CORE_LOG_LINE_H_
#define CXHUB_SERVER_CORE_LOG_LINE_H_

#include <cstdint>
#include <string>
#include <type_traits>
#include <variant>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"

namespace cxhub {

// Ordered: a logger writes the lines at or above its level.
enum class LogLevel { kDebug, kInfo, kWarning, kError };

enum class LogFormat { kText, kJson };

// "DEBUG", "INFO", "WARNING", "ERROR".
absl::string_view LogLevelName(LogLevel level);

// One key=value. Keys are fixed snake_case names chosen by the code; values are typed so that
// JSON keeps numbers and booleans as such. Owns its value.
class LogField {
 public:
  LogField(absl::string_view key, absl::string_view value)
      : key_(key), value_(std::string(value)) {}
  LogField(absl::string_view key, const char* value) : LogField(key, absl::string_view(value)) {}
  LogField(absl::string_view key, const std::string& value)
      : LogField(key, absl::string_view(value)) {}
  LogField(absl::string_view key, bool value) : key_(key), value_(value) {}
  LogField(absl::string_view key, double value) : key_(key), value_(value) {}
  template <
      typename Integer,
      std::enable_if_t<std::is_integral_v<Integer> && !std::is_same_v<Integer, bool>, int> = 0>
  LogField(absl::string_view key, Integer value) : key_(key) {
    if constexpr (std::is_signed_v<Integer>) {
      value_ = static_cast<int64_t>(value);
    } else {
      value_ = static_cast<uint64_t>(value);
    }
  }

  absl::string_view key() const { return key_; }
  const std::variant<std::string, int64_t, uint64_t, double, bool>& value() const { return value_; }

 private:
  std::string key_;
  std::variant<std::string, int64_t, uint64_t, double, bool> value_;
};

// The line, ending with '\n'. Time in UTC with milliseconds.
std::string FormatLogLine(LogFormat format, absl::Time time, LogLevel level,
                          absl::string_view event, absl::Span<const LogField> fields);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_LOG_LINE_H_
