// Reads and checks cxhubd's configuration (text-format cxhub.config.v1.ServerConfig).
#ifndef CXHUB_SERVER_CONFIG_LOADER_H_
#define CXHUB_SERVER_CONFIG_LOADER_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "cxhub/config/v1/config.pb.h"

namespace cxhub {

// Parses the text-format file at `path` and validates it. Errors name the file, the line and
// column for syntax errors, and the field for invalid values.
absl::StatusOr<config::v1::ServerConfig> LoadConfig(const std::string& path);

// Parses text-format config from memory; `origin` names it in errors.
absl::StatusOr<config::v1::ServerConfig> ParseConfig(const std::string& text,
                                                     const std::string& origin);

// INVALID_ARGUMENT naming the first bad field (e.g. "store: one of sqlite or mysql is required").
absl::Status ValidateConfig(const config::v1::ServerConfig& config);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CONFIG_LOADER_H_
