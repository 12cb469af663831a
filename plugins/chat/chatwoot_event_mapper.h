// Turns one Chatwoot webhook payload (one JSON object, as Chatwoot posts it) into what the chat
// connector emits: a record, a counted skip, or a dead letter whose reason names the JSON path.
//
//   message_created / message_updated     -> InteractionRecord (kind MESSAGE, channel "chat");
//                                            message_updated sets replaces_earlier
//     incoming -> INBOUND; outgoing, template -> OUTBOUND; the customer is
//     conversation.meta.sender; private notes, activity messages and messages with neither text
//     nor attachments are skipped
//   CSAT survey message (content_type input_csat)
//     without an answer                   -> skipped (the survey question is no interaction)
//     with content_attributes.submitted_values.csat_survey_response
//                                         -> InteractionRecord (kind SURVEY_RESPONSE, INBOUND,
//                                            survey CSAT rating/feedback_message/question,
//                                            rated thread = the conversation; occur_time =
//                                            conversation.updated_at; external id
//                                            "csat:<message id>", replaces_earlier)
//   conversation_created / _updated / _status_changed / _opened / _resolved
//                                         -> IdentityLink of conversation.meta.sender
//   contact_created / contact_updated     -> IdentityLink of the top-level contact
//   any other event                       -> skipped
//
// Identities of a contact: chatwoot:<account>:<contact id> (CHAT), email (EMAIL), phone_number
// (PHONE, raw: the host normalizes), identifier (EXTERNAL, see ChatMapperConfig). Every message
// record names the inbox it went through as a business identity (CHAT
// "chatwoot:<account>:inbox:<inbox id>"), which touchpoint rules match. The whole table is in
// plugins/chat/README.md.
//
// A mapper reuses one JSON parser: not thread-safe, one per thread.
#ifndef CXHUB_PLUGINS_CHAT_CHATWOOT_EVENT_MAPPER_H_
#define CXHUB_PLUGINS_CHAT_CHATWOOT_EVENT_MAPPER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "cxhub/connector/v1/record.pb.h"

namespace simdjson::dom {
class parser;
}  // namespace simdjson::dom

namespace cxhub::chat {

struct ChatMapperConfig {
  // The Chatwoot account the events come from. Events that name another account (account.id)
  // are dead letters; events that name none (conversation events) are this account's.
  int64_t account_id = 0;
  // How a contact's `identifier` is qualified: "<identifier_system>:<value>". Empty (the
  // default): "chatwoot-identifier:<account id>:<value>".
  std::string identifier_system;
};

struct ChatMapping {
  enum class Kind { kRecord, kSkipped, kDeadLetter };
  enum class Skip { kNone, kPrivateNote, kActivity, kEmptyMessage, kOtherEvent, kSurveyQuestion };

  Kind kind = Kind::kDeadLetter;
  Skip skip = Skip::kNone;
  cxhub::connector::v1::Record record;  // kRecord only
  // kDeadLetter: why, naming the JSON path. kSkipped: what was skipped. kRecord: a short note
  // for the debug log (e.g. the conversation status a conversation event carried).
  std::string reason;
};

class ChatwootEventMapper {
 public:
  explicit ChatwootEventMapper(ChatMapperConfig config);
  ~ChatwootEventMapper();
  ChatwootEventMapper(const ChatwootEventMapper&) = delete;
  ChatwootEventMapper& operator=(const ChatwootEventMapper&) = delete;

  // Maps one payload (a line without its newline). Never fails: problems become dead letters.
  ChatMapping Map(absl::string_view payload);

 private:
  ChatMapperConfig config_;
  std::unique_ptr<simdjson::dom::parser> parser_;
};

// The chat identity of a contact: "chatwoot:<account>:<contact>".
std::string ChatwootContactId(int64_t account_id, int64_t contact_id);
// The thread of a conversation: "chatwoot:<account>:<conversation display id>".
std::string ChatwootThreadId(int64_t account_id, int64_t conversation_id);
// The business identity of an inbox the customer writes to: "chatwoot:<account>:inbox:<inbox>".
std::string ChatwootInboxId(int64_t account_id, int64_t inbox_id);

}  // namespace cxhub::chat

#endif  // CXHUB_PLUGINS_CHAT_CHATWOOT_EVENT_MAPPER_H_
