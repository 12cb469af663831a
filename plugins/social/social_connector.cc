// The social connector plugin: files of Mastodon API entities (Status, mention Notification), one
// JSON object per line, into post interactions. Options: social_options.h; cursor:
// social_cursor.h; mapping: status_mapper.h; file reading: the phone connector's line tailer
// (plugins/phone/cdr_file_tailer.h). Overview in plugins/social/README.md.
#include <sys/stat.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "cxhub/connector_sdk.h"
#include "plugins/phone/cdr_file_tailer.h"
#include "plugins/social/social_cursor.h"
#include "plugins/social/social_options.h"
#include "plugins/social/status_mapper.h"
#include "plugins/social/thread_index.h"

namespace cxhub::social {
namespace {

using ::cxhub::phone::CdrFileTailer;
using ::cxhub::phone::CdrLine;
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
  int64_t boosts = 0;
  int64_t other_notifications = 0;
  int64_t brand_posts_without_customer = 0;

  int64_t total() const {
    return records + dead_letters + boosts + other_notifications + brand_posts_without_customer;
  }
};

class SocialConnector : public sdk::Connector {
 public:
  absl::Status Open(absl::string_view config) override {
    absl::StatusOr<SocialOptions> options = ParseSocialOptions(config);
    if (!options.ok()) return options.status();
    options_ = *std::move(options);
    for (const std::string& file : options_.files) {
      struct stat st {};
      const std::string folder = FolderOf(file);
      if (stat(folder.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        return absl::NotFoundError(
            absl::StrCat("social connector: the folder of file '", file, "' does not exist"));
      }
      if (stat(file.c_str(), &st) != 0) {
        Log(LogLevel::kWarning,
            absl::StrCat("'", file, "' does not exist yet; it is read once it appears"));
      } else if (!S_ISREG(st.st_mode)) {
        return absl::FailedPreconditionError(
            absl::StrCat("social connector: '", file, "' is not a regular file"));
      }
    }
    mapper_ = std::make_unique<StatusMapper>(
        StatusMapperConfig{options_.instance, options_.brand_handle});
    return absl::OkStatus();
  }

  absl::Status Read(absl::string_view cursor_bytes, Sink& sink) override {
    absl::StatusOr<SocialCursor> saved = DecodeSocialCursor(cursor_bytes);
    if (!saved.ok()) return saved.status();
    ThreadIndex threads(static_cast<size_t>(options_.thread_memory));
    for (ThreadEntry& entry : saved->threads) threads.Remember(std::move(entry));
    SocialCursor cursor;  // only the configured files; others are forgotten
    ReadCounts counts;
    int64_t since_checkpoint = 0;
    const auto encode = [&] {
      cursor.threads.assign(threads.entries().begin(), threads.entries().end());
      return EncodeSocialCursor(cursor);
    };
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
        if (!Handle(line, threads, sink, counts, since_checkpoint)) return absl::OkStatus();
        if (std::optional<FilePosition> at = (*tailer)->position()) cursor.files[file] = *at;
        if (since_checkpoint >= options_.checkpoint_every) {
          since_checkpoint = 0;
          if (!sink.Checkpoint(encode())) return absl::OkStatus();
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
    const std::string encoded = encode();
    const bool moved = cursor_bytes.empty() ? !cursor.files.empty() : encoded != cursor_bytes;
    if (moved && !sink.Checkpoint(encoded)) return absl::OkStatus();
    if (counts.total() > 0) {
      sink.Log(LogLevel::kInfo,
               absl::StrCat("read ", counts.records, " posts, ", counts.dead_letters,
                            " dead letters; skipped ", counts.boosts, " boosts, ",
                            counts.other_notifications, " other notifications, ",
                            counts.brand_posts_without_customer,
                            " brand posts without a customer"));
    }
    return absl::OkStatus();
  }

 private:
  // Emits what one line maps to. False once the host asked to stop.
  bool Handle(const CdrLine& line, ThreadIndex& threads, Sink& sink, ReadCounts& counts,
              int64_t& since_checkpoint) {
    const std::string where = absl::StrCat(line.file, " at byte ", line.offset, ": ");
    if (line.too_long) {
      ++counts.dead_letters;
      ++since_checkpoint;
      return sink.DeadLetter(absl::StrCat(where, "$: line longer than ", phone::kMaxLineBytes,
                                          " bytes (cut in the raw data)"),
                             line.text);
    }
    SocialMapping mapping = mapper_->Map(line.text, threads);
    switch (mapping.kind) {
      case SocialMapping::Kind::kInteractions:
        for (const auto& record : mapping.records) {
          ++counts.records;
          ++since_checkpoint;
          if (!sink.Emit(record)) return false;
        }
        return true;
      case SocialMapping::Kind::kBoost:
        ++counts.boosts;
        return sink.Log(LogLevel::kDebug, absl::StrCat(where, mapping.reason, " skipped"));
      case SocialMapping::Kind::kOtherNotification:
        ++counts.other_notifications;
        return sink.Log(LogLevel::kDebug, absl::StrCat(where, mapping.reason, " skipped"));
      case SocialMapping::Kind::kBrandPostWithoutCustomer:
        ++counts.brand_posts_without_customer;
        return sink.Log(LogLevel::kDebug, absl::StrCat(where, mapping.reason, " skipped"));
      case SocialMapping::Kind::kDeadLetter:
        ++counts.dead_letters;
        ++since_checkpoint;
        return sink.DeadLetter(where + mapping.reason, line.text);
    }
    return true;
  }

  SocialOptions options_;
  std::unique_ptr<StatusMapper> mapper_;
};

}  // namespace
}  // namespace cxhub::social

CXHUB_EXPORT_CONNECTOR(cxhub::social::SocialConnector, "social", "social", "1.0.0")
