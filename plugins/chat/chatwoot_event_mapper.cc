#include "plugins/chat/chatwoot_event_mapper.h"

#include <cmath>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "plugins/common/json_field_reader.h"
#include "plugins/common/proto_timestamp.h"
#include "plugins/common/utf8_clip.h"
#include "simdjson.h"

namespace cxhub::chat {
namespace {

using ::cxhub::connector::v1::IdentityLink;
using ::cxhub::connector::v1::InteractionRecord;
using ::cxhub::plugin_common::JsonFieldReader;
using ::cxhub::plugin_common::JsonObject;
using ::cxhub::v1::Identity;
using simdjson::dom::element;
using simdjson::dom::element_type;
using Attributes = google::protobuf::Map<std::string, std::string>;

// The words of the dead-letter reasons: paths without a root ("conversation.meta.sender.id").
constexpr plugin_common::JsonWording kChatwootWording = {"",
                                                         "the event",
                                                         "a JSON object",
                                                         plugin_common::JsonTypeNames::kBare,
                                                         "got",
                                                         "required field is missing or null"};

// google.protobuf.Timestamp's range: 0001-01-01 to 9999-12-31.
constexpr int64_t kMinSeconds = -62135596800;
constexpr int64_t kMaxSeconds = 253402300799;

struct Contact {
  std::vector<Identity> identities;
  std::string name;
};

Identity MakeIdentity(cxhub::v1::IdentityKind kind, std::string value,
                      cxhub::v1::IdentityTrust trust = cxhub::v1::IDENTITY_TRUST_UNSPECIFIED) {
  Identity identity;
  identity.set_kind(kind);
  identity.set_value(std::move(value));
  identity.set_trust(trust);
  return identity;
}

ChatMapping DeadLetter(std::string reason) {
  ChatMapping mapping;
  mapping.kind = ChatMapping::Kind::kDeadLetter;
  mapping.reason = std::move(reason);
  return mapping;
}

ChatMapping Skipped(ChatMapping::Skip skip, std::string reason) {
  ChatMapping mapping;
  mapping.kind = ChatMapping::Kind::kSkipped;
  mapping.skip = skip;
  mapping.reason = std::move(reason);
  return mapping;
}

bool IsConversationEvent(absl::string_view event) {
  return event == "conversation_created" || event == "conversation_updated" ||
         event == "conversation_status_changed" || event == "conversation_opened" ||
         event == "conversation_resolved";
}

class EventMapping {
 public:
  explicit EventMapping(const ChatMapperConfig& config) : config_(config) {}

  ChatMapping Map(element document) {
    const std::optional<JsonObject> root = reader_.Root(document);
    const std::optional<std::string> event =
        root ? reader_.RequiredString(*root, "event") : std::nullopt;
    if (!reader_.ok()) return DeadLetter(reader_.error());
    if (*event == "message_created" || *event == "message_updated") {
      return MapMessage(*root, *event == "message_updated");
    }
    if (IsConversationEvent(*event)) return MapConversation(*root, *event);
    if (*event == "contact_created" || *event == "contact_updated") {
      return MapContact(*root, *event);
    }
    return Skipped(
        ChatMapping::Skip::kOtherEvent,
        absl::StrCat("event '", plugin_common::ClipUtf8(*event, 100), "' is not handled"));
  }

 private:
  // The account the event belongs to: its account.id if it names one (which must be ours).
  bool CheckAccount(const JsonObject& root) {
    const std::optional<JsonObject> account = reader_.OptionalObject(root, "account");
    if (!account) return reader_.ok();
    const std::optional<int64_t> id = reader_.RequiredInt(*account, "id");
    if (id && *id != config_.account_id) {
      reader_.Fail(absl::StrCat("account.id: ", *id, " is not this connector's account ",
                                config_.account_id));
    }
    return reader_.ok();
  }

