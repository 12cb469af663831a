// The social connector plugin: files of Mastodon API entities (Status, mention Notification), one
// JSON object per line, into post interactions. Options: social_options.h; cursor:
// social_cursor.h; mapping: status_mapper.h; file reading: plugins/common (line_file_tailer.h,
// tailed_read.h). Overview in plugins/social/README.md.
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
#include "plugins/social/social_cursor.h"
#include "plugins/social/social_options.h"
#include "plugins/social/status_mapper.h"
#include "plugins/social/thread_index.h"

namespace cxhub::social {
namespace {

using ::cxhub::plugin_common::LineLocation;
using ::cxhub::plugin_common::TailedLine;
using ::cxhub::sdk::LogLevel;
using ::cxhub::sdk::Sink;

// Longer lines (no Mastodon entity comes close) are dead letters.
constexpr size_t kMaxLineBytes = 64 * 1024;

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
    absl::StatusOr<std::vector<std::string>> missing =
        plugin_common::CheckFilesToTail(options_.files, "social", "file '");
    if (!missing.ok()) return missing.status();
    for (const std::string& file : *missing) {
      Log(LogLevel::kWarning,
          absl::StrCat("'", file, "' does not exist yet; it is read once it appears"));
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
    absl::StatusOr<bool> done = plugin_common::ReadTailedFiles(
        options_.files, saved->files, cursor_bytes, {kMaxLineBytes, options_.checkpoint_every},
        sink, cursor.files,
        [&](const TailedLine& line, int64_t& since_checkpoint) {
          return Handle(line, threads, sink, counts, since_checkpoint);
        },
        [&] {
          cursor.threads.assign(threads.entries().begin(), threads.entries().end());
          return EncodeSocialCursor(cursor);
        });
    if (!done.ok() || !*done) return done.status();
    if (counts.total() > 0) {
      sink.Log(
          LogLevel::kInfo,
          absl::StrCat("read ", counts.records, " posts, ", counts.dead_letters,
                       " dead letters; skipped ", counts.boosts, " boosts, ",
                       counts.other_notifications, " other notifications, ",
                       counts.brand_posts_without_customer, " brand posts without a customer"));
    }
    return absl::OkStatus();
  }

 private:
  // Emits what one line maps to. False once the host asked to stop.
  bool Handle(const TailedLine& line, ThreadIndex& threads, Sink& sink, ReadCounts& counts,
              int64_t& since_checkpoint) {
    const std::string where = LineLocation(line);
    if (line.too_long) {
      ++counts.dead_letters;
      ++since_checkpoint;
      return sink.DeadLetter(absl::StrCat(where, "$: line longer than ", kMaxLineBytes,
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
