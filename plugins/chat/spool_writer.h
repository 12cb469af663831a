// Appends one line to the webhook spool file and makes it durable before returning.
//
// Each call opens the path (O_APPEND, creating it 0640 if needed), writes `line` and a newline in
// one write(2), fsyncs the file (and its folder when the file was created), and closes it. So a
// spool renamed away (rotated) is simply re-created by the next append. If the file does not end
// with a newline (an append cut short by a crash), a newline is written first, so the fragment
// stays a line of its own (a dead letter) and the new event is intact.
//
// One writer per spool file: the chat plugin's webhook thread. Thread-compatible.
#ifndef CXHUB_PLUGINS_CHAT_SPOOL_WRITER_H_
#define CXHUB_PLUGINS_CHAT_SPOOL_WRITER_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace cxhub::chat {

// `line` must not contain '\n'. Errors (UNAVAILABLE, PERMISSION_DENIED, INVALID_ARGUMENT) name
// the file; after an error nothing is guaranteed to be durable.
absl::Status AppendSpoolLine(const std::string& path, absl::string_view line);

}  // namespace cxhub::chat

#endif  // CXHUB_PLUGINS_CHAT_SPOOL_WRITER_H_
