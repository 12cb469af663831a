// The Read of a connector that tails text files: every configured file is read from its saved
// position with a LineFileTailer, each line is handed to the connector (which emits it, sends it
// to the dead letters or skips it), a checkpoint is made every N records and dead letters, and a
// last one at the end when any position moved.
//
// What stays with the connector: decoding and encoding its cursor, mapping a line, counting
// what it did and logging the summary.
#ifndef CXHUB_PLUGINS_COMMON_TAILED_READ_H_
#define CXHUB_PLUGINS_COMMON_TAILED_READ_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "cxhub/connector_sdk.h"
#include "plugins/common/file_position.h"
#include "plugins/common/line_file_tailer.h"

namespace cxhub::plugin_common {

struct TailedReadConfig {
  size_t max_line_bytes = 64 * 1024;  // longer lines reach the handler cut, with too_long
  int64_t checkpoint_every = 100;     // records and dead letters between checkpoints
};

// Handles one line: emits, dead-letters or skips it, adding to `since_checkpoint` what counts
// towards the next checkpoint. False once the host asked to stop.
using TailedLineHandler =
    absl::FunctionRef<bool(const TailedLine& line, int64_t& since_checkpoint)>;

// Reads `files` in order from their `saved` positions. `positions` (empty on entry) ends up with
// where each file was left; files without a position are forgotten. `encode` turns the
// connector's cursor (which holds `positions`) into its text, `cursor_bytes` is the cursor the
// read started from: the last checkpoint is made only when the text changed. A file's position
// that did not move keeps its saved fingerprint, so a read that found nothing checkpoints nothing.
//
// True when every file was read; false when the host asked to stop (send nothing more). Errors:
// those of LineFileTailer.
absl::StatusOr<bool> ReadTailedFiles(const std::vector<std::string>& files,
                                     const FilePositions& saved, absl::string_view cursor_bytes,
                                     const TailedReadConfig& config, sdk::Sink& sink,
                                     FilePositions& positions, TailedLineHandler handle,
                                     absl::FunctionRef<std::string()> encode);

// "<file> at byte <offset>: ", the start of every log line and dead-letter reason about `line`.
std::string LineLocation(const TailedLine& line);

// Checks, when a connector opens, that each file's folder exists and that the file, if it exists
// already, is a regular file. `connector` names it in errors ("phone connector: ..."),
// `file_label` is what a file is called in the missing-folder error ("file '" or "'"). Returns
// the files that do not exist yet, for the connector to warn about.
absl::StatusOr<std::vector<std::string>> CheckFilesToTail(const std::vector<std::string>& files,
                                                          absl::string_view connector,
                                                          absl::string_view file_label);

}  // namespace cxhub::plugin_common

#endif  // CXHUB_PLUGINS_COMMON_TAILED_READ_H_
