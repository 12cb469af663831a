#include "plugins/common/tailed_read.h"

#include <sys/stat.h>

#include <memory>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace cxhub::plugin_common {
namespace {

std::string FolderOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

absl::StatusOr<bool> ReadTailedFiles(const std::vector<std::string>& files,
                                     const FilePositions& saved, absl::string_view cursor_bytes,
                                     const TailedReadConfig& config, sdk::Sink& sink,
                                     FilePositions& positions, TailedLineHandler handle,
                                     absl::FunctionRef<std::string()> encode) {
  int64_t since_checkpoint = 0;
  for (const std::string& file : files) {
    const auto found = saved.find(file);
    const FilePosition* position = found == saved.end() ? nullptr : &found->second;
    if (position != nullptr) positions[file] = *position;
    absl::StatusOr<std::unique_ptr<LineFileTailer>> tailer =
        LineFileTailer::Open(file, position, config.max_line_bytes);
    if (!tailer.ok()) return tailer.status();
    for (const std::string& note : (*tailer)->notes()) {
      if (!sink.Log(sdk::LogLevel::kInfo, note)) return false;
    }
    TailedLine line;
    while (true) {
      absl::StatusOr<bool> more = (*tailer)->Next(line);
      if (!more.ok()) return more.status();
      if (!*more) break;
      if (!handle(line, since_checkpoint)) return false;
      if (std::optional<FilePosition> at = (*tailer)->position()) positions[file] = *at;
      if (since_checkpoint >= config.checkpoint_every) {
        since_checkpoint = 0;
        if (!sink.Checkpoint(encode())) return false;
      }
    }
    if (std::optional<FilePosition> at = (*tailer)->position()) {
      // Unmoved: keep the saved fingerprint, so a read that found nothing checkpoints nothing.
      const bool unmoved = position != nullptr && at->offset == position->offset &&
                           at->identity.device == position->identity.device &&
                           at->identity.inode == position->identity.inode;
      positions[file] = unmoved ? *position : *at;
    } else {
      positions.erase(file);
    }
  }
  const std::string encoded = encode();
  const bool moved = cursor_bytes.empty() ? !positions.empty() : encoded != cursor_bytes;
  if (moved && !sink.Checkpoint(encoded)) return false;
  return true;
}

std::string LineLocation(const TailedLine& line) {
  return absl::StrCat(line.file, " at byte ", line.offset, ": ");
}

absl::StatusOr<std::vector<std::string>> CheckFilesToTail(const std::vector<std::string>& files,
                                                          absl::string_view connector,
                                                          absl::string_view file_label) {
  std::vector<std::string> missing;
  for (const std::string& file : files) {
    struct stat st {};
    const std::string folder = FolderOf(file);
    if (stat(folder.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      return absl::NotFoundError(absl::StrCat(connector, " connector: the folder of ", file_label,
                                              file, "' does not exist"));
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
