// The email connector plugin: Maildir folders and mboxrd files, options and cursor as described
// in email_options.h and email_cursor.h, mapping as in record_mapper.h.
//
// A read walks the configured sources in order. Each message becomes records, a dead letter, or
// nothing (internal mail, logged); a checkpoint follows every `checkpoint_every` messages and the
// end of the read when the cursor moved. mbox: only complete messages are read (see
// mbox_reader.h); rotation and truncation restart the file. Maildir: files are delivered in order
// of arrival; tmp/ is never read.
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cxhub/connector_sdk.h"
#include "plugins/common/record_fitting.h"
#include "plugins/email/dead_letter_envelope.h"
#include "plugins/email/email_cursor.h"
#include "plugins/email/email_options.h"
#include "plugins/email/gmime_init.h"
#include "plugins/email/maildir_message_file.h"
#include "plugins/email/maildir_scanner.h"
#include "plugins/email/mbox_reader.h"
#include "plugins/email/record_mapper.h"

namespace cxhub::email {
namespace {

constexpr uint64_t kHeadBytes = 4096;
// Name hashes kept in the cursor over all Maildirs (17 bytes each); beyond this the floors move
// up, so that the cursor stays well within the host's CXHUB_LIMIT_CURSOR_BYTES.
constexpr size_t kMaxDeliveredNames = 2048;

class EmailConnector : public sdk::Connector {
 public:
  absl::Status Open(absl::string_view config) override {
    absl::StatusOr<EmailOptions> options = ParseEmailOptions(config);
    if (!options.ok()) return options.status();
    for (const SourceConfig& source : options->sources) {
      if (source.kind == SourceKind::kMaildir) {
        if (absl::Status status = CheckMaildir(source.path); !status.ok()) return status;
      } else {
        struct stat st {};
        if (stat(source.path.c_str(), &st) != 0) {
          return absl::NotFoundError(absl::StrCat("mbox ", source.path, ": ", strerror(errno)));
        }
        if (!S_ISREG(st.st_mode)) {
          return absl::InvalidArgumentError(
              absl::StrCat("mbox ", source.path, " is not a regular file"));
        }
      }
    }
    EnsureGMimeInitialized();
    options_ = std::move(*options);
    return absl::OkStatus();
  }

  absl::Status Read(absl::string_view cursor_text, sdk::Sink& sink) override {
    absl::StatusOr<EmailCursor> parsed = ParseCursor(cursor_text);
    if (!parsed.ok()) return parsed.status();
    // Keep only the sources still configured.
    cursor_ = EmailCursor();
    for (const SourceConfig& source : options_.sources) {
      if (source.kind == SourceKind::kMbox && parsed->mbox.count(source.path) > 0) {
        cursor_.mbox[source.path] = parsed->mbox[source.path];
      }
      if (source.kind == SourceKind::kMaildir && parsed->maildir.count(source.path) > 0) {
        cursor_.maildir[source.path] = parsed->maildir[source.path];
      }
    }
    sink_ = &sink;
    since_checkpoint_ = 0;
    for (const SourceConfig& source : options_.sources) {
      absl::Status status =
          source.kind == SourceKind::kMbox ? ReadMbox(source.path) : ReadMaildir(source.path);
      if (!status.ok()) return status;
      if (sink.stop_requested()) return absl::OkStatus();
    }
    std::string final_cursor = FormatCursor(cursor_);
    if (final_cursor != cursor_text || since_checkpoint_ > 0) sink.Checkpoint(final_cursor);
    sink_ = nullptr;
    return absl::OkStatus();
  }

  // A dead letter handed back: the raw message (mbox data before the first separator included)
  // mapped again as it would be read now, with the fallback time and source of its first read
  // (dead_letter_envelope.h); a dead letter without them falls back to the time of the retry.
  absl::Status Reparse(absl::string_view raw, sdk::Sink& sink) override {
    sink_ = &sink;
    const OpenedDeadLetter letter = OpenDeadLetter(raw);
    const uint64_t message_bytes =
        letter.envelope.has_value() ? letter.envelope->message_bytes : letter.message.size();
    DeliverWithin(letter.message, message_bytes, RetriedOrigin(letter));
    sink_ = nullptr;
    return absl::OkStatus();
  }

 private:
  // Sends what one message mapped to. False when the host asked to stop.
  bool Deliver(absl::string_view raw, const MessageOrigin& origin) {
    MappedMessage mapped = MapMessage(raw, origin, options_, parser_);
    if (!mapped.dead_letter_reason.empty()) {
      if (!SendDeadLetter(mapped.dead_letter_reason, origin, raw.size(), raw)) return false;
    } else if (!mapped.skip_reason.empty()) {
      if (!sink_->Log(sdk::LogLevel::kDebug, absl::StrCat("skipped ", mapped.skip_reason))) {
        return false;
      }
    }
    for (connector::v1::Record& record : mapped.records) {
      if (!plugin_common::EmitWithinHostLimits(*sink_, std::move(record))) return false;
    }
    return true;
  }

