#include "server/connectors/plugin_path.h"

#include <filesystem>
#include <system_error>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace cxhub {

absl::StatusOr<std::string> FindPluginFile(const std::vector<std::string>& plugin_dirs,
                                           absl::string_view plugin) {
  namespace fs = std::filesystem;
  const std::string quoted = absl::StrCat("plugin \"", plugin, "\"");
  if (plugin.empty()) return absl::InvalidArgumentError("plugin: required");
  if (absl::StrContains(plugin, '/') || absl::StrContains(plugin, "..") || plugin == "." ||
      absl::StrContains(plugin, '\0')) {
    return absl::InvalidArgumentError(
        absl::StrCat(quoted, ": must be a file name inside plugin_dirs, without '/' or '..'"));
  }
  if (plugin_dirs.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat(quoted, ": no plugin_dirs are configured to load it from"));
  }
  for (const std::string& dir : plugin_dirs) {
    std::error_code error;
    const fs::path candidate = fs::path(dir) / std::string(plugin);
    if (!fs::is_regular_file(candidate, error)) continue;  // Follows links; missing is fine.
    const fs::path real_dir = fs::canonical(dir, error);
    if (error) continue;
    const fs::path real_file = fs::canonical(candidate, error);
    if (error) continue;
    if (real_file.parent_path() != real_dir) {
      return absl::PermissionDeniedError(absl::StrCat(quoted, ": ", candidate.string(),
                                                      " resolves to ", real_file.string(),
                                                      ", outside ", real_dir.string()));
    }
    return real_file.string();
  }
  return absl::NotFoundError(
      absl::StrCat(quoted, ": not found in plugin_dirs (", absl::StrJoin(plugin_dirs, ", "), ")"));
}

}  // namespace cxhub
