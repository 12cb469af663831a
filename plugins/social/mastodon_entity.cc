#include "plugins/social/mastodon_entity.h"

#include <cstring>
#include <optional>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "simdjson.h"

namespace cxhub::social {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

absl::Status Error(absl::string_view path, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(path, ": ", what));
}

absl::string_view TypeName(element_type type) {
  switch (type) {
    case element_type::ARRAY:
      return "an array";
    case element_type::OBJECT:
      return "an object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
      return "a number";
    case element_type::STRING:
      return "a string";
    case element_type::BOOL:
      return "a boolean";
    case element_type::NULL_VALUE:
      return "null";
  }
  return "an unknown value";
}

absl::Status WrongType(absl::string_view path, absl::string_view expected, const element& found) {
  return Error(path, absl::StrCat("expected ", expected, ", found ", TypeName(found.type())));
}

// A JSON object and the path that reached it, with typed, path-naming accessors. A field that is
// absent and one that is null are the same to every Optional/Nullable accessor.
class Fields {
 public:
  Fields(object value, std::string path) : object_(value), path_(std::move(path)) {}

  std::string PathOf(absl::string_view key) const { return absl::StrCat(path_, ".", key); }

  // The field, or nullopt when it is absent or null.
  std::optional<element> Find(absl::string_view key) const {
    element value;
    if (object_.at_key(std::string_view(key.data(), key.size())).get(value) != simdjson::SUCCESS ||
        value.is_null()) {
      return std::nullopt;
    }
    return value;
  }

  absl::Status RequiredString(absl::string_view key, std::string& out) const {
    std::optional<element> value = Find(key);
    if (!value) return Error(PathOf(key), "required field is missing (or null)");
    return StringOf(key, *value, out);
  }

  // Absent or null: `out` is cleared and `present` (if given) is false.
  absl::Status OptionalString(absl::string_view key, std::string& out,
                              bool* present = nullptr) const {
    out.clear();
    std::optional<element> value = Find(key);
    if (present != nullptr) *present = value.has_value();
    if (!value) return absl::OkStatus();
    return StringOf(key, *value, out);
  }

  absl::Status NullableString(absl::string_view key, std::optional<std::string>& out) const {
    std::string text;
    bool present = false;
    if (absl::Status status = OptionalString(key, text, &present); !status.ok()) return status;
    out = present ? std::optional<std::string>(std::move(text)) : std::nullopt;
    return absl::OkStatus();
  }

  absl::Status RequiredId(absl::string_view key, std::string& out) const {
    if (absl::Status status = RequiredString(key, out); !status.ok()) return status;
    return CheckId(key, out);
  }

  absl::Status OptionalId(absl::string_view key, std::string& out) const {
    if (absl::Status status = OptionalString(key, out); !status.ok()) return status;
    return out.empty() ? absl::OkStatus() : CheckId(key, out);
  }

  absl::Status NullableId(absl::string_view key, std::optional<std::string>& out) const {
    if (absl::Status status = NullableString(key, out); !status.ok()) return status;
    return out ? CheckId(key, *out) : absl::OkStatus();
  }

  absl::Status OptionalBool(absl::string_view key, bool& out) const {
    out = false;
    std::optional<element> value = Find(key);
    if (!value) return absl::OkStatus();
    if (value->get(out) != simdjson::SUCCESS) return WrongType(PathOf(key), "a boolean", *value);
    return absl::OkStatus();
  }

  absl::StatusOr<Fields> RequiredObject(absl::string_view key) const {
    std::optional<element> value = Find(key);
    if (!value) return Error(PathOf(key), "required field is missing (or null)");
    return ObjectOf(key, *value);
  }

  // The array, or nullopt when it is absent or null. (A default-constructed simdjson array must
  // not be iterated, so "absent" is not an empty array here.)
  absl::StatusOr<std::optional<simdjson::dom::array>> OptionalArray(absl::string_view key) const {
    std::optional<element> value = Find(key);
    if (!value) return std::optional<simdjson::dom::array>();
    simdjson::dom::array array;
    if (value->get(array) != simdjson::SUCCESS) return WrongType(PathOf(key), "an array", *value);
    return std::optional<simdjson::dom::array>(array);
  }

