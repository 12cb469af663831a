#include "plugins/email/maildir_message_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace cxhub::email {
namespace {

absl::Status FileError(const std::string& path, int error) {
  std::string message = absl::StrCat("cannot read ", path, ": ", strerror(error));
  return error == ENOENT ? absl::NotFoundError(message) : absl::UnavailableError(message);
}

// Reads up to `limit` bytes from `fd` into `out`; stops early at the end of the file.
bool ReadUpTo(int fd, uint64_t limit, std::string& out) {
  char chunk[65536];
  while (out.size() < limit) {
    const size_t want = static_cast<size_t>(std::min<uint64_t>(sizeof chunk, limit - out.size()));
    const ssize_t got = read(fd, chunk, want);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return false;
    if (got == 0) break;
    out.append(chunk, static_cast<size_t>(got));
  }
  return true;
}

}  // namespace

absl::StatusOr<MessageFile> ReadMaildirMessage(const std::string& path, uint64_t max_bytes,
                                               size_t kept_when_over) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return FileError(path, errno);
  MessageFile file;
  struct stat st {};
  bool ok = fstat(fd, &st) == 0;
  if (ok) {
    file.size = static_cast<uint64_t>(st.st_size);
    file.oversize = file.size > max_bytes;
    // One byte past the bound tells a file that grew since fstat.
    const uint64_t limit = file.oversize ? kept_when_over : max_bytes + 1;
    file.bytes.reserve(static_cast<size_t>(std::min(limit, file.size + 1)));
    ok = ReadUpTo(fd, limit, file.bytes);
  }
  const int error = errno;
  close(fd);
  if (!ok) return FileError(path, error);
  if (!file.oversize && file.bytes.size() > max_bytes) {
    file.oversize = true;
    file.size = std::max<uint64_t>(file.size, file.bytes.size());
    file.bytes.resize(std::min(kept_when_over, file.bytes.size()));
  } else if (!file.oversize) {
    file.size = file.bytes.size();  // what was read, should the file have changed since fstat
  }
  return file;
}

}  // namespace cxhub::email
