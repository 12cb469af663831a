// The Read of a connector that tails text files: every configured file is read from its saved
// position with a LineFileTailer, each line is handed to the connector (which emits it, sends it
// to the dead letters or skips it), a checkpoint is made every N records and dead letters, and a
// last one at the end when any position moved.
//
// LineFileConnector (line_file_connector.h) runs it for the connectors.
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

// The longest line the file-tailing connectors read (no cdr_csv line or JSON event they take
// comes close); longer ones are dead letters.
inline constexpr size_t kMaxLineBytes = 64 * 1024;

struct TailedReadConfig {
  size_t max_line_bytes = kMaxLineBytes;  // longer lines reach the handler cut, with too_long
  int64_t checkpoint_every = 100;         // records and dead letters between checkpoints
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

}  // namespace cxhub::plugin_common

#endif  // CXHUB_PLUGINS_COMMON_TAILED_READ_H_
