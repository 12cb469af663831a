// Reading one Maildir message file without reading more than a bound: its size is checked (fstat)
// before any of it is read, so a huge file costs no more memory than the bound.
#ifndef CXHUB_PLUGINS_EMAIL_MAILDIR_MESSAGE_FILE_H_
#define CXHUB_PLUGINS_EMAIL_MAILDIR_MESSAGE_FILE_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace cxhub::email {

struct MessageFile {
  std::string bytes;  // the whole file, or its first `kept_when_over` bytes when oversize
  uint64_t size = 0;  // the file's size (of a file read whole: the bytes read)
  bool oversize = false;
};

// Reads the file at `path`: whole when it holds at most `max_bytes`, else (also when it grew past
// `max_bytes` while being read) only its first `kept_when_over` bytes, with `oversize`.
// NOT_FOUND when it is gone (moved or deleted since the scan); UNAVAILABLE on other errors.
absl::StatusOr<MessageFile> ReadMaildirMessage(const std::string& path, uint64_t max_bytes,
                                               size_t kept_when_over);

}  // namespace cxhub::email

#endif  // CXHUB_PLUGINS_EMAIL_MAILDIR_MESSAGE_FILE_H_
