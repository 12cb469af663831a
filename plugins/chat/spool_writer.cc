#include "plugins/chat/spool_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace cxhub::chat {
namespace {

absl::Status IoError(absl::string_view what, const std::string& path, int error_number) {
  const std::string message =
      absl::StrCat("spool: cannot ", what, " '", path, "': ", std::strerror(error_number));
  if (error_number == EACCES || error_number == EPERM) {
    return absl::PermissionDeniedError(message);
  }
  return absl::UnavailableError(message);
}

std::string FolderOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

absl::Status WriteAll(int fd, absl::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t n = write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError("write", path, errno);
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return absl::OkStatus();
}

absl::Status AppendTo(int fd, const std::string& path, absl::string_view line) {
  struct stat st {};
  if (fstat(fd, &st) != 0) return IoError("stat", path, errno);
  std::string bytes;
  if (st.st_size > 0) {
    char last = '\n';
    if (pread(fd, &last, 1, st.st_size - 1) != 1) return IoError("read", path, errno);
    if (last != '\n') bytes.push_back('\n');
  }
  absl::StrAppend(&bytes, line, "\n");
  if (absl::Status status = WriteAll(fd, bytes, path); !status.ok()) return status;
  if (fsync(fd) != 0) return IoError("fsync", path, errno);
  return absl::OkStatus();
}

}  // namespace

absl::Status AppendSpoolLine(const std::string& path, absl::string_view line) {
  if (absl::StrContains(line, '\n')) {
    return absl::InvalidArgumentError("spool: a spooled event must be one line");
  }
  struct stat before {};
  const bool existed = stat(path.c_str(), &before) == 0;
  const int fd = open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) return IoError("open", path, errno);
  absl::Status status = AppendTo(fd, path, line);
  if (close(fd) != 0 && status.ok()) status = IoError("close", path, errno);
  if (!status.ok() || existed) return status;
  // A new file: its directory entry must be durable too.
  const std::string folder = FolderOf(path);
  const int dir = open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return IoError("open folder of", path, errno);
  if (fsync(dir) != 0) status = IoError("fsync folder of", path, errno);
  close(dir);
  return status;
}

}  // namespace cxhub::chat
