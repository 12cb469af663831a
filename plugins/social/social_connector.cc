// The social connector plugin: files of Mastodon API entities (Status, mention Notification), one
// JSON object per line, into post interactions. Options: social_options.h; cursor:
// social_cursor.h; mapping: status_mapper.h; file reading: plugins/common
// (line_file_connector.h). Overview in plugins/social/README.md.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "cxhub/connector_sdk.h"
#include "plugins/common/line_file_connector.h"
#include "plugins/social/social_cursor.h"
#include "plugins/social/social_options.h"
#include "plugins/social/status_mapper.h"
#include "plugins/social/thread_index.h"

namespace cxhub::social {
namespace {

using ::cxhub::plugin_common::FilePositions;
using ::cxhub::plugin_common::LineSender;
using ::cxhub::plugin_common::LineTally;

// What one read skipped, by kind, for its summary log line.
struct SkipCounts {
  int64_t boosts = 0;
  int64_t other_notifications = 0;
  int64_t brand_posts_without_customer = 0;
};

class SocialConnector : public plugin_common::LineFileConnector {
 public:
  // Every dead-letter reason starts with a JSON path, a too-long line's with the document's.
  SocialConnector() : LineFileConnector("social", "$: ") {}

 private:
  absl::StatusOr<plugin_common::TailedFileOptions> Configure(absl::string_view config) override {
    absl::StatusOr<SocialOptions> options = ParseSocialOptions(config);
    if (!options.ok()) return options.status();
    options_ = *std::move(options);
    mapper_ = std::make_unique<StatusMapper>(
        StatusMapperConfig{options_.instance, options_.brand_handle});
    return plugin_common::TailedFileOptions(options_);
  }

  absl::StatusOr<FilePositions> BeginRead(absl::string_view cursor) override {
    absl::StatusOr<SocialCursor> saved = DecodeSocialCursor(cursor);
    if (!saved.ok()) return saved.status();
    threads_.emplace(static_cast<size_t>(options_.thread_memory));
    for (ThreadEntry& entry : saved->threads) threads_->Remember(std::move(entry));
    skipped_ = {};
    return std::move(saved->files);
  }

  bool HandleLine(absl::string_view line, LineSender& out) override {
    SocialMapping mapping = mapper_->Map(line, *threads_);
    switch (mapping.kind) {
      case SocialMapping::Kind::kInteractions:
        for (const auto& record : mapping.records) {
          if (!out.Emit(record)) return false;
        }
        return true;
      case SocialMapping::Kind::kBoost:
        ++skipped_.boosts;
        return out.Skip(absl::StrCat(mapping.reason, " skipped"));
      case SocialMapping::Kind::kOtherNotification:
        ++skipped_.other_notifications;
        return out.Skip(absl::StrCat(mapping.reason, " skipped"));
      case SocialMapping::Kind::kBrandPostWithoutCustomer:
        ++skipped_.brand_posts_without_customer;
        return out.Skip(absl::StrCat(mapping.reason, " skipped"));
      case SocialMapping::Kind::kDeadLetter:
        return out.DeadLetter(mapping.reason);
    }
    return true;
  }

  std::string EncodeCursor(const FilePositions& positions) override {
    SocialCursor cursor;
    cursor.files = positions;
    cursor.threads.assign(threads_->entries().begin(), threads_->entries().end());
    return EncodeSocialCursor(cursor);
  }

  std::string Summary(const LineTally& tally) const override {
    return absl::StrCat("read ", tally.records, " posts, ", tally.dead_letters,
                        " dead letters; skipped ", skipped_.boosts, " boosts, ",
                        skipped_.other_notifications, " other notifications, ",
                        skipped_.brand_posts_without_customer, " brand posts without a customer");
  }

  SocialOptions options_;
  std::unique_ptr<StatusMapper> mapper_;
  std::optional<ThreadIndex> threads_;  // the thread roots of the read under way
  SkipCounts skipped_;                  // of the read under way
};

}  // namespace
}  // namespace cxhub::social

CXHUB_EXPORT_CONNECTOR(cxhub::social::SocialConnector, "social", "social", "1.0.0")
