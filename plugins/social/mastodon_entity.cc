#include "plugins/social/mastodon_entity.h"

#include <optional>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "plugins/common/json_field_reader.h"
#include "plugins/common/json_line_parser.h"
#include "plugins/common/utf8_clip.h"
#include "simdjson.h"

namespace cxhub::social {
namespace {

using ::cxhub::plugin_common::JsonFieldReader;
using ::cxhub::plugin_common::JsonObject;
using simdjson::dom::element;

// The words of the parse errors: JSONPath-like paths from "$" ("$.status.account.acct").
constexpr plugin_common::JsonWording kMastodonWording = {
    "$",         "$",
    "an object", plugin_common::JsonTypeNames::kWithArticle,
    "found",     "required field is missing (or null)"};

// Checks that `id` read from `parent.key` is an id (see kMaxIdBytes).
void CheckId(JsonFieldReader& reader, const JsonObject& parent, absl::string_view key,
             const std::string& id) {
  bool ok = !id.empty() && id.size() <= kMaxIdBytes;
  for (const char c : id) ok = ok && c > ' ' && c < 127;
  if (!ok) {
    reader.Fail(absl::StrCat(JsonFieldReader::PathOf(parent, key), ": '",
                             plugin_common::ClipUtf8(id, 40), "' is not an id (1 to ", kMaxIdBytes,
                             " printable characters without spaces)"));
  }
}

std::string RequiredId(JsonFieldReader& reader, const JsonObject& parent, absl::string_view key) {
  std::string id = reader.RequiredString(parent, key).value_or("");
  if (reader.ok()) CheckId(reader, parent, key, id);
  return id;
}

// Absent, null or "": empty.
std::string OptionalId(JsonFieldReader& reader, const JsonObject& parent, absl::string_view key) {
  std::string id = reader.OptionalString(parent, key).value_or("");
  if (!id.empty()) CheckId(reader, parent, key, id);
  return id;
}

std::optional<std::string> NullableId(JsonFieldReader& reader, const JsonObject& parent,
                                      absl::string_view key) {
  std::optional<std::string> id = reader.OptionalString(parent, key);
  if (id) CheckId(reader, parent, key, *id);
  return id;
}

std::string OptionalText(JsonFieldReader& reader, const JsonObject& parent, absl::string_view key) {
  return reader.OptionalString(parent, key).value_or("");
}

void ReadAccount(JsonFieldReader& reader, const JsonObject& fields, MastodonAccount& account) {
  account.id = OptionalId(reader, fields, "id");
  account.acct = reader.RequiredString(fields, "acct").value_or("");
  if (reader.ok() && account.acct.empty()) {
    reader.Fail(absl::StrCat(JsonFieldReader::PathOf(fields, "acct"), ": is empty"));
  }
  account.url = OptionalText(reader, fields, "url");
  account.display_name = OptionalText(reader, fields, "display_name");
}

void ReadMentions(JsonFieldReader& reader, const JsonObject& fields,
                  std::vector<MastodonMention>& mentions) {
  reader.ForEachObject(fields, "mentions", [&](const JsonObject& mention) {
    MastodonMention& out = mentions.emplace_back();
    out.id = OptionalId(reader, mention, "id");
    out.acct = reader.RequiredString(mention, "acct").value_or("");
    out.url = OptionalText(reader, mention, "url");
  });
}

void ReadMedia(JsonFieldReader& reader, const JsonObject& fields,
               std::vector<MastodonMedia>& media) {
  reader.ForEachObject(fields, "media_attachments", [&](const JsonObject& attachment) {
    MastodonMedia& out = media.emplace_back();
    out.type = reader.RequiredString(attachment, "type").value_or("");
    out.url = OptionalText(reader, attachment, "url");
    if (out.url.empty()) out.url = OptionalText(reader, attachment, "remote_url");
    out.description = OptionalText(reader, attachment, "description");
  });
}

void ReadCreatedAt(JsonFieldReader& reader, const JsonObject& fields, MastodonStatus& status) {
  status.created_at_text = reader.RequiredString(fields, "created_at").value_or("");
  std::string why;
  if (reader.ok() &&
      !absl::ParseTime(absl::RFC3339_full, status.created_at_text, &status.created_at, &why)) {
    reader.Fail(absl::StrCat(JsonFieldReader::PathOf(fields, "created_at"), ": '",
                             plugin_common::ClipUtf8(status.created_at_text, 60),
                             "' is not an ISO 8601 time with a zone"));
  }
}

void ReadStatus(JsonFieldReader& reader, const JsonObject& fields, MastodonStatus& status) {
  status.id = RequiredId(reader, fields, "id");
  if (std::optional<JsonObject> boosted = reader.OptionalObject(fields, "reblog")) {
    status.is_boost = true;
    status.boosted_id = RequiredId(reader, *boosted, "id");
    return;
  }
  ReadCreatedAt(reader, fields, status);
  status.in_reply_to_id = NullableId(reader, fields, "in_reply_to_id");
  status.in_reply_to_account_id = NullableId(reader, fields, "in_reply_to_account_id");
  status.visibility = reader.RequiredString(fields, "visibility").value_or("");
  status.language = OptionalText(reader, fields, "language");
  status.uri = OptionalText(reader, fields, "uri");
  status.url = OptionalText(reader, fields, "url");
  status.content = reader.RequiredString(fields, "content").value_or("");
  status.spoiler_text = OptionalText(reader, fields, "spoiler_text");
  status.sensitive = reader.OptionalBool(fields, "sensitive", false);
  if (std::optional<JsonObject> account = reader.RequiredObject(fields, "account")) {
    ReadAccount(reader, *account, status.account);
  }
  ReadMentions(reader, fields, status.mentions);
  ReadMedia(reader, fields, status.media);
}

// A Notification: only mentions are read further; other types (favourite, follow, ...) are
// skipped.
void ReadNotification(JsonFieldReader& reader, const JsonObject& fields, MastodonEntity& entity) {
  entity.kind = MastodonEntity::Kind::kNotification;
  entity.notification_type = reader.RequiredString(fields, "type").value_or("");
  entity.notification_id = RequiredId(reader, fields, "id");
  if (!reader.ok() || entity.notification_type != "mention") return;
  const std::optional<JsonObject> status = reader.OptionalObject(fields, "status");
  if (!reader.ok()) return;
  if (!status) {
    reader.Fail(absl::StrCat(JsonFieldReader::PathOf(fields, "status"), ": ",
                             kMastodonWording.missing, " in a mention"));
    return;
  }
  entity.has_status = true;
  ReadStatus(reader, *status, entity.status);
}

}  // namespace

struct MastodonEntityParser::Impl {
  plugin_common::JsonLineParser parser;
};

MastodonEntityParser::MastodonEntityParser() : impl_(std::make_unique<Impl>()) {}
MastodonEntityParser::~MastodonEntityParser() = default;

absl::StatusOr<MastodonEntity> MastodonEntityParser::Parse(absl::string_view line) {
  absl::StatusOr<element> root = impl_->parser.Parse(line);
  if (!root.ok()) return root.status();
  JsonFieldReader reader(kMastodonWording);
  MastodonEntity entity;
  if (const std::optional<JsonObject> fields = reader.Root(*root)) {
    if (reader.OptionalValue(*fields, "type")) {
      ReadNotification(reader, *fields, entity);
    } else {
      entity.has_status = true;
      ReadStatus(reader, *fields, entity.status);
    }
  }
  if (!reader.ok()) return absl::InvalidArgumentError(reader.error());
  return entity;
}

}  // namespace cxhub::social
