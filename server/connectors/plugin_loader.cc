// Loads connector plugins and calls them through the C table of cxhub/connector.h.
#include "server/connectors/plugin_loader.h"

#include <dlfcn.h>

#include <cstddef>
#include <cstring>
#include <exception>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cxhub/connector_limits.h"
#include "server/connectors/plugin_file_trust.h"

namespace cxhub::plugins {

namespace internal {

struct PluginLibrary {
  PluginLibrary() = default;
  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;
  ~PluginLibrary() {
    if (handle != nullptr) dlclose(handle);
  }

  void* handle = nullptr;
  // The plugin's table, copied: the first min(size, sizeof) bytes, the rest zero.
  cxhub_connector_v1 table{};
  PluginInfo info;
};

}  // namespace internal

namespace {

constexpr size_t kErrorBufferSize = 4096;
constexpr size_t kMaxCursorBytes = CXHUB_LIMIT_CURSOR_BYTES;
// ABI 1.0's table ends after `close`; a smaller table cannot be a 1.x plugin.
constexpr size_t kMinTableSize =
    offsetof(cxhub_connector_v1, close) + sizeof(cxhub_connector_close_fn);

std::string DlError() {
  const char* message = dlerror();
  return message != nullptr ? message : "unknown dynamic loader error";
}

PluginLogLevel ToLogLevel(cxhub_connector_log_level level) {
  switch (level) {
    case CXHUB_CONNECTOR_LOG_DEBUG:
      return PluginLogLevel::kDebug;
    case CXHUB_CONNECTOR_LOG_INFO:
      return PluginLogLevel::kInfo;
    case CXHUB_CONNECTOR_LOG_WARNING:
      return PluginLogLevel::kWarning;
    default:
      return PluginLogLevel::kError;
  }
}

absl::StatusCode ToStatusCode(cxhub_connector_status status) {
  switch (status) {
    case CXHUB_CONNECTOR_OK:
    case CXHUB_CONNECTOR_CANCELLED:
    case CXHUB_CONNECTOR_INVALID_ARGUMENT:
    case CXHUB_CONNECTOR_NOT_FOUND:
    case CXHUB_CONNECTOR_PERMISSION_DENIED:
    case CXHUB_CONNECTOR_FAILED_PRECONDITION:
    case CXHUB_CONNECTOR_UNIMPLEMENTED:
    case CXHUB_CONNECTOR_INTERNAL:
    case CXHUB_CONNECTOR_UNAVAILABLE:
      return static_cast<absl::StatusCode>(status);
  }
  return absl::StatusCode::kInternal;
}

// The plugin's message from the host-owned buffer, which the plugin may have left untouched or
// (if it misbehaves) unterminated.
absl::string_view ErrorText(const char* buffer, size_t size) {
  const void* end = std::memchr(buffer, '\0', size);
  const size_t length = end != nullptr ? static_cast<const char*>(end) - buffer : size;
  return length == 0 ? absl::string_view("(no message)") : absl::string_view(buffer, length);
}

// Per-call state behind host_ctx: the callbacks plus the first failure of a callback.
struct CallContext {
  const ReadCallbacks* callbacks = nullptr;
  const std::function<void(PluginLogLevel, absl::string_view)>* on_log = nullptr;
  bool in_read = false;
  bool checkpoints_allowed = true;  // false during reparse
  bool stopped = false;             // a callback returned "stop"
  bool called_after_stop = false;   // ...and the plugin called back anyway
  absl::Status failure;             // set when a callback threw or was misused; stops the read

