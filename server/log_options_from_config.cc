#include "server/log_options_from_config.h"

namespace cxhub {
namespace {

using config::v1::LogConfig;

LogLevel LevelFromConfig(LogConfig::Level level) {
  switch (level) {
    case LogConfig::LOG_LEVEL_DEBUG:
      return LogLevel::kDebug;
    case LogConfig::LOG_LEVEL_WARNING:
      return LogLevel::kWarning;
    case LogConfig::LOG_LEVEL_ERROR:
      return LogLevel::kError;
    default:
      return LogLevel::kInfo;
  }
}

}  // namespace

LogOptions LogOptionsFromConfig(const LogConfig& config) {
  LogOptions options;
  options.format =
      config.format() == LogConfig::LOG_FORMAT_JSON ? LogFormat::kJson : LogFormat::kText;
  options.level = LevelFromConfig(config.level());
  return options;
}

}  // namespace cxhub