  // Delivers a message of `message_bytes` of which `kept` holds what was read: a message over
  // max_message_bytes, or one whose bytes were not all kept, is a dead letter unread.
  bool DeliverWithin(absl::string_view kept, uint64_t message_bytes, const MessageOrigin& origin) {
    if (message_bytes > options_.max_message_bytes) {
      return SendDeadLetter(absl::StrCat(origin.location, ": message of ", message_bytes,
                                         " bytes is over max_message_bytes (",
                                         options_.max_message_bytes, "); it was not read"),
                            origin, message_bytes, kept);
    }
    if (kept.size() < message_bytes) {
      return SendDeadLetter(absl::StrCat(origin.location, ": only the first ", kept.size(), " of ",
                                         message_bytes, " bytes were kept; it cannot be read"),
                            origin, message_bytes, kept);
    }
    return Deliver(kept, origin);
  }

  // A dead letter for a message of `message_bytes`, keeping what the host takes of `kept` after
  // the envelope that a retry needs (dead_letter_envelope.h).
  bool SendDeadLetter(absl::string_view reason, const MessageOrigin& origin, uint64_t message_bytes,
                      absl::string_view kept) {
    DeadLetterEnvelope envelope;
    envelope.message_bytes = message_bytes;
    envelope.fallback_time = origin.fallback_time;
    envelope.fallback_time_source = origin.fallback_time_source;
    envelope.source = origin.source;
    const std::string raw = SealDeadLetter(envelope, kept, sdk::Sink::kMaxDeadLetterRawBytes);
    const size_t kept_bytes = OpenDeadLetter(raw).message.size();
    if (kept_bytes == message_bytes) return sink_->DeadLetter(reason, raw);
    return sink_->DeadLetter(absl::StrCat(reason, " (raw payload of ", message_bytes,
                                          " bytes, the first ", kept_bytes, " kept)"),
                             raw);
  }

  // Where a retried dead letter came from: its envelope's source and fallback time, or the time
  // of the retry for a dead letter without one.
  MessageOrigin RetriedOrigin(const OpenedDeadLetter& letter) const {
    MessageOrigin origin;
    origin.source = "dead_letter";
    origin.location = "dead letter retried";
    origin.fallback_time = absl::ToUnixSeconds(absl::Now());
    origin.fallback_time_source = "retry_time";
    if (!letter.envelope.has_value()) return origin;
    const DeadLetterEnvelope& envelope = *letter.envelope;
    origin.source = envelope.source;
    origin.location = absl::StrCat("dead letter from ", envelope.source, " retried");
    const size_t colon = envelope.source.find(':');
    origin.holds_sent_mail =
        colon != std::string::npos &&
        options_.sent_mail_sources.count(envelope.source.substr(colon + 1)) > 0;
    if (envelope.fallback_time.has_value()) {
      origin.fallback_time = envelope.fallback_time;
      origin.fallback_time_source = envelope.fallback_time_source;
    }
    return origin;
  }

  // Counts one message; checkpoints every checkpoint_every. False when the host asked to stop.
  bool Progressed(const std::function<void()>& update_cursor) {
    if (++since_checkpoint_ < options_.checkpoint_every) return true;
    update_cursor();
    since_checkpoint_ = 0;
    return sink_->Checkpoint(FormatCursor(cursor_));
  }

  absl::Status ReadMbox(const std::string& path) {
    MboxProgress& progress = cursor_.mbox[path];
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) {
      sink_->Log(sdk::LogLevel::kWarning,
                 absl::StrCat("mbox ", path, " is not readable now: ", strerror(errno)));
      return absl::OkStatus();
    }
    const uint64_t size = static_cast<uint64_t>(st.st_size);
    const int64_t mtime_ns =
        static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    bool same_file = progress.inode == st.st_ino && progress.offset <= size;
    if (same_file && progress.head_length > 0) {
      absl::StatusOr<uint64_t> head = HashFileHead(path, progress.head_length);
      same_file = head.ok() && *head == progress.head_hash;
    }
    if (!same_file) {
      if (progress.offset > 0) {
        sink_->Log(sdk::LogLevel::kInfo,
                   absl::StrCat("mbox ", path,
                                " was rotated or truncated; reading it again from "
                                "the start (replays keep their external ids)"));
      }
      progress = MboxProgress();
      progress.inode = st.st_ino;
    }
    if (progress.offset == size) {
      progress.settled_size = 0;
      progress.settled_mtime_ns = 0;
      return absl::OkStatus();
    }
    const bool settled = progress.settled_size == size && progress.settled_mtime_ns == mtime_ns;
    absl::StatusOr<MboxReader> reader =
        MboxReader::Open(path, progress.offset, settled, options_.max_message_bytes);
    if (!reader.ok()) return reader.status();