  // `hmac_verified`: Chatwoot proved the visitor is the site's signed-in user
  // (contact_inbox.hmac_verified), which makes the contact card's email, phone and identifier
  // verified; otherwise they are what the visitor or an agent typed: claimed. The contact id
  // itself is always Chatwoot's own, hence verified.
  std::optional<Contact> ReadContact(const JsonObject& object, bool hmac_verified) {
    const std::optional<int64_t> id = reader_.RequiredInt(object, "id");
    const std::optional<std::string> email = reader_.OptionalString(object, "email");
    const std::optional<std::string> phone = reader_.OptionalString(object, "phone_number");
    const std::optional<std::string> identifier = reader_.OptionalString(object, "identifier");
    const std::optional<std::string> name = reader_.OptionalString(object, "name");
    if (!reader_.ok()) return std::nullopt;
    const cxhub::v1::IdentityTrust card = hmac_verified ? cxhub::v1::VERIFIED : cxhub::v1::CLAIMED;
    Contact contact;
    contact.identities.push_back(MakeIdentity(
        cxhub::v1::CHAT, ChatwootContactId(config_.account_id, *id), cxhub::v1::VERIFIED));
    if (email && !email->empty()) {
      contact.identities.push_back(MakeIdentity(cxhub::v1::EMAIL, *email, card));
    }
    if (phone && !phone->empty()) {
      contact.identities.push_back(MakeIdentity(cxhub::v1::PHONE, *phone, card));
    }
    if (identifier && !identifier->empty()) {
      contact.identities.push_back(MakeIdentity(
          cxhub::v1::EXTERNAL,
          config_.identifier_system.empty()
              ? absl::StrCat("chatwoot-identifier:", config_.account_id, ":", *identifier)
              : absl::StrCat(config_.identifier_system, ":", *identifier),
          card));
    }
    if (name) contact.name = *name;
    return contact;
  }

  // conversation.meta.sender of a conversation object.
  std::optional<Contact> ConversationContact(const JsonObject& conversation) {
    const std::optional<JsonObject> meta = reader_.RequiredObject(conversation, "meta");
    const std::optional<JsonObject> sender =
        meta ? reader_.RequiredObject(*meta, "sender") : std::nullopt;
    if (!sender) return std::nullopt;
    const std::optional<JsonObject> contact_inbox =
        reader_.OptionalObject(conversation, "contact_inbox");
    const bool hmac_verified =
        contact_inbox.has_value() && reader_.OptionalBool(*contact_inbox, "hmac_verified", false);
    return ReadContact(*sender, hmac_verified);
  }

  static ChatMapping Link(Contact contact, std::string note) {
    ChatMapping mapping;
    mapping.kind = ChatMapping::Kind::kRecord;
    IdentityLink& link = *mapping.record.mutable_identity_link();
    for (Identity& identity : contact.identities) *link.add_identities() = std::move(identity);
    link.set_display_name(std::move(contact.name));
    mapping.reason = std::move(note);
    return mapping;
  }

  ChatMapping MapConversation(const JsonObject& root, const std::string& event) {
    CheckAccount(root);
    const std::optional<int64_t> id = reader_.RequiredInt(root, "id");
    const std::optional<std::string> status = reader_.OptionalString(root, "status");
    std::optional<Contact> contact = ConversationContact(root);
    if (!reader_.ok()) return DeadLetter(reader_.error());
    return Link(*std::move(contact),
                absl::StrCat(event, " ", ChatwootThreadId(config_.account_id, *id),
                             status ? absl::StrCat(" status ", *status) : ""));
  }

  ChatMapping MapContact(const JsonObject& root, const std::string& event) {
    CheckAccount(root);
    // A contact event has no contact_inbox: nothing proves its card.
    std::optional<Contact> contact = ReadContact(root, /*hmac_verified=*/false);
    if (!reader_.ok()) return DeadLetter(reader_.error());
    return Link(*std::move(contact), event);
  }

  // created_at: ISO 8601 / RFC 3339 text, or epoch seconds (integer or fractional).
  std::optional<absl::Time> ReadTime(const JsonObject& parent, absl::string_view key) {
    const std::optional<element> value = reader_.RequiredValue(parent, key);
    if (!value) return std::nullopt;
    const std::string path = JsonFieldReader::PathOf(parent, key);
    absl::Time time;
    std::string_view text;
    int64_t seconds = 0;
    double fractional = 0;
    if (value->get(text) == simdjson::SUCCESS) {
      std::string error;
      if (!absl::ParseTime(absl::RFC3339_full, absl::string_view(text.data(), text.size()), &time,
                           &error)) {
        reader_.Fail(absl::StrCat(
            path, ": '", plugin_common::ClipUtf8(absl::string_view(text.data(), text.size()), 60),
            "' is not an ISO 8601 time (", error, ")"));
        return std::nullopt;
      }
    } else if (value->type() == element_type::INT64 && value->get(seconds) == simdjson::SUCCESS) {
      time = absl::FromUnixSeconds(seconds);
    } else if (value->type() == element_type::DOUBLE &&
               value->get(fractional) == simdjson::SUCCESS && std::isfinite(fractional) &&
               fractional > static_cast<double>(kMinSeconds) &&
               fractional < static_cast<double>(kMaxSeconds)) {
      time = absl::FromUnixNanos(static_cast<int64_t>(std::llround(fractional * 1e9)));
    } else {
      reader_.TypeError(path, "an ISO 8601 string or epoch seconds", *value);
      return std::nullopt;
    }
    const int64_t unix_seconds = absl::ToUnixSeconds(time);
    if (unix_seconds < kMinSeconds || unix_seconds > kMaxSeconds) {
      reader_.Fail(absl::StrCat(path, ": time out of range"));
      return std::nullopt;
    }
    return time;
  }

