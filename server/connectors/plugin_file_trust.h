// Whether a plugin file may be loaded into cxhubd: code in it runs with cxhubd's rights, so only
// root or cxhubd's own user may have been able to write it.
//
// A plugin file is trusted when it is a regular file, its owner is root or the effective user,
// and neither it nor its directory is writable by group or others (nor is the directory owned by
// another user). The file is opened once and checked through that descriptor, and the loader
// loads it through the same descriptor (/proc/self/fd/N), so it cannot be swapped between the
// check and the load.
#ifndef CXHUB_SERVER_CONNECTORS_PLUGIN_FILE_TRUST_H_
#define CXHUB_SERVER_CONNECTORS_PLUGIN_FILE_TRUST_H_

#include <string>

#include "absl/status/statusor.h"

namespace cxhub::plugins {

// An open, checked plugin file. Closes its descriptor on destruction. Move-only.
class TrustedPluginFile {
 public:
  TrustedPluginFile(TrustedPluginFile&& other) noexcept;
  TrustedPluginFile& operator=(TrustedPluginFile&& other) noexcept;
  TrustedPluginFile(const TrustedPluginFile&) = delete;
  TrustedPluginFile& operator=(const TrustedPluginFile&) = delete;
  ~TrustedPluginFile();

  // The name that opens this very file again ("/proc/self/fd/N"), for dlopen.
  std::string DescriptorPath() const;

 private:
  friend absl::StatusOr<TrustedPluginFile> OpenTrustedPluginFile(const std::string& path);
  explicit TrustedPluginFile(int fd) : fd_(fd) {}

  int fd_ = -1;
};

// Opens `path` and checks it and its directory. NOT_FOUND when it does not exist;
// PERMISSION_DENIED naming the file or directory and the reason (writable by group or others,
// owned by another user, not a regular file); UNAVAILABLE when it cannot be opened otherwise.
absl::StatusOr<TrustedPluginFile> OpenTrustedPluginFile(const std::string& path);

}  // namespace cxhub::plugins

#endif  // CXHUB_SERVER_CONNECTORS_PLUGIN_FILE_TRUST_H_