    const auto update_head = [&] {
      progress.head_length = std::min(progress.offset, kHeadBytes);
      absl::StatusOr<uint64_t> head = HashFileHead(path, progress.head_length);
      progress.head_hash = head.ok() ? *head : 0;
    };
    while (true) {
      absl::StatusOr<std::optional<MboxMessage>> next = reader->Next();
      if (!next.ok()) return next.status();
      if (!next->has_value()) break;
      const MboxMessage& message = **next;
      if (!DeliverMboxMessage(path, st.st_mtim.tv_sec, message)) return absl::OkStatus();
      progress.offset = message.end_offset;
      if (!Progressed(update_head)) return absl::OkStatus();
    }
    update_head();
    if (reader->incomplete_tail()) {
      progress.settled_size = size;
      progress.settled_mtime_ns = mtime_ns;
    } else {
      progress.settled_size = 0;
      progress.settled_mtime_ns = 0;
    }
    return absl::OkStatus();
  }

  // Sends one message of the mbox at `path`, last modified at `mtime`: data before the first
  // separator is a dead letter, a message what it maps to. False when the host asked to stop.
  bool DeliverMboxMessage(const std::string& path, int64_t mtime, const MboxMessage& message) {
    MessageOrigin origin;
    origin.source = absl::StrCat("mbox:", path);
    origin.holds_sent_mail = options_.sent_mail_sources.count(path) > 0;
    origin.location = absl::StrCat("mbox ", path, " message at byte ", message.offset);
    origin.attributes["mbox_offset"] = absl::StrCat(message.offset);
    origin.fallback_time = FromLineTime(message.from_line);
    origin.fallback_time_source = "mbox_from_line";
    if (!origin.fallback_time.has_value()) {
      origin.fallback_time = mtime;
      origin.fallback_time_source = "file_mtime";
    }
    const uint64_t message_bytes =
        message.oversize ? message.end_offset - message.offset : message.content.size();
    if (message.from_line.empty()) {
      return SendDeadLetter(
          absl::StrCat(origin.location, ": data before the first 'From ' separator line"), origin,
          message_bytes, message.content);
    }
    return DeliverWithin(message.content, message_bytes, origin);
  }

  absl::Status ReadMaildir(const std::string& path) {
    MaildirProgress& progress = cursor_.maildir[path];
    absl::StatusOr<std::vector<MaildirEntry>> entries = ScanMaildir(path);
    if (!entries.ok()) {
      sink_->Log(sdk::LogLevel::kWarning, std::string(entries.status().message()));
      return absl::OkStatus();
    }
    // Moves the floor up and forgets names below it, keeping the cursor bounded.
    const auto compact = [&] {
      CompactMaildirProgress(*entries, options_.maildir_settle_seconds, MaxHashesPerMaildir(),
                             progress);
    };
    for (const MaildirEntry& entry : *entries) {
      const uint64_t hash = Fnv1a64(entry.unique_name);
      if (WasDelivered(progress, entry.arrival_time, entry.unique_name, hash)) continue;
      absl::StatusOr<MessageFile> file = ReadMaildirMessage(entry.path, options_.max_message_bytes,
                                                            sdk::Sink::kMaxDeadLetterRawBytes);
      if (!file.ok()) continue;  // moved or deleted since the scan: seen again at the next poll
      MessageOrigin origin;
      origin.source = absl::StrCat("maildir:", path);
      origin.holds_sent_mail = options_.sent_mail_sources.count(path) > 0;
      std::string relative = entry.path.substr(path.size() + 1);
      origin.location = absl::StrCat("maildir ", path, " file ", relative);
      origin.attributes["maildir_file"] = relative;
      origin.attributes["maildir_flags"] = entry.flags;
      origin.fallback_time = entry.name_time.has_value() ? *entry.name_time : entry.mtime;
      origin.fallback_time_source = entry.name_time.has_value() ? "maildir_filename" : "file_mtime";
      if (!DeliverWithin(file->bytes, file->size, origin)) return absl::OkStatus();
      progress.delivered.insert(hash);
      progress.newest = std::max(progress.newest, entry.arrival_time);
      if (!Progressed(compact)) return absl::OkStatus();
    }
    compact();
    return absl::OkStatus();
  }

  size_t MaxHashesPerMaildir() const {
    const size_t maildirs = std::count_if(
        options_.sources.begin(), options_.sources.end(),
        [](const SourceConfig& source) { return source.kind == SourceKind::kMaildir; });
    return kMaxDeliveredNames / std::max<size_t>(maildirs, 1);
  }

  EmailOptions options_;
  MessageParser parser_;  // Every message of this instance's reads, one after another.
  EmailCursor cursor_;
  sdk::Sink* sink_ = nullptr;
  int since_checkpoint_ = 0;
};

}  // namespace
}  // namespace cxhub::email

CXHUB_EXPORT_CONNECTOR(cxhub::email::EmailConnector, "email", "email", "1.0.0")
