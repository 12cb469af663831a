// Reads the small files the webhook endpoint is configured with: the webhook secret, the TLS
// certificate and key.
#ifndef CXHUB_PLUGINS_CHAT_CREDENTIAL_FILE_H_
#define CXHUB_PLUGINS_CHAT_CREDENTIAL_FILE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cxhub::chat {

// The content of `path` without trailing whitespace. `what` names it in errors ("the webhook
// secret file"): INVALID_ARGUMENT when it is empty or over 1 MiB, PERMISSION_DENIED or
// UNAVAILABLE when it cannot be read; the message names the file.
absl::StatusOr<std::string> ReadCredentialFile(const std::string& path, absl::string_view what);

}  // namespace cxhub::chat

#endif  // CXHUB_PLUGINS_CHAT_CREDENTIAL_FILE_H_
