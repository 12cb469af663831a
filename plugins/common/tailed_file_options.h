// The options every file-tailing connector (phone, chat, social) takes besides its own, in the
// syntax of key_value_options.h:
//
//   file=<path>             a file to read (no ";" in it). Repeatable.
//   files=<path>,<path>     several files at once (paths must not contain ',').
//   checkpoint_every=<N>    checkpoint after every N records and dead letters (1-100000,
//                           default 100). A checkpoint is also made at the end of each read.
//
// Whether a file is required is the connector's rule (chat can read a spool instead).
#ifndef CXHUB_PLUGINS_COMMON_TAILED_FILE_OPTIONS_H_
#define CXHUB_PLUGINS_COMMON_TAILED_FILE_OPTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "plugins/common/key_value_options.h"

namespace cxhub::plugin_common {

// A connector's options struct derives from this, so that LineFileConnector reads the same fields
// in each.
struct TailedFileOptions {
  std::vector<std::string> files;  // in the order given, without duplicates
  int64_t checkpoint_every = 100;
};

// Parses `text`: file, files and checkpoint_every into `options`, every other key through
// `apply`. `own` lists the connector's keys (known and repeatable; error messages list them after
// file and files). Errors are INVALID_ARGUMENT "<connector> connector options: ..." as
// ForEachOption words them, or for a bad path (CheckPathOption) or checkpoint_every; an error
// `apply` returns is passed on unchanged.
absl::Status ParseTailedFileOptions(
    absl::string_view text, absl::string_view connector, const OptionKeys& own,
    TailedFileOptions& options,
    absl::FunctionRef<absl::Status(absl::string_view key, absl::string_view value)> apply);

// Refuses a path option `key` (file, spool) whose value is empty or holds a newline or NUL, which
// the cursor's lines could not keep: INVALID_ARGUMENT "a <key> path is empty" or "<key> paths
// must not contain a newline or NUL" (the caller adds its connector's prefix).
absl::Status CheckPathOption(absl::string_view key, absl::string_view path);

// Checks that each file's folder exists and that the file, if it exists already, is a regular
// file; returns the files that do not exist yet. NOT_FOUND "<connector> connector: the folder of
// file '<file>' does not exist", FAILED_PRECONDITION "... is not a regular file".
absl::StatusOr<std::vector<std::string>> CheckFilesToTail(const std::vector<std::string>& files,
                                                          absl::string_view connector);

}  // namespace cxhub::plugin_common

#endif  // CXHUB_PLUGINS_COMMON_TAILED_FILE_OPTIONS_H_