  // message_type as Message#webhook_data writes it ("incoming") or as the nested messages do (0).
  std::optional<std::string> ReadMessageType(const JsonObject& root) {
    const std::optional<element> value = reader_.RequiredValue(root, "message_type");
    if (!value) return std::nullopt;
    std::string_view text;
    int64_t number = -1;
    if (value->get(text) == simdjson::SUCCESS) {
      const std::string type(text);
      if (type == "incoming" || type == "outgoing" || type == "activity" || type == "template") {
        return type;
      }
      reader_.Fail(absl::StrCat("message_type: '", plugin_common::ClipUtf8(type, 40),
                                "' is not incoming, outgoing, activity or template"));
      return std::nullopt;
    }
    if (value->type() == element_type::INT64 && value->get(number) == simdjson::SUCCESS &&
        number >= 0 && number <= 3) {
      static constexpr const char* kTypes[] = {"incoming", "outgoing", "activity", "template"};
      return std::string(kTypes[number]);
    }
    if (value->type() == element_type::INT64) {
      reader_.Fail(absl::StrCat("message_type: ", number, " is not 0-3"));
    } else {
      reader_.TypeError("message_type", "string", *value);
    }
    return std::nullopt;
  }

  // The attributes of a message's attachments, inbox and (agent or bot) sender.
  void AddOriginAttributes(const std::vector<JsonObject>& attachments,
                           const std::optional<JsonObject>& inbox,
                           const std::optional<JsonObject>& sender, Attributes& attributes) {
    for (size_t i = 0; i < attachments.size(); ++i) {
      const std::string prefix = absl::StrCat("attachment.", i, ".");
      const std::optional<std::string> file_type =
          reader_.OptionalString(attachments[i], "file_type");
      const std::optional<std::string> url = reader_.OptionalString(attachments[i], "data_url");
      const std::optional<int64_t> size = reader_.OptionalInt(attachments[i], "file_size");
      if (file_type) attributes[prefix + "type"] = *file_type;
      if (url) attributes[prefix + "url"] = *url;
      if (size) attributes[prefix + "size"] = absl::StrCat(*size);
    }
    if (inbox) {
      const std::optional<int64_t> inbox_id = reader_.OptionalInt(*inbox, "id");
      const std::optional<std::string> inbox_name = reader_.OptionalString(*inbox, "name");
      if (inbox_id) attributes["inbox_id"] = absl::StrCat(*inbox_id);
      if (inbox_name) attributes["inbox_name"] = *inbox_name;
    }
    if (sender) {
      // An agent ("user") or a bot ("agent_bot"); a contact sender has no type.
      const std::optional<std::string> sender_type = reader_.OptionalString(*sender, "type");
      if (sender_type && *sender_type != "contact") {
        const std::optional<int64_t> agent_id = reader_.OptionalInt(*sender, "id");
        const std::optional<std::string> agent_name = reader_.OptionalString(*sender, "name");
        const std::optional<std::string> agent_email = reader_.OptionalString(*sender, "email");
        attributes["sender_type"] = *sender_type;
        if (agent_id) attributes["agent_id"] = absl::StrCat(*agent_id);
        if (agent_name) attributes["agent_name"] = *agent_name;
        if (agent_email) attributes["agent_email"] = *agent_email;
      }
    }
  }

  // The inbox the customer wrote to: the message's inbox.id, else conversation.inbox_id.
  std::optional<int64_t> ReadInboxId(const std::optional<JsonObject>& inbox,
                                     const JsonObject& conversation) {
    const std::optional<int64_t> id = inbox ? reader_.OptionalInt(*inbox, "id") : std::nullopt;
    if (id) return id;
    return reader_.OptionalInt(conversation, "inbox_id");
  }

  // What a message event tells about its conversation (the customer side of the record).
  struct ConversationSide {
    int64_t id = 0;
    Contact contact;
    std::optional<std::string> status;
    std::optional<int64_t> inbox_id;
  };