  // Runs a callback returning bool (true = go on) and turns it into the ABI's int. After the
  // first "stop", callbacks no longer reach the host.
  template <typename Fn>
  int Call(const char* what, Fn fn) {
    if (stopped || !failure.ok()) {
      called_after_stop = true;
      return 1;
    }
    try {
      if (fn()) return 0;
      stopped = true;
      return 1;
    } catch (const std::exception& e) {
      failure = absl::InternalError(absl::StrCat("host ", what, " callback threw: ", e.what()));
    } catch (...) {
      failure = absl::InternalError(absl::StrCat("host ", what, " callback threw"));
    }
    return 1;
  }
};

CallContext& Context(void* host_ctx) { return *static_cast<CallContext*>(host_ctx); }

int EmitRecord(void* host_ctx, const uint8_t* record, size_t record_len) {
  CallContext& ctx = Context(host_ctx);
  if (!ctx.in_read) return 1;
  return ctx.Call("emit_record", [&] {
    if (!ctx.callbacks->on_record) return true;
    return ctx.callbacks->on_record(
        absl::string_view(reinterpret_cast<const char*>(record), record_len));
  });
}

int EmitDeadLetter(void* host_ctx, const char* reason, const uint8_t* raw, size_t raw_len) {
  CallContext& ctx = Context(host_ctx);
  if (!ctx.in_read) return 1;
  return ctx.Call("emit_dead_letter", [&] {
    if (!ctx.callbacks->on_dead_letter) return true;
    return ctx.callbacks->on_dead_letter(
        reason != nullptr ? reason : "",
        absl::string_view(reinterpret_cast<const char*>(raw), raw_len));
  });
}

int Checkpoint(void* host_ctx, const uint8_t* cursor, size_t cursor_len) {
  CallContext& ctx = Context(host_ctx);
  if (!ctx.in_read) return 1;
  if (!ctx.checkpoints_allowed) {
    if (ctx.failure.ok()) ctx.failure = absl::InternalError("checkpoint called during reparse");
    return 1;
  }
  if (cursor_len > kMaxCursorBytes) {
    if (ctx.failure.ok()) {
      ctx.failure = absl::InternalError(
          absl::StrCat("checkpoint cursor of ", cursor_len, " bytes exceeds ", kMaxCursorBytes));
    }
    return 1;
  }
  return ctx.Call("checkpoint", [&] {
    if (!ctx.callbacks->on_checkpoint) return true;
    return ctx.callbacks->on_checkpoint(
        absl::string_view(reinterpret_cast<const char*>(cursor), cursor_len));
  });
}

int Log(void* host_ctx, cxhub_connector_log_level level, const char* message) {
  CallContext& ctx = Context(host_ctx);
  const std::function<void(PluginLogLevel, absl::string_view)>* on_log =
      ctx.callbacks != nullptr ? &ctx.callbacks->on_log : ctx.on_log;
  return ctx.Call("log", [&] {
    if (on_log != nullptr && *on_log) {
      (*on_log)(ToLogLevel(level), message != nullptr ? message : "");
    }
    return true;
  });
}

cxhub_connector_host_v1 MakeHost(CallContext& ctx) {
  cxhub_connector_host_v1 host{};
  host.size = sizeof(cxhub_connector_host_v1);
  host.host_ctx = &ctx;
  host.emit_record = &EmitRecord;
  host.emit_dead_letter = &EmitDeadLetter;
  host.checkpoint = &Checkpoint;
  host.log = &Log;
  return host;
}

std::string Describe(const PluginInfo& info) {
  return absl::StrCat("plugin ", info.path, " (", info.name, " ", info.version, ")");
}

}  // namespace

absl::StatusOr<LoadedPlugin> LoadPlugin(const std::string& path) {
  // Loaded through the descriptor that was checked, never by name again (and so never from the
  // library search path either).
  absl::StatusOr<TrustedPluginFile> file = OpenTrustedPluginFile(path);
  if (!file.ok()) return file.status();

  auto library = std::make_shared<internal::PluginLibrary>();
  dlerror();  // clear any stale error
  library->handle = dlopen(file->DescriptorPath().c_str(), RTLD_NOW | RTLD_LOCAL);
  if (library->handle == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("plugin ", path, ": cannot be loaded: ", DlError()));
  }
  dlerror();
  void* symbol = dlsym(library->handle, CXHUB_CONNECTOR_ENTRY_SYMBOL);
  if (symbol == nullptr) {
    return absl::FailedPreconditionError(absl::StrCat(
        "plugin ", path, ": entry symbol ", CXHUB_CONNECTOR_ENTRY_SYMBOL,
        " not found (not a cxhub connector, or built without CXHUB_EXPORT_CONNECTOR)"));
  }
  const cxhub_connector_v1* table = reinterpret_cast<cxhub_connector_entry_fn>(symbol)();
  if (table == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("plugin ", path, ": ", CXHUB_CONNECTOR_ENTRY_SYMBOL, " returned no table"));
  }
  // Version first: a different major may lay the table out differently, size included.
  const int major = table->abi_major;
  const int minor = table->abi_minor;
  const std::string versions = absl::StrCat(
      "plugin ", path, " was built for connector ABI ", major, ".", minor,
      "; this host speaks ABI ", CXHUB_CONNECTOR_ABI_MAJOR, ".", CXHUB_CONNECTOR_ABI_MINOR);
  if (major != CXHUB_CONNECTOR_ABI_MAJOR) {
    return absl::FailedPreconditionError(
        absl::StrCat(versions, " (a different major version is refused)"));
  }
  if (minor > CXHUB_CONNECTOR_ABI_MINOR) {
    return absl::FailedPreconditionError(
        absl::StrCat(versions, " (a newer minor version is refused; upgrade cxhubd)"));
  }
  if (table->size < kMinTableSize) {
    return absl::FailedPreconditionError(absl::StrCat("plugin ", path, ": function table of ",
                                                      table->size, " bytes is smaller than ABI ",
                                                      major, ".0's ", kMinTableSize));
  }
  // Fields the plugin's (older) table lacks stay zero.
  std::memcpy(&library->table, table,
              table->size < sizeof(cxhub_connector_v1) ? table->size : sizeof(cxhub_connector_v1));
  const cxhub_connector_v1& t = library->table;
  if (t.name == nullptr || *t.name == '\0' || t.version == nullptr || *t.version == '\0' ||
      t.channels == nullptr || *t.channels == '\0' || t.open == nullptr || t.read == nullptr ||
      t.close == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("plugin ", path,
                     ": incomplete function table (name, channels, version, open, read and "
                     "close are required)"));
  }
  PluginInfo& info = library->info;
  info.path = path;
  info.name = t.name;
  info.version = t.version;
  info.channels = absl::StrSplit(t.channels, ',', absl::SkipEmpty());
  info.abi_major = major;
  info.abi_minor = minor;
  return LoadedPlugin(std::move(library));
}

