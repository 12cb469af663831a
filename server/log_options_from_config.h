// The logger's options from the server config's `log` (format and level; unspecified means
// text and info).
#ifndef CXHUB_SERVER_LOG_OPTIONS_FROM_CONFIG_H_
#define CXHUB_SERVER_LOG_OPTIONS_FROM_CONFIG_H_

#include "cxhub/config/v1/config.pb.h"
#include "server/core/logger.h"

namespace cxhub {

LogOptions LogOptionsFromConfig(const config::v1::LogConfig& config);

}  // namespace cxhub

#endif  // CXHUB_SERVER_LOG_OPTIONS_FROM_CONFIG_H_
