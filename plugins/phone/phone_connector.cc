// The phone connector plugin: Asterisk cdr_csv files (Master.csv, per-account files) into call
// interactions. Options: phone_options.h; cursor: cdr_cursor.h; mapping: cdr_mapper.h;
// file reading: plugins/common (line_file_tailer.h, tailed_read.h). Overview in
// plugins/phone/README.md.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "cxhub/connector_sdk.h"
#include "plugins/common/tailed_read.h"
#include "plugins/phone/cdr_cursor.h"
#include "plugins/phone/cdr_mapper.h"
#include "plugins/phone/phone_options.h"

namespace cxhub::phone {
namespace {

using ::cxhub::plugin_common::LineLocation;
using ::cxhub::plugin_common::TailedLine;
using ::cxhub::sdk::LogLevel;
using ::cxhub::sdk::Sink;

// No cdr_csv line comes close; longer ones are dead letters.
constexpr size_t kMaxLineBytes = 64 * 1024;

// What one read did, for its summary log line.
struct ReadCounts {
  int64_t records = 0;
  int64_t dead_letters = 0;
  int64_t internal_calls = 0;
};

class PhoneConnector : public sdk::Connector {
 public:
  absl::Status Open(absl::string_view config) override {
    absl::StatusOr<PhoneOptions> options = ParsePhoneOptions(config);
    if (!options.ok()) return options.status();
    options_ = *std::move(options);
    absl::StatusOr<std::vector<std::string>> missing =
        plugin_common::CheckFilesToTail(options_.files, "phone", "file '");
    if (!missing.ok()) return missing.status();
    for (const std::string& file : *missing) {
      Log(LogLevel::kWarning,
          absl::StrCat("'", file, "' does not exist yet; it is read once it appears"));
    }
    mapper_ = std::make_unique<CdrMapper>(
        CdrMapperConfig{options_.default_region, options_.timezone, options_.extensions});
    return absl::OkStatus();
  }

  absl::Status Read(absl::string_view cursor_bytes, Sink& sink) override {
    absl::StatusOr<CdrCursor> saved = DecodeCdrCursor(cursor_bytes);
    if (!saved.ok()) return saved.status();
    CdrCursor cursor;  // only the configured files; others are forgotten
    ReadCounts counts;
    absl::StatusOr<bool> done = plugin_common::ReadTailedFiles(
        options_.files, saved->files, cursor_bytes, {kMaxLineBytes, options_.checkpoint_every},
        sink, cursor.files,
        [&](const TailedLine& line, int64_t& since_checkpoint) {
          return Handle(line, sink, counts, since_checkpoint);
        },
        [&cursor] { return EncodeCdrCursor(cursor); });
    if (!done.ok() || !*done) return done.status();
    if (counts.records + counts.dead_letters + counts.internal_calls > 0) {
      sink.Log(LogLevel::kInfo,
               absl::StrCat("read ", counts.records, " calls, ", counts.dead_letters,
                            " dead letters, skipped ", counts.internal_calls, " internal calls"));
    }
    return absl::OkStatus();
  }

 private:
  // Emits what one line maps to. False once the host asked to stop.
  bool Handle(const TailedLine& line, Sink& sink, ReadCounts& counts, int64_t& since_checkpoint) {
    const std::string where = LineLocation(line);
    if (line.too_long) {
      ++counts.dead_letters;
      ++since_checkpoint;
      return sink.DeadLetter(
          absl::StrCat(where, "line longer than ", kMaxLineBytes, " bytes (cut in the raw data)"),
          line.text);
    }
    CdrMapping mapping = mapper_->Map(line.text);
    switch (mapping.kind) {
      case CdrMapping::Kind::kInteraction:
        ++counts.records;
        ++since_checkpoint;
        return sink.Emit(mapping.record);
      case CdrMapping::Kind::kInternalCall:
        ++counts.internal_calls;
        return sink.Log(LogLevel::kDebug,
                        absl::StrCat(where, "internal call ", mapping.reason, " skipped"));
      case CdrMapping::Kind::kDeadLetter:
        ++counts.dead_letters;
        ++since_checkpoint;
        return sink.DeadLetter(where + mapping.reason, line.text);
    }
    return true;
  }

  PhoneOptions options_;
  std::unique_ptr<CdrMapper> mapper_;
};

}  // namespace
}  // namespace cxhub::phone

CXHUB_EXPORT_CONNECTOR(cxhub::phone::PhoneConnector, "phone", "phone", "1.0.0")
