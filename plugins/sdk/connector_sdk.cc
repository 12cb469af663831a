// The C side of cxhub/connector_sdk.h: turns C calls into Connector calls and every outcome
// (status, exception) into a cxhub_connector_status plus a message in the host's buffer.
#include "cxhub/connector_sdk.h"

#include <cstring>
#include <exception>
#include <new>
#include <string>

namespace cxhub::sdk {

struct ConnectorAccess {
  static void SetHost(Connector& connector, const cxhub_connector_host_v1* host) {
    connector.host_ = host;
  }
};

namespace {

// Copies `message` into the host-owned buffer, truncated, always NUL-terminated.
void WriteError(absl::string_view message, char* error, size_t error_size) {
  if (error == nullptr || error_size == 0) return;
  const size_t n = message.size() < error_size - 1 ? message.size() : error_size - 1;
  std::memcpy(error, message.data(), n);
  error[n] = '\0';
}

cxhub_connector_status ToCode(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return CXHUB_CONNECTOR_OK;
    case absl::StatusCode::kCancelled:
      return CXHUB_CONNECTOR_CANCELLED;
    case absl::StatusCode::kInvalidArgument:
      return CXHUB_CONNECTOR_INVALID_ARGUMENT;
    case absl::StatusCode::kNotFound:
      return CXHUB_CONNECTOR_NOT_FOUND;
    case absl::StatusCode::kPermissionDenied:
      return CXHUB_CONNECTOR_PERMISSION_DENIED;
    case absl::StatusCode::kFailedPrecondition:
      return CXHUB_CONNECTOR_FAILED_PRECONDITION;
    case absl::StatusCode::kUnavailable:
      return CXHUB_CONNECTOR_UNAVAILABLE;
    case absl::StatusCode::kUnimplemented:
      return CXHUB_CONNECTOR_UNIMPLEMENTED;
    default:
      return CXHUB_CONNECTOR_INTERNAL;
  }
}

cxhub_connector_status Fail(const absl::Status& status, char* error, size_t error_size) {
  WriteError(status.message(), error, error_size);
  return ToCode(status.code());
}

// Runs `body` and reports a thrown exception as INTERNAL with `what` prefixed by `where`.
template <typename Body>
cxhub_connector_status Guarded(const char* where, char* error, size_t error_size, Body body) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    WriteError(std::string(where) + ": out of memory", error, error_size);
  } catch (const std::exception& e) {
    try {
      WriteError(std::string(where) + ": uncaught exception: " + e.what(), error, error_size);
    } catch (...) {
      WriteError("uncaught exception", error, error_size);
    }
  } catch (...) {
    WriteError(std::string(where) + ": uncaught exception of unknown type", error, error_size);
  }
  return CXHUB_CONNECTOR_INTERNAL;
}

// Sets the connector's host pointer for the duration of one call.
class HostScope {
 public:
  HostScope(Connector& connector, const cxhub_connector_host_v1* host) : connector_(connector) {
    ConnectorAccess::SetHost(connector_, host);
  }
  ~HostScope() { ConnectorAccess::SetHost(connector_, nullptr); }
  HostScope(const HostScope&) = delete;
  HostScope& operator=(const HostScope&) = delete;

 private:
  Connector& connector_;
};

}  // namespace

bool Sink::Honour(int callback_result) {
  if (callback_result != 0) stopped_ = true;
  return !stopped_;
}

bool Sink::Emit(const cxhub::connector::v1::Record& record) {
  if (stopped_) return false;
  std::string bytes;
  if (!record.SerializeToString(&bytes)) {
    Log(LogLevel::kError, "record could not be serialized (missing required fields?)");
    stopped_ = true;
    return false;
  }
  return Honour(host_->emit_record(host_->host_ctx, reinterpret_cast<const uint8_t*>(bytes.data()),
                                   bytes.size()));
}

bool Sink::DeadLetter(absl::string_view reason, absl::string_view raw) {
  if (stopped_) return false;
  std::string reason_text(reason);  // NUL-terminated copy
  if (raw.size() > kMaxDeadLetterRawBytes) {
    reason_text += " (raw payload of " + std::to_string(raw.size()) + " bytes, the first " +
                   std::to_string(kMaxDeadLetterRawBytes) + " kept)";
    raw = raw.substr(0, kMaxDeadLetterRawBytes);
  }
  return Honour(host_->emit_dead_letter(host_->host_ctx, reason_text.c_str(),
                                        reinterpret_cast<const uint8_t*>(raw.data()), raw.size()));
}

