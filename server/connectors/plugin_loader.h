// Host side of the connector ABI (cxhub/connector.h): load a plugin file, check it, open instances
// and read from them with C++ callbacks. Used by the connector host in cxhubd and by the plugin
// tests. Knows nothing of the server; all errors are absl::Status values whose message names the
// plugin file.
//
//   absl::StatusOr<LoadedPlugin> plugin = LoadPlugin("/usr/lib/cxhub/plugins/maildir.so");
//   if (!plugin.ok()) { ...refuse this connector, keep serving the others... }
//   absl::StatusOr<PluginInstance> instance = plugin->Open(options);
//   ReadCallbacks callbacks;
//   callbacks.on_record = [&](absl::string_view bytes) { ...buffer...; return true; };
//   callbacks.on_checkpoint = [&](absl::string_view cursor) { ...commit...; return true; };
//   absl::Status status = instance->Read(committed_cursor, callbacks);
//
// Thread safety: LoadedPlugin is immutable and may be shared between threads. A PluginInstance
// must be used by one thread at a time (Read is not reentrant); different instances may be read
// concurrently.
#ifndef CXHUB_SERVER_CONNECTORS_PLUGIN_LOADER_H_
#define CXHUB_SERVER_CONNECTORS_PLUGIN_LOADER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "cxhub/connector.h"

namespace cxhub::plugins {

namespace internal {
struct PluginLibrary;  // the dlopen handle and the checked table
}  // namespace internal

enum class PluginLogLevel { kDebug, kInfo, kWarning, kError };

// What a plugin says about itself, copied out of its table at load time.
struct PluginInfo {
  std::string path;  // the file as given to LoadPlugin
  std::string name;
  std::vector<std::string> channels;
  std::string version;
  int abi_major = 0;
  int abi_minor = 0;
};

// How a read's output reaches the host. Each callback is called on the thread that called Read,
// only while Read runs; the views are valid only during the callback (copy what you keep).
// Returning false asks the plugin to stop: Read then returns CANCELLED. A callback that throws is
// treated as a stop, and Read returns INTERNAL with the exception's message. Unset callbacks
// accept and drop their input (on_log included).
struct ReadCallbacks {
  // A serialized cxhub.connector.v1.Record.
  std::function<bool(absl::string_view record)> on_record;
  std::function<bool(absl::string_view reason, absl::string_view raw)> on_dead_letter;
  // Commit what arrived since the previous checkpoint together with `cursor`.
  std::function<bool(absl::string_view cursor)> on_checkpoint;
  std::function<void(PluginLogLevel level, absl::string_view message)> on_log;
};

// An open connector instance (the plugin's open succeeded). Closes it on destruction. Keeps the
// library loaded as long as it lives, even if the LoadedPlugin it came from is gone. Move-only.
class PluginInstance {
 public:
  PluginInstance(PluginInstance&& other) noexcept;
  PluginInstance& operator=(PluginInstance&& other) noexcept;
  PluginInstance(const PluginInstance&) = delete;
  PluginInstance& operator=(const PluginInstance&) = delete;
  ~PluginInstance();

  // Reads what is new since `cursor` (empty = from the beginning). Returns OK when the plugin
  // read everything available, CANCELLED when a callback returned false, or the plugin's error
  // (its code, and a message naming the plugin file) otherwise. A cursor longer than 64 KiB
  // passed to checkpoint is an error (INTERNAL).
  absl::Status Read(absl::string_view cursor, const ReadCallbacks& callbacks);

  // Hands `raw` (bytes this plugin once dead-lettered) back to the plugin to parse again (ABI 1.1
  // reparse); what it maps to comes through on_record and on_dead_letter. UNIMPLEMENTED, naming
  // the plugin, when the plugin has no reparse entry (a 1.0 plugin) or declines; a checkpoint
  // during the call is an error (INTERNAL).
  absl::Status Reparse(absl::string_view raw, const ReadCallbacks& callbacks);

  const PluginInfo& info() const;

 private:
  // Runs `call` (the plugin's read or reparse) with `callbacks` and maps its outcome.
  template <typename Call>
  absl::Status CallWithCallbacks(const char* what, bool checkpoints_allowed,
                                 const ReadCallbacks& callbacks, Call call);

  friend class LoadedPlugin;
  PluginInstance(std::shared_ptr<const internal::PluginLibrary> library, void* instance);

  std::shared_ptr<const internal::PluginLibrary> library_;
  void* instance_ = nullptr;  // owned by the plugin; null once moved from
};

// A loaded, checked plugin library. Copyable (copies share the library, unloaded when the last
// copy and the last instance are gone).
class LoadedPlugin {
 public:
  const PluginInfo& info() const;

  // Opens an instance with `config` (the connector's options). `on_log` receives the plugin's
  // log lines during open (may be empty). Returns the plugin's error (its code, and a message
  // naming the file) if open fails.
  absl::StatusOr<PluginInstance> Open(
      absl::string_view config,
      const std::function<void(PluginLogLevel, absl::string_view)>& on_log = {}) const;

 private:
  friend absl::StatusOr<LoadedPlugin> LoadPlugin(const std::string& path);
  explicit LoadedPlugin(std::shared_ptr<const internal::PluginLibrary> library)
      : library_(std::move(library)) {}

  std::shared_ptr<const internal::PluginLibrary> library_;
};

// Loads the plugin at `path` with dlopen(RTLD_NOW | RTLD_LOCAL) and checks it: the entry symbol
// CXHUB_CONNECTOR_ENTRY_SYMBOL exists, its table is at least as large as ABI 1.0's, the ABI major
// equals this host's and the minor is not newer, and name, version and the functions are set.
// The file must be trusted first (plugin_file_trust.h): PERMISSION_DENIED with the reason when
// it or its directory is writable by group or others or owned by another user than root or
// cxhubd's; it is loaded through the descriptor that was checked.
// Errors: NOT_FOUND when the file does not exist; FAILED_PRECONDITION otherwise (not loadable,
// no entry symbol, wrong version, incomplete table). Every message names `path`; version errors
// name both versions.
absl::StatusOr<LoadedPlugin> LoadPlugin(const std::string& path);

}  // namespace cxhub::plugins

#endif  // CXHUB_SERVER_CONNECTORS_PLUGIN_LOADER_H_