  absl::StatusOr<Fields> ObjectOf(absl::string_view key, const element& value) const {
    object nested;
    if (value.get(nested) != simdjson::SUCCESS) {
      return WrongType(PathOf(key), "an object", value);
    }
    return Fields(nested, PathOf(key));
  }

  const std::string& path() const { return path_; }

 private:
  absl::Status StringOf(absl::string_view key, const element& value, std::string& out) const {
    std::string_view text;
    if (value.get(text) != simdjson::SUCCESS) return WrongType(PathOf(key), "a string", value);
    out.assign(text.data(), text.size());
    return absl::OkStatus();
  }

  absl::Status CheckId(absl::string_view key, const std::string& id) const {
    bool ok = !id.empty() && id.size() <= kMaxIdBytes;
    for (const char c : id) ok = ok && c > ' ' && c < 127;
    if (!ok) {
      return Error(PathOf(key),
                   absl::StrCat("'", absl::string_view(id).substr(0, 40), "' is not an id (1 to ",
                                kMaxIdBytes, " printable characters without spaces)"));
    }
    return absl::OkStatus();
  }

  object object_;
  std::string path_;
};

absl::Status ParseAccount(const Fields& fields, MastodonAccount& account) {
  if (absl::Status s = fields.OptionalId("id", account.id); !s.ok()) return s;
  if (absl::Status s = fields.RequiredString("acct", account.acct); !s.ok()) return s;
  if (account.acct.empty()) return Error(fields.PathOf("acct"), "is empty");
  if (absl::Status s = fields.OptionalString("url", account.url); !s.ok()) return s;
  return fields.OptionalString("display_name", account.display_name);
}

