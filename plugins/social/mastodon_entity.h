// The parts of Mastodon API entities (docs.joinmastodon.org/entities/) this connector uses, as
// plain types, and the parser that reads them from one JSON line.
//
// A line holds either a `Status` or a `Notification` (told apart by the Notification's `type`
// field, which a Status does not have). Unknown fields are ignored; the used ones are checked
// strictly: a missing required field, a wrong JSON type or invalid JSON is an INVALID_ARGUMENT
// whose message starts with the JSON path, e.g. "$.status.account.acct: expected a string, found
// a number" or "$: invalid JSON (truncated?): A string is opened, but never closed.".
//
// Required in a Status: id, created_at (ISO 8601), account (object) with acct, content,
// visibility. Optional (absent or null): in_reply_to_id, in_reply_to_account_id, language, uri,
// url, spoiler_text, sensitive, mentions (each with a required acct), media_attachments,
// account.id/url/display_name. A boost (`reblog` not null) needs only id and reblog.id.
// Required in a Notification: id and type; status too when type is "mention" (the status of
// another type is not read).
#ifndef CXHUB_PLUGINS_SOCIAL_MASTODON_ENTITY_H_
#define CXHUB_PLUGINS_SOCIAL_MASTODON_ENTITY_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace cxhub::social {

// Ids (status, account, notification) are 1 to kMaxIdBytes printable ASCII characters without
// spaces: they become external ids and cursor entries.
inline constexpr size_t kMaxIdBytes = 128;

struct MastodonAccount {
  std::string id;  // may be empty
  std::string acct;
  std::string url;  // profile URL; may be empty
  std::string display_name;
};

struct MastodonMention {
  std::string id;  // may be empty
  std::string acct;
  std::string url;  // may be empty
};

struct MastodonMedia {
  std::string type;  // image, video, gifv, audio, unknown
  std::string url;   // url, else remote_url; may be empty
  std::string description;
};

struct MastodonStatus {
  std::string id;
  absl::Time created_at;
  std::string created_at_text;  // as written
  std::optional<std::string> in_reply_to_id;
  std::optional<std::string> in_reply_to_account_id;
  std::string visibility;  // public, unlisted, private, direct
  std::string language;    // may be empty
  std::string uri;
  std::string url;
  std::string content;  // HTML
  std::string spoiler_text;
  bool sensitive = false;
  MastodonAccount account;
  std::vector<MastodonMention> mentions;
  std::vector<MastodonMedia> media;
  // A boost: only `id` and `boosted_id` are read.
  bool is_boost = false;
  std::string boosted_id;
};

struct MastodonEntity {
  enum class Kind { kStatus, kNotification };
  Kind kind = Kind::kStatus;
  std::string notification_id;    // kNotification
  std::string notification_type;  // kNotification: mention, favourite, follow, ...
  bool has_status = false;        // always for kStatus; for a Notification with a status
  MastodonStatus status;
};

// Reuses its buffers from line to line: keep one per thread.
class MastodonEntityParser {
 public:
  MastodonEntityParser();
  ~MastodonEntityParser();
  MastodonEntityParser(const MastodonEntityParser&) = delete;
  MastodonEntityParser& operator=(const MastodonEntityParser&) = delete;

  // Parses one line (without its newline).
  absl::StatusOr<MastodonEntity> Parse(absl::string_view line);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cxhub::social

#endif  // CXHUB_PLUGINS_SOCIAL_MASTODON_ENTITY_H_
