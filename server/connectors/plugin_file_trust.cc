#include "server/connectors/plugin_file_trust.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

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

}  // namespace

TrustedPluginFile::TrustedPluginFile(TrustedPluginFile&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)) {}

TrustedPluginFile& TrustedPluginFile::operator=(TrustedPluginFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

TrustedPluginFile::~TrustedPluginFile() {
  if (fd_ >= 0) close(fd_);
}

std::string TrustedPluginFile::DescriptorPath() const {
  return absl::StrCat("/proc/self/fd/", fd_);
}

absl::StatusOr<TrustedPluginFile> OpenTrustedPluginFile(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const std::string message = absl::StrCat("plugin ", path, ": ", std::strerror(errno));
    return errno == ENOENT ? absl::NotFoundError(message) : absl::UnavailableError(message);
  }
  TrustedPluginFile file(fd);
  struct stat st {};
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
  if (absl::Status dir_ok =
          CheckOwnerAndMode(dir_st, absl::StrCat("plugin directory ", directory, " of ", path));
      !dir_ok.ok()) {
    return dir_ok;
  }
  return file;
}

}  // namespace cxhub::plugins
