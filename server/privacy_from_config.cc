#include "server/privacy_from_config.h"

#include <fstream>
#include <iterator>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "server/core/suppression_list.h"

namespace cxhub {
namespace {

absl::StatusOr<std::string> ReadKey(const std::string& path) {
  const std::string setting = absl::StrCat("config: ", kSuppressionKeySetting, ": ");
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::InvalidArgumentError(absl::StrCat(setting, "cannot read ", path));
  std::string key((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (key.size() < kMinSuppressionKeyBytes) {
    return absl::InvalidArgumentError(absl::StrCat(setting, path, " holds ", key.size(),
                                                   " bytes; the key needs at least ",
                                                   kMinSuppressionKeyBytes));
  }
  return key;
}

}  // namespace

absl::StatusOr<PrivacySettings> PrivacySettingsFromConfig(const config::v1::ServerConfig& config) {
  PrivacySettings settings;
  const std::string& key_file = config.privacy().suppression_key_file();
  if (!key_file.empty()) {
    absl::StatusOr<std::string> key = ReadKey(key_file);
    if (!key.ok()) return key.status();
    settings.suppression_key = *std::move(key);
  }
  for (const config::v1::ConnectorInstance& instance : config.connectors()) {
    settings.reserved_sources.push_back(instance.name());
    const absl::string_view plugin = absl::StripSuffix(instance.plugin(), ".so");
    settings.reserved_sources.emplace_back(plugin);
    settings.reserved_sources.emplace_back(absl::StripPrefix(plugin, "cxhub_"));
  }
  return settings;
}

}  // namespace cxhub
