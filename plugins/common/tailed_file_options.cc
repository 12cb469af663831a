#include "plugins/common/tailed_file_options.h"

#include <sys/stat.h>

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace cxhub::plugin_common {
namespace {

constexpr int64_t kMaxCheckpointEvery = 100000;

absl::Status AddFile(absl::string_view path, TailedFileOptions& options) {
  if (absl::Status status = CheckPathOption("file", path); !status.ok()) return status;
  if (std::find(options.files.begin(), options.files.end(), path) == options.files.end()) {
    options.files.emplace_back(path);
  }
  return absl::OkStatus();
}

// file, files or checkpoint_every; errors without the connector's prefix.
absl::Status ApplyTailedFileOption(absl::string_view key, absl::string_view value,
                                   TailedFileOptions& options) {
  if (key == "file") return AddFile(value, options);
  if (key == "files") {
    for (absl::string_view path : SplitCommaList(value)) {
      if (absl::Status status = AddFile(path, options); !status.ok()) return status;
    }
    return absl::OkStatus();
  }
  return ParseIntOption(key, value, 1, kMaxCheckpointEvery, options.checkpoint_every);
}

std::string FolderOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

absl::Status ParseTailedFileOptions(
    absl::string_view text, absl::string_view connector, const OptionKeys& own,
    TailedFileOptions& options,
    absl::FunctionRef<absl::Status(absl::string_view key, absl::string_view value)> apply) {
  const std::string error_prefix = absl::StrCat(connector, " connector options");
  OptionKeys keys = {{"file", "files"}, {"file", "files"}};
  keys.known.insert(keys.known.end(), own.known.begin(), own.known.end());
  keys.known.push_back("checkpoint_every");
  keys.repeatable.insert(keys.repeatable.end(), own.repeatable.begin(), own.repeatable.end());
  return ForEachOption(
      text, error_prefix, keys,
      [&](absl::string_view key, absl::string_view value) -> absl::Status {
        if (key != "file" && key != "files" && key != "checkpoint_every") return apply(key, value);
        absl::Status status = ApplyTailedFileOption(key, value, options);
        if (status.ok()) return status;
        return absl::InvalidArgumentError(absl::StrCat(error_prefix, ": ", status.message()));
      });
}

absl::Status CheckPathOption(absl::string_view key, absl::string_view path) {
  if (path.empty()) return absl::InvalidArgumentError(absl::StrCat("a ", key, " path is empty"));
  if (absl::StrContains(path, '\n') || absl::StrContains(path, '\0')) {
    return absl::InvalidArgumentError(
        absl::StrCat(key, " paths must not contain a newline or NUL"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> CheckFilesToTail(const std::vector<std::string>& files,
                                                          absl::string_view connector) {
  std::vector<std::string> missing;
  for (const std::string& file : files) {
    struct stat st {};
    const std::string folder = FolderOf(file);
    if (stat(folder.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      return absl::NotFoundError(
          absl::StrCat(connector, " connector: the folder of file '", file, "' does not exist"));
    }
    if (stat(file.c_str(), &st) != 0) {
      missing.push_back(file);
    } else if (!S_ISREG(st.st_mode)) {
      return absl::FailedPreconditionError(
          absl::StrCat(connector, " connector: '", file, "' is not a regular file"));
    }
  }
  return missing;
}

}  // namespace cxhub::plugin_common