const PluginInfo& LoadedPlugin::info() const { return library_->info; }

absl::StatusOr<PluginInstance> LoadedPlugin::Open(
    absl::string_view config,
    const std::function<void(PluginLogLevel, absl::string_view)>& on_log) const {
  CallContext ctx;
  ctx.on_log = &on_log;
  const cxhub_connector_host_v1 host = MakeHost(ctx);
  char error[kErrorBufferSize] = {};
  void* instance = nullptr;
  const cxhub_connector_status status =
      library_->table.open(reinterpret_cast<const uint8_t*>(config.data()), config.size(), &host,
                           &instance, error, sizeof error);
  if (status != CXHUB_CONNECTOR_OK) {
    return absl::Status(
        ToStatusCode(status) == absl::StatusCode::kOk ? absl::StatusCode::kInternal
                                                      : ToStatusCode(status),
        absl::StrCat(Describe(library_->info), ": open failed: ", ErrorText(error, sizeof error)));
  }
  if (instance == nullptr) {
    return absl::InternalError(
        absl::StrCat(Describe(library_->info), ": open succeeded but returned no instance"));
  }
  return PluginInstance(library_, instance);
}

PluginInstance::PluginInstance(std::shared_ptr<const internal::PluginLibrary> library,
                               void* instance)
    : library_(std::move(library)), instance_(instance) {}

PluginInstance::PluginInstance(PluginInstance&& other) noexcept
    : library_(std::move(other.library_)), instance_(std::exchange(other.instance_, nullptr)) {}

PluginInstance& PluginInstance::operator=(PluginInstance&& other) noexcept {
  if (this != &other) {
    if (instance_ != nullptr) library_->table.close(instance_);
    library_ = std::move(other.library_);
    instance_ = std::exchange(other.instance_, nullptr);
  }
  return *this;
}

PluginInstance::~PluginInstance() {
  if (instance_ != nullptr) library_->table.close(instance_);
}

const PluginInfo& PluginInstance::info() const { return library_->info; }

template <typename Call>
absl::Status PluginInstance::CallWithCallbacks(const char* what, bool checkpoints_allowed,
                                               const ReadCallbacks& callbacks, Call call) {
  if (instance_ == nullptr) {
    return absl::FailedPreconditionError(absl::StrCat(what, " on a moved-from instance"));
  }
  CallContext ctx;
  ctx.callbacks = &callbacks;
  ctx.in_read = true;
  ctx.checkpoints_allowed = checkpoints_allowed;
  const cxhub_connector_host_v1 host = MakeHost(ctx);
  char error[kErrorBufferSize] = {};
  const cxhub_connector_status status = call(host, error, sizeof error);
  ctx.in_read = false;
  if (!ctx.failure.ok()) {
    return absl::Status(ctx.failure.code(),
                        absl::StrCat(Describe(library_->info), ": ", ctx.failure.message()));
  }
  if (ctx.called_after_stop) {
    return absl::InternalError(absl::StrCat(Describe(library_->info),
                                            ": kept calling the host after being asked to stop"));
  }
  if (ctx.stopped && (status == CXHUB_CONNECTOR_OK || status == CXHUB_CONNECTOR_CANCELLED)) {
    return absl::CancelledError(
        absl::StrCat(Describe(library_->info), ": ", what, " stopped at the host's request"));
  }
  if (status == CXHUB_CONNECTOR_OK) return absl::OkStatus();
  return absl::Status(ToStatusCode(status), absl::StrCat(Describe(library_->info), ": ", what, ": ",
                                                         ErrorText(error, sizeof error)));
}

absl::Status PluginInstance::Read(absl::string_view cursor, const ReadCallbacks& callbacks) {
  return CallWithCallbacks(
      "read", true, callbacks,
      [&](const cxhub_connector_host_v1& host, char* error, size_t error_size) {
        return library_->table.read(instance_, reinterpret_cast<const uint8_t*>(cursor.data()),
                                    cursor.size(), &host, error, error_size);
      });
}

absl::Status PluginInstance::Reparse(absl::string_view raw, const ReadCallbacks& callbacks) {
  if (library_ != nullptr && library_->table.reparse == nullptr) {
    return absl::UnimplementedError(absl::StrCat(
        Describe(library_->info), " (connector ABI ", library_->info.abi_major, ".",
        library_->info.abi_minor,
        ") has no reparse entry: it cannot parse its dead letters again; upgrade the plugin, or "
        "fix the source and let the plugin read it again"));
  }
  return CallWithCallbacks(
      "reparse", false, callbacks,
      [&](const cxhub_connector_host_v1& host, char* error, size_t error_size) {
        return library_->table.reparse(instance_, reinterpret_cast<const uint8_t*>(raw.data()),
                                       raw.size(), &host, error, error_size);
      });
}

}  // namespace cxhub::plugins
