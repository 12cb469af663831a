// Reads a file that a flag names (--json @FILE, --token-file, the --tls-* PEM files), so every
// such flag fails the same way: INVALID_ARGUMENT "--FLAG: cannot read PATH".
#ifndef CXHUB_CLIENTS_CXCTL_FLAG_FILE_H_
#define CXHUB_CLIENTS_CXCTL_FLAG_FILE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cxhub::cxctl {

// The whole content of `path`, byte for byte. `flag` (without "--") names the flag in the error.
absl::StatusOr<std::string> ReadFlagFile(absl::string_view flag, const std::string& path);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_FLAG_FILE_H_
