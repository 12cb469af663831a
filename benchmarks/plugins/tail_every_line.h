#ifndef CXHUB_BENCHMARKS_PLUGINS_TAIL_EVERY_LINE_H_
#define CXHUB_BENCHMARKS_PLUGINS_TAIL_EVERY_LINE_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cxhub::bench {

// Reads every complete line of `path` from its start with plugins/common's LineFileTailer, as
// the file-tailing plugins' Read does, and calls `on_line` with each line's text. Returns the
// number of lines, or the tailer's first error.
absl::StatusOr<int64_t> TailEveryLine(const std::string& path, size_t max_line_bytes,
                                      absl::FunctionRef<void(absl::string_view text)> on_line);

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_PLUGINS_TAIL_EVERY_LINE_H_
