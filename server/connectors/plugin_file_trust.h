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
#include <utility>

#include "absl/status/statusor.h"

namespace cxhub::plugins {

// A checked plugin file, to be loaded by DescriptorPath.
//
// The descriptor behind DescriptorPath stays open for the life of the process, one per plugin
// file (device and inode) ever loaded: the dynamic loader knows a loaded library by the name it
// was opened with, so a "/proc/self/fd/N" whose N was closed and reused for another file would
// resolve to the library loaded first. Open descriptors keep their names unique, and keep the
// inode they name from being reused.
class TrustedPluginFile {
 public:
  // The name that opens the checked file ("/proc/self/fd/N"), for dlopen.
  const std::string& DescriptorPath() const { return descriptor_path_; }

 private:
  friend absl::StatusOr<TrustedPluginFile> OpenTrustedPluginFile(const std::string& path);
  explicit TrustedPluginFile(std::string descriptor_path)
      : descriptor_path_(std::move(descriptor_path)) {}

  std::string descriptor_path_;
};

// Opens `path` and checks it and its directory. NOT_FOUND when it does not exist;
// PERMISSION_DENIED naming the file or directory and the reason (writable by group or others,
// owned by another user, not a regular file); UNAVAILABLE when it cannot be opened otherwise.
absl::StatusOr<TrustedPluginFile> OpenTrustedPluginFile(const std::string& path);

}  // namespace cxhub::plugins

#endif  // CXHUB_SERVER_CONNECTORS_PLUGIN_FILE_TRUST_H_
