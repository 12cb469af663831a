#include "benchmarks/plugins/tail_every_line.h"

#include <memory>

#include "plugins/common/line_file_tailer.h"

namespace cxhub::bench {

absl::StatusOr<int64_t> TailEveryLine(const std::string& path, size_t max_line_bytes,
                                      absl::FunctionRef<void(absl::string_view text)> on_line) {
  absl::StatusOr<std::unique_ptr<plugin_common::LineFileTailer>> tailer =
      plugin_common::LineFileTailer::Open(path, nullptr, max_line_bytes);
  if (!tailer.ok()) return tailer.status();
  plugin_common::TailedLine line;
  int64_t lines = 0;
  while (true) {
    absl::StatusOr<bool> more = (*tailer)->Next(line);
    if (!more.ok()) return more.status();
    if (!*more) return lines;
    ++lines;
    on_line(line.text);
  }
}

}  // namespace cxhub::bench
