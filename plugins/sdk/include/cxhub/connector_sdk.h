// C++ helper for connector plugin authors: write a class, not function pointers.
//
//   #include "cxhub/connector_sdk.h"
//
//   class MyConnector : public cxhub::sdk::Connector {
//    public:
//     absl::Status Open(absl::string_view config) override;
//     absl::Status Read(absl::string_view cursor, cxhub::sdk::Sink& sink) override;
//   };
//   CXHUB_EXPORT_CONNECTOR(MyConnector, "my_connector", "email", "1.0.0")
//
// The macro defines the entry symbol and the function table of cxhub/connector.h. One object of
// the class is created per connector instance (default-constructed, then Open), used by one thread
// at a time, and destroyed on close. Every exception escaping the constructor, Open or Read is
// caught at the boundary and becomes CXHUB_CONNECTOR_INTERNAL with its what(); a non-OK
// absl::Status becomes its code and message. (Destructors must not throw, as usual in C++.) Build
// the plugin with the CMake function cxhub_add_connector_plugin (from find_package(
// CxhubConnectorSdk), or plugins/sdk/cmake/CxhubConnectorPlugin.cmake in the cxhub tree), which
// exports only the entry symbol.
#ifndef CXHUB_CONNECTOR_SDK_H_
#define CXHUB_CONNECTOR_SDK_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "cxhub/connector.h"
#include "cxhub/connector/v1/record.pb.h"
#include "cxhub/connector_limits.h"

namespace cxhub::sdk {

enum class LogLevel {
  kDebug = CXHUB_CONNECTOR_LOG_DEBUG,
  kInfo = CXHUB_CONNECTOR_LOG_INFO,
  kWarning = CXHUB_CONNECTOR_LOG_WARNING,
  kError = CXHUB_CONNECTOR_LOG_ERROR,
};

// Where Read sends its output; wraps the host callbacks for the duration of one Read call. Do not
// keep a Sink (or a pointer to it) past the Read call that received it, and use it only on the
// thread that called Read.
//
// Every method returns true to go on and false once the host asked to stop (or a record could not
// be serialized). After the first false, further calls do nothing and return false: Read should
// return promptly (its return value is then ignored and the host sees CXHUB_CONNECTOR_CANCELLED
// unless Read returned an error).
class Sink {
 public:
  // `host` is borrowed and must outlive the Sink.
  explicit Sink(const cxhub_connector_host_v1* host) : host_(host) {}
  Sink(const Sink&) = delete;
  Sink& operator=(const Sink&) = delete;

  // Emits one record (serialized here; the host copies the bytes).
  bool Emit(const cxhub::connector::v1::Record& record);
  // Sends source data that could not be turned into a record to the dead-letter store. Raw data
  // over kMaxDeadLetterRawBytes is cut to that size, the reason noting the original size.
  bool DeadLetter(absl::string_view reason, absl::string_view raw);
  // Marks a consistent point: the host commits what was emitted since the previous checkpoint
  // together with `cursor`, in one transaction. Emissions after the last checkpoint are discarded
  // and read again next time, so checkpoint every so often and always before returning OK. The
  // host may still be committing it when this returns: do not delete or acknowledge source data
  // on it. A cursor over kMaxCursorBytes is not sent: the Sink stops and the read fails with
  // INTERNAL.
  bool Checkpoint(absl::string_view cursor);
  // A log line for the connector instance.
  bool Log(LogLevel level, absl::string_view message);

  // True once the host asked to stop (or the Sink refused a cursor).
  bool stop_requested() const { return stopped_; }
  // Not OK when the Sink itself stopped the read (a cursor over the host's limit).
  const absl::Status& failure() const { return failure_; }

  static constexpr size_t kMaxCursorBytes = CXHUB_LIMIT_CURSOR_BYTES;
  static constexpr size_t kMaxDeadLetterRawBytes = CXHUB_LIMIT_DEAD_LETTER_RAW_BYTES;