absl::Status ParseMentions(const Fields& fields, std::vector<MastodonMention>& mentions) {
  absl::StatusOr<std::optional<simdjson::dom::array>> array = fields.OptionalArray("mentions");
  if (!array.ok()) return array.status();
  if (!array->has_value()) return absl::OkStatus();
  size_t index = 0;
  for (element item : **array) {
    const std::string key = absl::StrCat("mentions[", index++, "]");
    absl::StatusOr<Fields> mention = fields.ObjectOf(key, item);
    if (!mention.ok()) return mention.status();
    MastodonMention& out = mentions.emplace_back();
    if (absl::Status s = mention->OptionalId("id", out.id); !s.ok()) return s;
    if (absl::Status s = mention->RequiredString("acct", out.acct); !s.ok()) return s;
    if (absl::Status s = mention->OptionalString("url", out.url); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status ParseMedia(const Fields& fields, std::vector<MastodonMedia>& media) {
  absl::StatusOr<std::optional<simdjson::dom::array>> array =
      fields.OptionalArray("media_attachments");
  if (!array.ok()) return array.status();
  if (!array->has_value()) return absl::OkStatus();
  size_t index = 0;
  for (element item : **array) {
    const std::string key = absl::StrCat("media_attachments[", index++, "]");
    absl::StatusOr<Fields> attachment = fields.ObjectOf(key, item);
    if (!attachment.ok()) return attachment.status();
    MastodonMedia& out = media.emplace_back();
    if (absl::Status s = attachment->RequiredString("type", out.type); !s.ok()) return s;
    if (absl::Status s = attachment->OptionalString("url", out.url); !s.ok()) return s;
    if (out.url.empty()) {
      if (absl::Status s = attachment->OptionalString("remote_url", out.url); !s.ok()) return s;
    }
    if (absl::Status s = attachment->OptionalString("description", out.description); !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

absl::Status ParseStatus(const Fields& fields, MastodonStatus& status) {
  if (absl::Status s = fields.RequiredId("id", status.id); !s.ok()) return s;
  if (std::optional<element> reblog = fields.Find("reblog")) {
    absl::StatusOr<Fields> boosted = fields.ObjectOf("reblog", *reblog);
    if (!boosted.ok()) return boosted.status();
    status.is_boost = true;
    return boosted->RequiredId("id", status.boosted_id);
  }
  if (absl::Status s = fields.RequiredString("created_at", status.created_at_text); !s.ok()) {
    return s;
  }
  std::string why;
  if (!absl::ParseTime(absl::RFC3339_full, status.created_at_text, &status.created_at, &why)) {
    return Error(fields.PathOf("created_at"),
                 absl::StrCat("'", absl::string_view(status.created_at_text).substr(0, 60),
                              "' is not an ISO 8601 time with a zone"));
  }
  if (absl::Status s = fields.NullableId("in_reply_to_id", status.in_reply_to_id); !s.ok()) {
    return s;
  }
  if (absl::Status s = fields.NullableId("in_reply_to_account_id", status.in_reply_to_account_id);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = fields.RequiredString("visibility", status.visibility); !s.ok()) return s;
  if (absl::Status s = fields.OptionalString("language", status.language); !s.ok()) return s;
  if (absl::Status s = fields.OptionalString("uri", status.uri); !s.ok()) return s;
  if (absl::Status s = fields.OptionalString("url", status.url); !s.ok()) return s;
  if (absl::Status s = fields.RequiredString("content", status.content); !s.ok()) return s;
  if (absl::Status s = fields.OptionalString("spoiler_text", status.spoiler_text); !s.ok()) {
    return s;
  }
  if (absl::Status s = fields.OptionalBool("sensitive", status.sensitive); !s.ok()) return s;
  absl::StatusOr<Fields> account = fields.RequiredObject("account");
  if (!account.ok()) return account.status();
  if (absl::Status s = ParseAccount(*account, status.account); !s.ok()) return s;
  if (absl::Status s = ParseMentions(fields, status.mentions); !s.ok()) return s;
  return ParseMedia(fields, status.media);
}

}  // namespace

struct MastodonEntityParser::Impl {
  simdjson::dom::parser parser;
  std::string buffer;  // the line plus simdjson's padding
};

MastodonEntityParser::MastodonEntityParser() : impl_(std::make_unique<Impl>()) {}
MastodonEntityParser::~MastodonEntityParser() = default;

absl::StatusOr<MastodonEntity> MastodonEntityParser::Parse(absl::string_view line) {
  impl_->buffer.resize(line.size() + simdjson::SIMDJSON_PADDING);
  if (!line.empty()) std::memcpy(impl_->buffer.data(), line.data(), line.size());
  element root;
  const simdjson::error_code error =
      impl_->parser.parse(impl_->buffer.data(), line.size(), false).get(root);
  if (error != simdjson::SUCCESS) {
    const bool truncated = error == simdjson::UNCLOSED_STRING || error == simdjson::TAPE_ERROR ||
                           error == simdjson::INCOMPLETE_ARRAY_OR_OBJECT ||
                           error == simdjson::EMPTY;
    return Error("$", absl::StrCat("invalid JSON", truncated ? " (truncated?)" : "", ": ",
                                   simdjson::error_message(error)));
  }
  object top;
  if (root.get(top) != simdjson::SUCCESS) return WrongType("$", "an object", root);
  const Fields fields(top, "$");
  MastodonEntity entity;
  if (std::optional<element> type = fields.Find("type")) {
    entity.kind = MastodonEntity::Kind::kNotification;
    if (absl::Status s = fields.RequiredString("type", entity.notification_type); !s.ok()) {
      return s;
    }
    if (absl::Status s = fields.RequiredId("id", entity.notification_id); !s.ok()) return s;
    // Only mentions are read further; other types (favourite, follow, ...) are skipped.
    if (entity.notification_type != "mention") return entity;
    std::optional<element> status = fields.Find("status");
    if (!status) return Error("$.status", "required field is missing (or null) in a mention");
    absl::StatusOr<Fields> nested = fields.ObjectOf("status", *status);
    if (!nested.ok()) return nested.status();
    entity.has_status = true;
    if (absl::Status s = ParseStatus(*nested, entity.status); !s.ok()) return s;
    return entity;
  }
  entity.has_status = true;
  if (absl::Status s = ParseStatus(fields, entity.status); !s.ok()) return s;
  return entity;
}

}  // namespace cxhub::social
