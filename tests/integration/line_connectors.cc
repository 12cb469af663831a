#include "tests/integration/line_connectors.h"

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"

namespace cxhub {

namespace fs = std::filesystem;

constexpr fs::perms kOthersWrite = fs::perms::group_write | fs::perms::others_write;

void AddLineConnectors(const std::string& temp_dir, const std::vector<std::string>& plugin_paths,
                       const std::vector<std::pair<std::string, std::string>>& instances,
                       config::v1::ServerConfig& config) {
  const fs::path plugins = fs::path(temp_dir) / "plugins";
  fs::create_directory(plugins);
  for (const std::string& plugin : plugin_paths) {
    // Skipped when present: a second call (a restart with other instances) must not rewrite a
    // library the running server has mapped.
    fs::copy_file(plugin, plugins / fs::path(plugin).filename(), fs::copy_options::skip_existing);
    // cxhubd loads no plugin that group or others can write, whatever the umask.
    fs::permissions(plugins / fs::path(plugin).filename(), kOthersWrite, fs::perm_options::remove);
  }
  fs::permissions(plugins, kOthersWrite, fs::perm_options::remove);
  const std::string input = temp_dir + "/in.txt";
  std::ofstream(input) << "m1|ana@example.com|2026-03-01T10:00:00Z|hi\n"
                       << "not a record\n"
                       << "m2|ana@|2026-03-01T10:00:00Z|bad identity\n"
                       << "m3|bob@example.com|2026-03-01T10:00:00Z|hello\n";
  config.add_plugin_dirs(plugins.string());
  for (const auto& [name, plugin] : instances) {
    config::v1::ConnectorInstance* connector = config.add_connectors();
    connector->set_name(name);
    connector->set_plugin(plugin);
    connector->set_options(absl::StrCat("path=", input));
    connector->set_poll_interval_seconds(3600);
  }
}

}  // namespace cxhub