 private:
  bool Honour(int callback_result);

  const cxhub_connector_host_v1* host_;
  bool stopped_ = false;
  absl::Status failure_;
};

// Base class of a connector written in C++. Neither method is called concurrently with another on
// the same object.
class Connector {
 public:
  virtual ~Connector() = default;

  // Validates the configuration (the connector's options, as the administrator wrote them) and
  // prepares to read. A non-OK status refuses the instance with that message.
  virtual absl::Status Open(absl::string_view config) = 0;

  // Reads what is new since `cursor` (empty = from the beginning; otherwise a cursor this
  // connector passed to Sink::Checkpoint, maybe in an earlier process). Returns OK once everything
  // available now has been emitted and checkpointed.
  virtual absl::Status Read(absl::string_view cursor, Sink& sink) = 0;

  // Parses `raw` again: bytes this connector once sent to Sink::DeadLetter, handed back when the
  // dead letter is retried. Emits records (or a dead letter again, with the reason) through
  // `sink`, never a checkpoint. The default answers UNIMPLEMENTED: the host then tells the
  // operator this plugin cannot retry its dead letters.
  virtual absl::Status Reparse(absl::string_view raw, Sink& sink);

 protected:
  // Logs through the host; works inside Open and Read only (elsewhere it does nothing).
  void Log(LogLevel level, absl::string_view message);

 private:
  friend struct ConnectorAccess;
  const cxhub_connector_host_v1* host_ = nullptr;
};

namespace internal {

// Glue between the C table and a Connector; used by CXHUB_EXPORT_CONNECTOR. Each function catches
// every exception.
using Factory = Connector* (*)();
cxhub_connector_status OpenInstance(Factory factory, const uint8_t* config, size_t config_len,
                                    const cxhub_connector_host_v1* host, void** instance,
                                    char* error, size_t error_size);
cxhub_connector_status ReadInstance(void* instance, const uint8_t* cursor, size_t cursor_len,
                                    const cxhub_connector_host_v1* host, char* error,
                                    size_t error_size);
cxhub_connector_status ReparseInstance(void* instance, const uint8_t* raw, size_t raw_len,
                                       const cxhub_connector_host_v1* host, char* error,
                                       size_t error_size);
void CloseInstance(void* instance);

template <typename T>
Connector* Create() {
  return new T();
}

template <typename T>
cxhub_connector_status Open(const uint8_t* config, size_t config_len,
                            const cxhub_connector_host_v1* host, void** instance, char* error,
                            size_t error_size) {
  return OpenInstance(&Create<T>, config, config_len, host, instance, error, error_size);
}

// The table for connector class T; `name`, `channels` and `version` must be string literals (or
// otherwise live as long as the library).
template <typename T>
constexpr cxhub_connector_v1 MakeTable(const char* name, const char* channels,
                                       const char* version) {
  return cxhub_connector_v1{sizeof(cxhub_connector_v1),
                            CXHUB_CONNECTOR_ABI_MAJOR,
                            CXHUB_CONNECTOR_ABI_MINOR,
                            name,
                            channels,
                            version,
                            &Open<T>,
                            &ReadInstance,
                            &CloseInstance,
                            &ReparseInstance};
}

}  // namespace internal
}  // namespace cxhub::sdk

// Defines the exported entry function of a plugin whose connector class is `ConnectorClass`.
// Use once per plugin, at namespace scope. `channels` is comma-separated ("chat,social").
#define CXHUB_EXPORT_CONNECTOR(ConnectorClass, name, channels, version)             \
  extern "C" __attribute__((visibility("default"))) const cxhub_connector_v1*       \
  cxhub_connector_v1_entry(void) {                                                  \
    static constexpr cxhub_connector_v1 kTable =                                    \
        ::cxhub::sdk::internal::MakeTable<ConnectorClass>(name, channels, version); \
    return &kTable;                                                                 \
  }

#endif  // CXHUB_CONNECTOR_SDK_H_