bool Sink::Checkpoint(absl::string_view cursor) {
  if (stopped_) return false;
  if (cursor.size() > kMaxCursorBytes) {
    // The host would refuse it and the next read would start from the same place: fail the read
    // with the plugin's own message instead, before anything of it is committed.
    failure_ = absl::InternalError("checkpoint cursor of " + std::to_string(cursor.size()) +
                                   " bytes exceeds the host's limit of " +
                                   std::to_string(kMaxCursorBytes) + " (a plugin bug)");
    stopped_ = true;
    return false;
  }
  return Honour(host_->checkpoint(host_->host_ctx, reinterpret_cast<const uint8_t*>(cursor.data()),
                                  cursor.size()));
}

bool Sink::Log(LogLevel level, absl::string_view message) {
  if (stopped_) return false;
  const std::string text(message);
  return Honour(
      host_->log(host_->host_ctx, static_cast<cxhub_connector_log_level>(level), text.c_str()));
}

absl::Status Connector::Reparse(absl::string_view /*raw*/, Sink& /*sink*/) {
  return absl::UnimplementedError("this connector cannot parse its dead letters again");
}

void Connector::Log(LogLevel level, absl::string_view message) {
  if (host_ == nullptr) return;
  try {
    const std::string text(message);
    host_->log(host_->host_ctx, static_cast<cxhub_connector_log_level>(level), text.c_str());
  } catch (...) {
    // Logging is best effort; never let it throw out of a plugin.
  }
}

namespace internal {

cxhub_connector_status OpenInstance(Factory factory, const uint8_t* config, size_t config_len,
                                    const cxhub_connector_host_v1* host, void** instance,
                                    char* error, size_t error_size) {
  return Guarded("open", error, error_size, [&]() -> cxhub_connector_status {
    if (instance == nullptr) {
      return Fail(absl::InvalidArgumentError("open: instance is null"), error, error_size);
    }
    Connector* connector = factory();
    const absl::string_view config_text(reinterpret_cast<const char*>(config),
                                        config == nullptr ? 0 : config_len);
    absl::Status status;
    try {
      HostScope scope(*connector, host);
      status = connector->Open(config_text);
    } catch (...) {
      delete connector;
      throw;
    }
    if (!status.ok()) {
      delete connector;
      return Fail(status, error, error_size);
    }
    *instance = connector;
    return CXHUB_CONNECTOR_OK;
  });
}

// Runs `call` (Read or Reparse) on the instance with a Sink over `host`, and turns its outcome
// into the ABI's code and message.
template <typename Call>
cxhub_connector_status RunWithSink(const char* where, void* instance,
                                   const cxhub_connector_host_v1* host, char* error,
                                   size_t error_size, Call call) {
  return Guarded(where, error, error_size, [&]() -> cxhub_connector_status {
    if (instance == nullptr || host == nullptr) {
      return Fail(absl::InvalidArgumentError(std::string(where) + ": instance or host is null"),
                  error, error_size);
    }
    auto& connector = *static_cast<Connector*>(instance);
    HostScope scope(connector, host);
    Sink sink(host);
    const absl::Status status = call(connector, sink);
    if (!status.ok() && !absl::IsCancelled(status)) return Fail(status, error, error_size);
    if (!sink.failure().ok()) return Fail(sink.failure(), error, error_size);
    if (sink.stop_requested() || absl::IsCancelled(status)) {
      WriteError(std::string(where) + " stopped at the host's request", error, error_size);
      return CXHUB_CONNECTOR_CANCELLED;
    }
    return CXHUB_CONNECTOR_OK;
  });
}

cxhub_connector_status ReadInstance(void* instance, const uint8_t* cursor, size_t cursor_len,
                                    const cxhub_connector_host_v1* host, char* error,
                                    size_t error_size) {
  const absl::string_view cursor_text(reinterpret_cast<const char*>(cursor),
                                      cursor == nullptr ? 0 : cursor_len);
  return RunWithSink(
      "read", instance, host, error, error_size,
      [&](Connector& connector, Sink& sink) { return connector.Read(cursor_text, sink); });
}

cxhub_connector_status ReparseInstance(void* instance, const uint8_t* raw, size_t raw_len,
                                       const cxhub_connector_host_v1* host, char* error,
                                       size_t error_size) {
  const absl::string_view raw_bytes(reinterpret_cast<const char*>(raw),
                                    raw == nullptr ? 0 : raw_len);
  return RunWithSink(
      "reparse", instance, host, error, error_size,
      [&](Connector& connector, Sink& sink) { return connector.Reparse(raw_bytes, sink); });
}

void CloseInstance(void* instance) {
  char ignored[1];
  Guarded("close", ignored, sizeof ignored, [&]() -> cxhub_connector_status {
    delete static_cast<Connector*>(instance);
    return CXHUB_CONNECTOR_OK;
  });
}

}  // namespace internal
}  // namespace cxhub::sdk
