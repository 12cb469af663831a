// Where a connector's plugin file is: only inside the configured plugin directories.
#ifndef CXHUB_SERVER_CONNECTORS_PLUGIN_PATH_H_
#define CXHUB_SERVER_CONNECTORS_PLUGIN_PATH_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cxhub {

// Finds `plugin` (a file name such as "maildir.so") in the first of `plugin_dirs` that has it
// and returns its canonical path. Errors name the plugin:
//   INVALID_ARGUMENT    empty, or a path rather than a file name (contains '/' or is "." / "..",
//                       or contains "..").
//   FAILED_PRECONDITION no plugin_dirs are configured.
//   PERMISSION_DENIED   the file is a symbolic link resolving outside its directory.
//   NOT_FOUND           no directory has it (the message lists them).
absl::StatusOr<std::string> FindPluginFile(const std::vector<std::string>& plugin_dirs,
                                           absl::string_view plugin);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CONNECTORS_PLUGIN_PATH_H_
