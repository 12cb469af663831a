// The chat connector plugin: Chatwoot webhook events, from JSONL files and from its own webhook
// endpoint's spool, into chat interactions and identity links. Options: chat_options.h; cursor:
// chat_cursor.h; mapping: chatwoot_event_mapper.h; webhook: webhook_listener.h; file reading:
// plugins/common (line_file_connector.h). Overview in plugins/chat/README.md.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "cxhub/connector_sdk.h"
#include "plugins/chat/chat_cursor.h"
#include "plugins/chat/chat_options.h"
#include "plugins/chat/chatwoot_event_mapper.h"
#include "plugins/chat/credential_file.h"
#include "plugins/chat/webhook_listener.h"
#include "plugins/common/line_file_connector.h"

namespace cxhub::chat {
namespace {

using ::cxhub::plugin_common::FilePositions;
using ::cxhub::plugin_common::LineSender;
using ::cxhub::plugin_common::LineTally;
using ::cxhub::sdk::LogLevel;
using ::cxhub::sdk::Sink;

// What one read emitted and skipped, by kind, for its summary log line.
struct ChatCounts {
  int64_t messages = 0;
  int64_t links = 0;
  int64_t private_notes = 0;
  int64_t activities = 0;
  int64_t empty = 0;
  int64_t other_events = 0;
  int64_t survey_questions = 0;
  int64_t survey_answers = 0;
};

class ChatConnector : public plugin_common::LineFileConnector {
 public:
  ChatConnector() : LineFileConnector("chat") {}

  absl::Status Read(absl::string_view cursor, Sink& sink) override {
    if (listener_ != nullptr && !LogWebhookStats(sink)) return absl::OkStatus();
    return LineFileConnector::Read(cursor, sink);
  }

 private:
  absl::StatusOr<plugin_common::TailedFileOptions> Configure(absl::string_view config) override {
    absl::StatusOr<ChatOptions> options = ParseChatOptions(config);
    if (!options.ok()) return options.status();
    options_ = *std::move(options);
    mapper_ = std::make_unique<ChatwootEventMapper>(
        ChatMapperConfig{options_.account_id, options_.identifier_system});
    return plugin_common::TailedFileOptions{options_.Sources(), options_.checkpoint_every};
  }

  // The spool is created by the first webhook event (or the process that writes it).
  bool WarnsWhenMissing(const std::string& file) const override { return file != options_.spool; }

  absl::Status FinishOpen() override {
    if (!options_.listen) return absl::OkStatus();
    absl::StatusOr<WebhookConfig> webhook = WebhookConfigFromOptions();
    if (!webhook.ok()) return webhook.status();
    const bool tls = !webhook->tls_certificate_pem.empty();
    absl::StatusOr<std::unique_ptr<WebhookListener>> listener =
        WebhookListener::Start(*std::move(webhook));
    if (!listener.ok()) return listener.status();
    listener_ = *std::move(listener);
    Log(LogLevel::kInfo,
        absl::StrCat("webhook listening on ", tls ? "https://" : "http://", options_.listen_address,
                     ":", listener_->port(), "/ (spool ", options_.spool,
                     options_.unsigned_deliveries ? "; UNSIGNED deliveries accepted" : "", ")"));
    return absl::OkStatus();
  }

  absl::StatusOr<WebhookConfig> WebhookConfigFromOptions() const {
    WebhookConfig webhook;
    webhook.address = options_.listen_address;
    webhook.port = options_.listen_port;
    webhook.spool_path = options_.spool;
    webhook.max_body_bytes = options_.max_body_bytes;
    webhook.max_connections = options_.max_connections;
    webhook.max_connections_per_address = options_.max_connections_per_ip;
    if (!options_.unsigned_deliveries) {
      absl::StatusOr<std::string> secret =
          ReadCredentialFile(options_.secret_file, "the webhook secret file");
      if (!secret.ok()) return secret.status();
      webhook.secret = *std::move(secret);
    }
    if (!options_.tls_cert.empty()) {
      absl::StatusOr<std::string> certificate =
          ReadCredentialFile(options_.tls_cert, "the webhook TLS certificate");
      if (!certificate.ok()) return certificate.status();
      absl::StatusOr<std::string> key = ReadCredentialFile(options_.tls_key, "the webhook TLS key");
      if (!key.ok()) return key.status();
      webhook.tls_certificate_pem = *std::move(certificate);
      webhook.tls_key_pem = *std::move(key);
    }
    return webhook;
  }

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

  absl::StatusOr<FilePositions> BeginRead(absl::string_view cursor) override {
    absl::StatusOr<ChatCursor> saved = DecodeChatCursor(cursor);
    if (!saved.ok()) return saved.status();
    counts_ = {};
    return std::move(saved->files);
  }

  bool HandleLine(absl::string_view line, LineSender& out) override {
    ChatMapping mapping = mapper_->Map(line);
    switch (mapping.kind) {
      case ChatMapping::Kind::kRecord:
        ++RecordCount(mapping.record);
        return out.Emit(mapping.record);
      case ChatMapping::Kind::kSkipped:
        ++SkipCount(mapping.skip);
        return out.Skip(absl::StrCat("skipped: ", mapping.reason));
      case ChatMapping::Kind::kDeadLetter:
        return out.DeadLetter(mapping.reason);
    }
    return true;
  }

  int64_t& RecordCount(const connector::v1::Record& record) {
    if (!record.has_interaction()) return counts_.links;
    return record.interaction().kind() == cxhub::v1::SURVEY_RESPONSE ? counts_.survey_answers
                                                                     : counts_.messages;
  }

  int64_t& SkipCount(ChatMapping::Skip skip) {
    switch (skip) {
      case ChatMapping::Skip::kPrivateNote:
        return counts_.private_notes;
      case ChatMapping::Skip::kActivity:
        return counts_.activities;
      case ChatMapping::Skip::kEmptyMessage:
        return counts_.empty;
      case ChatMapping::Skip::kSurveyQuestion:
        return counts_.survey_questions;
      default:
        return counts_.other_events;
    }
  }

  std::string EncodeCursor(const FilePositions& positions) override {
    return EncodeChatCursor(ChatCursor{positions});
  }

  std::string Summary(const LineTally& tally) const override {
    return absl::StrCat("read ", counts_.messages, " messages, ", counts_.links,
                        " identity links, ", tally.dead_letters, " dead letters; skipped ",
                        counts_.private_notes, " private notes, ", counts_.activities,
                        " activity messages, ", counts_.empty, " empty messages, ",
                        counts_.other_events, " other events, ", counts_.survey_questions,
                        " survey questions; read ", counts_.survey_answers, " survey answers");
  }

  ChatOptions options_;
  std::unique_ptr<ChatwootEventMapper> mapper_;
  std::unique_ptr<WebhookListener> listener_;  // only with listen=
  ChatCounts counts_;                          // of the read under way
};

}  // namespace
}  // namespace cxhub::chat

CXHUB_EXPORT_CONNECTOR(cxhub::chat::ChatConnector, "chat", "chat", "1.0.0")
