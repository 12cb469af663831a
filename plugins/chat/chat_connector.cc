// The chat connector plugin: Chatwoot webhook events, from JSONL files and from its own webhook
// endpoint's spool, into chat interactions and identity links. Options: chat_options.h; cursor:
// chat_cursor.h; mapping: chatwoot_event_mapper.h; webhook: webhook_listener.h. Overview in
// plugins/chat/README.md.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "cxhub/connector_sdk.h"
#include "plugins/chat/chat_cursor.h"
#include "plugins/chat/chat_options.h"
#include "plugins/chat/chatwoot_event_mapper.h"
#include "plugins/chat/webhook_listener.h"
#include "plugins/common/tailed_read.h"

namespace cxhub::chat {
namespace {

using ::cxhub::plugin_common::LineLocation;
using ::cxhub::plugin_common::TailedLine;
using ::cxhub::sdk::LogLevel;
using ::cxhub::sdk::Sink;

// What one read did, for its summary log line.
struct ReadCounts {
  int64_t messages = 0;
  int64_t links = 0;
  int64_t dead_letters = 0;
  int64_t private_notes = 0;
  int64_t activities = 0;
  int64_t empty = 0;
  int64_t other_events = 0;

  int64_t total() const {
    return messages + links + dead_letters + private_notes + activities + empty + other_events;
  }
};

class ChatConnector : public sdk::Connector {
 public:
  absl::Status Open(absl::string_view config) override {
    absl::StatusOr<ChatOptions> options = ParseChatOptions(config);
    if (!options.ok()) return options.status();
    options_ = *std::move(options);
    absl::StatusOr<std::vector<std::string>> missing =
        plugin_common::CheckFilesToTail(options_.Sources(), "chat", "'");
    if (!missing.ok()) return missing.status();
    for (const std::string& file : *missing) {
      if (file != options_.spool) {
        Log(LogLevel::kWarning,
            absl::StrCat("'", file, "' does not exist yet; it is read once it appears"));
      }
    }
    mapper_ = std::make_unique<ChatwootEventMapper>(
        ChatMapperConfig{options_.account_id, options_.identifier_system});
    if (options_.listen) {
      WebhookConfig webhook;
      webhook.address = options_.listen_address;
      webhook.port = options_.listen_port;
      webhook.spool_path = options_.spool;
      webhook.max_body_bytes = options_.max_body_bytes;
      absl::StatusOr<std::unique_ptr<WebhookListener>> listener =
          WebhookListener::Start(std::move(webhook));
      if (!listener.ok()) return listener.status();
      listener_ = *std::move(listener);
      Log(LogLevel::kInfo, absl::StrCat("webhook listening on http://", options_.listen_address,
                                        ":", listener_->port(), "/ (spool ", options_.spool, ")"));
    }
    return absl::OkStatus();
  }

  absl::Status Read(absl::string_view cursor_bytes, Sink& sink) override {
    absl::StatusOr<ChatCursor> saved = DecodeChatCursor(cursor_bytes);
    if (!saved.ok()) return saved.status();
    if (listener_ != nullptr && !LogWebhookStats(sink)) return absl::OkStatus();
    ChatCursor cursor;  // only the configured sources; others are forgotten
    ReadCounts counts;
    absl::StatusOr<bool> done = plugin_common::ReadTailedFiles(
        options_.Sources(), saved->files, cursor_bytes, {kMaxLineBytes, options_.checkpoint_every},
        sink, cursor.files,
        [&](const TailedLine& line, int64_t& since_checkpoint) {
          return Handle(line, sink, counts, since_checkpoint);
        },
        [&cursor] { return EncodeChatCursor(cursor); });
    if (!done.ok() || !*done) return done.status();
    if (counts.total() > 0) {
      sink.Log(
          LogLevel::kInfo,
          absl::StrCat("read ", counts.messages, " messages, ", counts.links, " identity links, ",
                       counts.dead_letters, " dead letters; skipped ", counts.private_notes,
                       " private notes, ", counts.activities, " activity messages, ", counts.empty,
                       " empty messages, ", counts.other_events, " other events"));
    }
    return absl::OkStatus();
  }

 private:
  // Logs what the webhook thread did since the last read. False once the host asked to stop.
  bool LogWebhookStats(Sink& sink) {
    const WebhookStats stats = listener_->TakeStats();
    if (stats.queued == 0 && stats.rejected == 0) return true;
    if (!sink.Log(LogLevel::kInfo, absl::StrCat("webhook: queued ", stats.queued,
                                                " events, rejected ", stats.rejected))) {
      return false;
    }
    return stats.rejected == 0 ||
           sink.Log(LogLevel::kWarning,
                    absl::StrCat("webhook: last rejected request: ", stats.last_problem));
  }

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
    ChatMapping mapping = mapper_->Map(line.text);
    switch (mapping.kind) {
      case ChatMapping::Kind::kRecord:
        ++since_checkpoint;
        if (mapping.record.has_interaction()) {
          ++counts.messages;
        } else {
          ++counts.links;
        }
        return sink.Emit(mapping.record);
      case ChatMapping::Kind::kSkipped:
        switch (mapping.skip) {
          case ChatMapping::Skip::kPrivateNote:
            ++counts.private_notes;
            break;
          case ChatMapping::Skip::kActivity:
            ++counts.activities;
            break;
          case ChatMapping::Skip::kEmptyMessage:
            ++counts.empty;
            break;
          default:
            ++counts.other_events;
            break;
        }
        return sink.Log(LogLevel::kDebug, absl::StrCat(where, "skipped: ", mapping.reason));
      case ChatMapping::Kind::kDeadLetter:
        ++counts.dead_letters;
        ++since_checkpoint;
        return sink.DeadLetter(where + mapping.reason, line.text);
    }
    return true;
  }

  ChatOptions options_;
  std::unique_ptr<ChatwootEventMapper> mapper_;
  std::unique_ptr<WebhookListener> listener_;  // only with listen=
};

}  // namespace
}  // namespace cxhub::chat

CXHUB_EXPORT_CONNECTOR(cxhub::chat::ChatConnector, "chat", "chat", "1.0.0")