  // The conversation of a message event: its id, contact, status and inbox. nullopt (and the
  // reader failed) when a required field is missing or mistyped.
  std::optional<ConversationSide> ReadConversationSide(
      const std::optional<JsonObject>& inbox, const std::optional<JsonObject>& conversation) {
    const std::optional<int64_t> id =
        conversation ? reader_.RequiredInt(*conversation, "id") : std::nullopt;
    std::optional<Contact> contact =
        conversation ? ConversationContact(*conversation) : std::nullopt;
    const std::optional<std::string> status =
        conversation ? reader_.OptionalString(*conversation, "status") : std::nullopt;
    const std::optional<int64_t> inbox_id =
        conversation ? ReadInboxId(inbox, *conversation) : std::nullopt;
    if (!reader_.ok()) return std::nullopt;
    return ConversationSide{*id, *std::move(contact), status, inbox_id};
  }

  // The customer, thread and inbox of `record`, from its conversation.
  void SetConversationSide(ConversationSide side, InteractionRecord& record) const {
    for (Identity& identity : side.contact.identities) {
      *record.add_customer_identities() = std::move(identity);
    }
    record.set_customer_display_name(std::move(side.contact.name));
    record.set_thread_id(ChatwootThreadId(config_.account_id, side.id));
    if (side.inbox_id) {
      *record.add_business_identities() =
          MakeIdentity(cxhub::v1::CHAT, ChatwootInboxId(config_.account_id, *side.inbox_id));
    }
    if (side.status) (*record.mutable_attributes())["conversation_status"] = *side.status;
  }

  ChatMapping MapMessage(const JsonObject& root, bool updated) {
    const std::optional<int64_t> id = reader_.RequiredInt(root, "id");
    const std::optional<std::string> type = ReadMessageType(root);
    const bool is_private = reader_.OptionalBool(root, "private", false);
    const std::optional<std::string> content_type = reader_.OptionalString(root, "content_type");
    if (!reader_.ok()) return DeadLetter(reader_.error());
    if (is_private) {
      return Skipped(ChatMapping::Skip::kPrivateNote, absl::StrCat("private note ", *id));
    }
    if (*type == "activity") {
      return Skipped(ChatMapping::Skip::kActivity, absl::StrCat("activity message ", *id));
    }
    if (content_type == "input_csat") return MapCsat(root, *id);
    CheckAccount(root);
    const std::optional<JsonObject> conversation = reader_.RequiredObject(root, "conversation");
    const std::optional<JsonObject> inbox = reader_.OptionalObject(root, "inbox");
    std::optional<ConversationSide> side = ReadConversationSide(inbox, conversation);
    const std::optional<std::string> content = reader_.OptionalString(root, "content");
    const std::optional<std::string> source_id = reader_.OptionalString(root, "source_id");
    const std::optional<absl::Time> created_at = ReadTime(root, "created_at");
    const std::vector<JsonObject> attachments = reader_.OptionalObjectArray(root, "attachments");
    const std::optional<JsonObject> sender = reader_.OptionalObject(root, "sender");
    if (!reader_.ok()) return DeadLetter(reader_.error());

    ChatMapping mapping;
    mapping.kind = ChatMapping::Kind::kRecord;
    InteractionRecord& message = *mapping.record.mutable_interaction();
    auto& attributes = *message.mutable_attributes();
    AddOriginAttributes(attachments, inbox, sender, attributes);
    if (!reader_.ok()) return DeadLetter(reader_.error());
    if ((!content || content->empty()) && attachments.empty()) {
      return Skipped(ChatMapping::Skip::kEmptyMessage,
                     absl::StrCat("message ", *id, " has neither text nor attachments"));
    }

    message.set_external_id(absl::StrCat("message:", *id));
    message.set_channel("chat");
    message.set_kind(cxhub::v1::MESSAGE);
    message.set_direction(*type == "incoming" ? cxhub::v1::INBOUND : cxhub::v1::OUTBOUND);
    plugin_common::SetTimestamp(*created_at, *message.mutable_occur_time());
    SetConversationSide(*std::move(side), message);
    if (content) message.set_body(*content);
    message.set_replaces_earlier(updated);
    attributes["message_type"] = *type;
    attributes["chatwoot_message_id"] = absl::StrCat(*id);
    if (!attachments.empty()) attributes["attachments"] = absl::StrCat(attachments.size());
    if (content_type) attributes["content_type"] = *content_type;
    if (source_id && !source_id->empty()) attributes["source_id"] = *source_id;
    if (updated) attributes["edited"] = "true";
    return mapping;
  }

