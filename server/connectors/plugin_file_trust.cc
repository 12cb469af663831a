#include "server/connectors/plugin_file_trust.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"

namespace cxhub::plugins {
namespace {

std::string DirectoryOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// Why `st` (of `what`, e.g. "plugin file /x.so") cannot be trusted, or OK.
absl::Status CheckOwnerAndMode(const struct stat& st, absl::string_view what) {
  const uid_t self = geteuid();
  if (st.st_uid != 0 && st.st_uid != self) {
    return absl::PermissionDeniedError(
        absl::StrCat(what, " is owned by uid ", st.st_uid, ", not root or cxhubd's user (uid ",
                     self, "); refusing to load code another user can change"));
  }
  if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    return absl::PermissionDeniedError(absl::StrFormat(
        "%s is writable by %s (mode %04o); refusing to load code others can change (chmod go-w)",
        what, (st.st_mode & S_IWOTH) != 0 ? "others" : "its group", st.st_mode & 07777));
  }
  return absl::OkStatus();
}

// Why the file open as `fd` (named `path`), or its folder, cannot be trusted, or OK with `st`
// set to the file's status.
absl::Status CheckFileAndFolder(int fd, const std::string& path, struct stat& st) {
  if (fstat(fd, &st) != 0) {
    return absl::UnavailableError(absl::StrCat("plugin ", path, ": ", std::strerror(errno)));
  }
  if (!S_ISREG(st.st_mode)) {
    return absl::PermissionDeniedError(absl::StrCat("plugin ", path, " is not a regular file"));
  }
  if (absl::Status file_ok = CheckOwnerAndMode(st, absl::StrCat("plugin file ", path));
      !file_ok.ok()) {
    return file_ok;
  }
  const std::string directory = DirectoryOf(path);
  struct stat dir_st {};
  if (stat(directory.c_str(), &dir_st) != 0) {
    return absl::UnavailableError(
        absl::StrCat("plugin ", path, ": directory ", directory, ": ", std::strerror(errno)));
  }
  return CheckOwnerAndMode(dir_st, absl::StrCat("plugin directory ", directory, " of ", path));
}

// The descriptor kept open for the file `fd` is (by device and inode): `fd` itself the first
// time, which is then kept, or the one kept before, and then `fd` is closed.
int KeptDescriptorFor(int fd, const struct stat& st) {
  static absl::Mutex mutex(absl::kConstInit);
  static auto* kept = new std::map<std::pair<dev_t, ino_t>, int>();
  absl::MutexLock lock(&mutex);
  const auto [entry, added] = kept->emplace(std::make_pair(st.st_dev, st.st_ino), fd);
  if (!added) close(fd);
  return entry->second;
}

}  // namespace

absl::StatusOr<TrustedPluginFile> OpenTrustedPluginFile(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const std::string message = absl::StrCat("plugin ", path, ": ", std::strerror(errno));
    return errno == ENOENT ? absl::NotFoundError(message) : absl::UnavailableError(message);
  }
  struct stat st {};
  if (absl::Status trusted = CheckFileAndFolder(fd, path, st); !trusted.ok()) {
    close(fd);
    return trusted;
  }
  return TrustedPluginFile(absl::StrCat("/proc/self/fd/", KeptDescriptorFor(fd, st)));
}

}  // namespace cxhub::plugins
