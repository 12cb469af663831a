#include "plugins/common/tailed_read.h"

#include <memory>
#include <optional>

#include "absl/status/status.h"

namespace cxhub::plugin_common {

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

}  // namespace cxhub::plugin_common