  // The customer's answer of a CSAT survey message:
  // content_attributes.submitted_values.csat_survey_response {rating, feedback_message}.
  std::optional<JsonObject> ReadCsatResponse(const JsonObject& root) {
    const std::optional<JsonObject> content = reader_.OptionalObject(root, "content_attributes");
    const std::optional<JsonObject> submitted =
        content ? reader_.OptionalObject(*content, "submitted_values") : std::nullopt;
    return submitted ? reader_.OptionalObject(*submitted, "csat_survey_response") : std::nullopt;
  }

  // A CSAT survey message (content_type input_csat). Without an answer it is the question, not
  // an interaction; with one (message_updated once the customer rated) it is the contact's CSAT
  // answer for the conversation, at the conversation's updated_at, one per survey message: a
  // changed rating replaces the earlier one.
  ChatMapping MapCsat(const JsonObject& root, int64_t id) {
    const std::optional<JsonObject> response = ReadCsatResponse(root);
    if (!reader_.ok()) return DeadLetter(reader_.error());
    if (!response) {
      return Skipped(ChatMapping::Skip::kSurveyQuestion, absl::StrCat("CSAT survey question ", id));
    }
    CheckAccount(root);
    const std::optional<int64_t> rating = reader_.RequiredInt(*response, "rating");
    const std::optional<std::string> comment =
        reader_.OptionalString(*response, "feedback_message");
    const std::optional<std::string> question = reader_.OptionalString(root, "content");
    const std::optional<JsonObject> conversation = reader_.RequiredObject(root, "conversation");
    const std::optional<JsonObject> inbox = reader_.OptionalObject(root, "inbox");
    std::optional<ConversationSide> side = ReadConversationSide(inbox, conversation);
    const std::optional<absl::Time> answered_at =
        conversation ? ReadTime(*conversation, "updated_at") : std::nullopt;
    if (reader_.ok() && (*rating < 1 || *rating > 5)) {
      reader_.Fail(absl::StrCat(JsonFieldReader::PathOf(*response, "rating"), ": ", *rating,
                                " is not a CSAT rating 1-5"));
    }
    ChatMapping mapping;
    mapping.kind = ChatMapping::Kind::kRecord;
    InteractionRecord& answer = *mapping.record.mutable_interaction();
    AddOriginAttributes({}, inbox, std::nullopt, *answer.mutable_attributes());
    if (!reader_.ok()) return DeadLetter(reader_.error());
    answer.set_external_id(absl::StrCat("csat:", id));
    answer.set_channel("chat");
    answer.set_kind(cxhub::v1::SURVEY_RESPONSE);
    answer.set_direction(cxhub::v1::INBOUND);
    plugin_common::SetTimestamp(*answered_at, *answer.mutable_occur_time());
    cxhub::v1::Survey& survey = *answer.mutable_survey();
    survey.set_metric(cxhub::v1::CSAT);
    survey.set_score(static_cast<int32_t>(*rating));
    if (comment) survey.set_comment(*comment);
    if (question) survey.set_question(*question);
    survey.set_rated_thread_id(ChatwootThreadId(config_.account_id, side->id));
    SetConversationSide(*std::move(side), answer);
    answer.set_replaces_earlier(true);
    (*answer.mutable_attributes())["chatwoot_message_id"] = absl::StrCat(id);
    (*answer.mutable_attributes())["content_type"] = "input_csat";
    return mapping;
  }

  const ChatMapperConfig& config_;
  JsonFieldReader reader_{kChatwootWording};
};

}  // namespace

std::string ChatwootContactId(int64_t account_id, int64_t contact_id) {
  return absl::StrCat("chatwoot:", account_id, ":", contact_id);
}

std::string ChatwootThreadId(int64_t account_id, int64_t conversation_id) {
  return absl::StrCat("chatwoot:", account_id, ":", conversation_id);
}

std::string ChatwootInboxId(int64_t account_id, int64_t inbox_id) {
  return absl::StrCat("chatwoot:", account_id, ":inbox:", inbox_id);
}

ChatwootEventMapper::ChatwootEventMapper(ChatMapperConfig config)
    : config_(std::move(config)), parser_(std::make_unique<simdjson::dom::parser>()) {}

ChatwootEventMapper::~ChatwootEventMapper() = default;

ChatMapping ChatwootEventMapper::Map(absl::string_view payload) {
  element document;
  const simdjson::error_code error = parser_->parse(payload.data(), payload.size()).get(document);
  if (error != simdjson::SUCCESS) {
    return DeadLetter(absl::StrCat("not a JSON document: ", simdjson::error_message(error)));
  }
  return EventMapping(config_).Map(document);
}

}  // namespace cxhub::chat
