#include "tests/e2e/shipped_config.h"

#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "server/config_loader.h"

namespace cxhub::e2e {
namespace {

bool IsPathKey(absl::string_view key) {
  return key == "file" || key == "files" || key == "mbox" || key == "maildir" || key == "spool" ||
         key == "sent_mail";
}

std::string Rebase(absl::string_view path, absl::string_view working_dir) {
  const std::filesystem::path value{std::string(path)};
  if (value.empty() || value.is_absolute()) return std::string(path);
  return (std::filesystem::path(std::string(working_dir)) / value).lexically_normal().string();
}

// One setting, "key=value" with optional white space; comments and blank settings unchanged.
std::string RebaseSetting(absl::string_view setting, absl::string_view working_dir) {
  const size_t equals = setting.find('=');
  if (equals == absl::string_view::npos) return std::string(setting);
  const absl::string_view key = absl::StripAsciiWhitespace(setting.substr(0, equals));
  if (!IsPathKey(key)) return std::string(setting);
  const absl::string_view value = absl::StripAsciiWhitespace(setting.substr(equals + 1));
  std::vector<std::string> paths;
  for (absl::string_view path : absl::StrSplit(value, key == "files" ? ',' : '\n')) {
    paths.push_back(Rebase(absl::StripAsciiWhitespace(path), working_dir));
  }
  return std::string(key) + "=" + absl::StrJoin(paths, ",");
}

}  // namespace

std::string RebaseOptionPaths(absl::string_view options, absl::string_view working_dir) {
  std::string result;
  size_t start = 0;
  while (start <= options.size()) {
    const size_t end = options.find_first_of(";\n", start);
    const size_t stop = end == absl::string_view::npos ? options.size() : end;
    result += RebaseSetting(options.substr(start, stop - start), working_dir);
    if (end == absl::string_view::npos) break;
    result += options[end];
    start = end + 1;
  }
  return result;
}

absl::StatusOr<config::v1::ServerConfig> LoadShippedConfig(const std::string& config_path,
                                                           absl::string_view working_dir,
                                                           const std::string& plugin_dir,
                                                           const std::string& store_path) {
  absl::StatusOr<config::v1::ServerConfig> config = LoadConfig(config_path);
  if (!config.ok()) return config.status();
  config->set_listen_address("127.0.0.1:0");
  config->mutable_store()->mutable_sqlite()->set_path(store_path);
  config->clear_plugin_dirs();
  config->add_plugin_dirs(plugin_dir);
  for (config::v1::ConnectorInstance& connector : *config->mutable_connectors()) {
    connector.set_options(RebaseOptionPaths(connector.options(), working_dir));
  }
  return config;
}

}  // namespace cxhub::e2e
