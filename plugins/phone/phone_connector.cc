// The phone connector plugin: Asterisk cdr_csv files (Master.csv, per-account files) into call
// interactions. Options: phone_options.h; cursor: cdr_cursor.h; mapping: cdr_mapper.h;
// file reading: cdr_file_tailer.h. Overview in plugins/phone/README.md.
#include <sys/stat.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "cxhub/connector_sdk.h"
#include "plugins/phone/cdr_cursor.h"
#include "plugins/phone/cdr_file_tailer.h"
#include "plugins/phone/cdr_mapper.h"
#include "plugins/phone/phone_options.h"

namespace cxhub::phone {
namespace {

using ::cxhub::sdk::LogLevel;
using ::cxhub::sdk::Sink;

std::string FolderOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

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
    for (const std::string& file : options_.files) {
      struct stat st {};
      const std::string folder = FolderOf(file);
      if (stat(folder.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        return absl::NotFoundError(
            absl::StrCat("phone connector: the folder of file '", file, "' does not exist"));
      }
      if (stat(file.c_str(), &st) != 0) {
        Log(LogLevel::kWarning,
            absl::StrCat("'", file, "' does not exist yet; it is read once it appears"));
      } else if (!S_ISREG(st.st_mode)) {
        return absl::FailedPreconditionError(
            absl::StrCat("phone connector: '", file, "' is not a regular file"));
      }
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
    int64_t since_checkpoint = 0;
    for (const std::string& file : options_.files) {
      const auto found = saved->files.find(file);
      const FilePosition* position = found == saved->files.end() ? nullptr : &found->second;
      if (position != nullptr) cursor.files[file] = *position;
      absl::StatusOr<std::unique_ptr<CdrFileTailer>> tailer = CdrFileTailer::Open(file, position);
      if (!tailer.ok()) return tailer.status();
      for (const std::string& note : (*tailer)->notes()) {
        if (!sink.Log(LogLevel::kInfo, note)) return absl::OkStatus();
      }
      CdrLine line;
      while (true) {
        absl::StatusOr<bool> more = (*tailer)->Next(line);
        if (!more.ok()) return more.status();
        if (!*more) break;
        if (!Handle(line, sink, counts, since_checkpoint)) return absl::OkStatus();
        if (std::optional<FilePosition> at = (*tailer)->position()) cursor.files[file] = *at;
        if (since_checkpoint >= options_.checkpoint_every) {
          since_checkpoint = 0;
          if (!sink.Checkpoint(EncodeCdrCursor(cursor))) return absl::OkStatus();
        }
      }
      if (std::optional<FilePosition> at = (*tailer)->position()) {
        // Unmoved: keep the saved fingerprint, so a read that found nothing checkpoints nothing.
        const bool unmoved = position != nullptr && at->offset == position->offset &&
                             at->identity.device == position->identity.device &&
                             at->identity.inode == position->identity.inode;
        cursor.files[file] = unmoved ? *position : *at;
      } else {
        cursor.files.erase(file);
      }
    }
    std::string encoded = EncodeCdrCursor(cursor);
    const bool moved = cursor_bytes.empty() ? !cursor.files.empty() : encoded != cursor_bytes;
    if (moved && !sink.Checkpoint(encoded)) return absl::OkStatus();
    if (counts.records + counts.dead_letters + counts.internal_calls > 0) {
      sink.Log(LogLevel::kInfo,
               absl::StrCat("read ", counts.records, " calls, ", counts.dead_letters,
                            " dead letters, skipped ", counts.internal_calls, " internal calls"));
    }
    return absl::OkStatus();
  }

 private:
  // Emits what one line maps to. False once the host asked to stop.
  bool Handle(const CdrLine& line, Sink& sink, ReadCounts& counts, int64_t& since_checkpoint) {
    const std::string where = absl::StrCat(line.file, " at byte ", line.offset, ": ");
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
