#include "plugins/email/record_mapper.h"

#include <glib.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "cxhub/connector/v1/record.pb.h"
#include "plugins/common/utf8_clip.h"
#include "plugins/email/message_parser.h"
#include "plugins/email/quoted_reply.h"
#include "plugins/email/thread_fields.h"

namespace cxhub::email {
namespace {

using connector::v1::InteractionRecord;
using connector::v1::Record;

std::string Lower(absl::string_view text) {
  return absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
}

bool HasAddress(const Mailbox& mailbox) {
  size_t at = mailbox.address.find('@');
  return at != std::string::npos && at > 0 && at + 1 < mailbox.address.size();
}

std::string JoinAddresses(const std::vector<Mailbox>& mailboxes) {
  return absl::StrJoin(mailboxes, ", ", [](std::string* out, const Mailbox& mailbox) {
    out->append(mailbox.address);
  });
}

std::string ContentHashId(const ParsedMessage& message) {
  std::string material = absl::StrCat(JoinAddresses(message.from), "\n", JoinAddresses(message.to),
                                      "\n", JoinAddresses(message.cc), "\n", message.date_header,
                                      "\n", message.subject, "\n", message.body);
  gchar* digest = g_compute_checksum_for_string(G_CHECKSUM_SHA256, material.data(),
                                                static_cast<gssize>(material.size()));
  std::string id = absl::StrCat("sha256:", digest);
  g_free(digest);
  return id;
}

void AddIdentity(const std::string& address, google::protobuf::RepeatedPtrField<v1::Identity>* to,
                 std::set<std::string>& seen) {
  if (!seen.insert(Lower(address)).second) return;
  v1::Identity* identity = to->Add();
  identity->set_kind(v1::EMAIL);
  identity->set_value(address);
}

// When the message happened: the Date header, else the origin's fallback.
struct OccurTime {
  std::optional<int64_t> seconds;
  std::string source = "header";  // the "date_source" attribute
  std::string problem;            // why the Date header was not used
};

OccurTime ResolveOccurTime(const ParsedMessage& message, const MessageOrigin& origin) {
  OccurTime time;
  time.seconds = message.date;
  if (!time.seconds.has_value()) {
    time.problem =
        message.date_header.empty()
            ? std::string("no Date: header")
            : absl::StrCat("Date: '", message.date_header, "' is not a valid RFC 5322 date-time");
    time.seconds = origin.fallback_time;
    time.source = origin.fallback_time_source;
  }
  return time;
}

const Mailbox* FindSender(const ParsedMessage& message) {
  for (const Mailbox& mailbox : message.from) {
    if (HasAddress(mailbox)) return &mailbox;
  }
  return nullptr;
}

// Why the message cannot become records (malformed MIME, no sender, no time); empty if it can.
std::string DeadLetterProblems(const ParsedMessage& message, const Mailbox* sender,
                               const OccurTime& time) {
  std::vector<std::string> problems;
  if (!message.defects.empty()) {
    problems.push_back(absl::StrCat("malformed MIME: ", absl::StrJoin(message.defects, "; ")));
  }
  if (sender == nullptr) {
    problems.push_back(message.from.empty()
                           ? "no sender: the From: header is missing or holds no address"
                           : "no sender: the From: header holds no usable address");
  }
  if (!problems.empty() || !time.seconds.has_value()) {
    if (!time.problem.empty()) problems.push_back(time.problem);
    if (!time.seconds.has_value() && time.problem.empty()) problems.push_back("no usable time");
  }
  return absl::StrJoin(problems, "; ");
}

// Who the message is between: the customers (one record each) and the business addresses.
struct Participants {
  bool outbound = false;
  std::vector<const Mailbox*> customers;
  google::protobuf::RepeatedPtrField<v1::Identity> business;
};

Participants SortParticipants(const ParsedMessage& message, const Mailbox& sender,
                              const EmailOptions& options) {
  Participants participants;
  participants.outbound = options.business.IsBusiness(sender.address);
  std::set<std::string> business_seen;
  if (participants.outbound) AddIdentity(sender.address, &participants.business, business_seen);
  std::set<std::string> customer_seen;
  for (const std::vector<Mailbox>* list : {&message.to, &message.cc}) {
    for (const Mailbox& mailbox : *list) {
      if (!HasAddress(mailbox)) continue;
      if (options.business.IsBusiness(mailbox.address)) {
        AddIdentity(mailbox.address, &participants.business, business_seen);
      } else if (participants.outbound && customer_seen.insert(Lower(mailbox.address)).second) {
        participants.customers.push_back(&mailbox);
      }
    }
  }
  if (!participants.outbound) participants.customers.push_back(&sender);
  return participants;
}

using Attributes = google::protobuf::Map<std::string, std::string>;

// The body attributes: truncation marks, the full body when the quoted reply was cut, format.
void AddBodyAttributes(const ParsedMessage& message, const std::string& body,
                       const EmailOptions& options, Attributes& attributes) {
  if (body.size() > options.max_body_bytes) attributes["body_truncated"] = "true";
  const std::string full_body(absl::StripTrailingAsciiWhitespace(message.body));
  if (full_body != body && options.max_full_body_bytes > 0) {
    attributes["full_body"] =
        std::string(plugin_common::ClipUtf8(full_body, options.max_full_body_bytes));
    if (full_body.size() > options.max_full_body_bytes) {
      attributes["full_body_truncated"] = "true";
    }
  }
  attributes["body_format"] = message.body_format == BodyFormat::kHtml        ? "text/html"
                              : message.body_format == BodyFormat::kPlainText ? "text/plain"
                                                                              : "none";
}

// The header attributes (addresses, reply and auto-submitted marks) and the attachment list.
void AddHeaderAttributes(const ParsedMessage& message, Attributes& attributes) {
  attributes["from"] = JoinAddresses(message.from);
  if (!message.to.empty()) attributes["to"] = JoinAddresses(message.to);
  if (!message.cc.empty()) attributes["cc"] = JoinAddresses(message.cc);
  if (!message.in_reply_to.empty()) attributes["in_reply_to"] = message.in_reply_to.front();
  if (!message.auto_submitted.empty()) attributes["auto_submitted"] = message.auto_submitted;
  if (message.attachments.empty()) return;
  attributes["attachment_count"] = absl::StrCat(message.attachments.size());
  for (size_t i = 0; i < message.attachments.size(); ++i) {
    const Attachment& attachment = message.attachments[i];
    const std::string prefix = absl::StrCat("attachment.", i, ".");
    attributes[prefix + "name"] = attachment.name;
    attributes[prefix + "type"] = attachment.mime_type;
    attributes[prefix + "size"] = absl::StrCat(attachment.size);
  }
}

// What every record of the message shares; each customer's record adds its own identity.
InteractionRecord SharedInteraction(const ParsedMessage& message, const MessageOrigin& origin,
                                    const OccurTime& time, const Participants& participants,
                                    const std::string& message_key, const EmailOptions& options) {
  const std::string body = StripQuotedReply(message.body);
  InteractionRecord base;
  base.set_channel("email");
  base.set_kind(v1::MESSAGE);
  base.set_direction(participants.outbound ? v1::OUTBOUND : v1::INBOUND);
  base.mutable_occur_time()->set_seconds(*time.seconds);
  *base.mutable_business_identities() = participants.business;
  base.set_thread_id(ThreadRoot(message.references, message.in_reply_to, message_key));
  base.set_subject(NormalizeSubject(message.subject));
  base.set_body(std::string(plugin_common::ClipUtf8(body, options.max_body_bytes)));
  Attributes& attributes = *base.mutable_attributes();
  for (const auto& [key, value] : origin.attributes) attributes[key] = value;
  attributes["source"] = origin.source;
  attributes["location"] = origin.location;
  if (!message.message_id.empty()) attributes["message_id"] = message.message_id;
  attributes["date_source"] = time.source;
  if (time.source != "header" && !message.date_header.empty()) {
    attributes["date_header"] = message.date_header;
  }
  AddBodyAttributes(message, body, options, attributes);
  AddHeaderAttributes(message, attributes);
  return base;
}

Record CustomerRecord(const InteractionRecord& base, const Mailbox& customer, bool outbound,
                      const std::string& message_key) {
  Record record;
  InteractionRecord* interaction = record.mutable_interaction();
  *interaction = base;
  interaction->set_external_id(outbound ? absl::StrCat(message_key, "#", Lower(customer.address))
                                        : message_key);
  v1::Identity* identity = interaction->add_customer_identities();
  identity->set_kind(v1::EMAIL);
  identity->set_value(customer.address);
  interaction->set_customer_display_name(customer.name);
  if (outbound) (*interaction->mutable_attributes())["recipient"] = customer.address;
  return record;
}

}  // namespace

MappedMessage MapMessage(absl::string_view raw, const MessageOrigin& origin,
                         const EmailOptions& options) {
  MappedMessage mapped;
  absl::StatusOr<ParsedMessage> parsed = ParseMessage(raw);
  if (!parsed.ok()) {
    mapped.dead_letter_reason =
        absl::StrCat(origin.location, ": not a mail message: ", parsed.status().message());
    return mapped;
  }
  const ParsedMessage& message = *parsed;
  const OccurTime time = ResolveOccurTime(message, origin);
  const Mailbox* sender = FindSender(message);
  if (std::string problems = DeadLetterProblems(message, sender, time); !problems.empty()) {
    mapped.dead_letter_reason = absl::StrCat(origin.location, ": ", problems);
    return mapped;
  }
  const Participants participants = SortParticipants(message, *sender, options);
  if (participants.customers.empty()) {
    mapped.skip_reason = absl::StrCat(origin.location, ": internal mail (from ", sender->address,
                                      " to business addresses only)");
    return mapped;
  }
  const std::string message_key =
      message.message_id.empty() ? ContentHashId(message) : message.message_id;
  const InteractionRecord base =
      SharedInteraction(message, origin, time, participants, message_key, options);
  for (const Mailbox* customer : participants.customers) {
    mapped.records.push_back(CustomerRecord(base, *customer, participants.outbound, message_key));
  }
  return mapped;
}

}  // namespace cxhub::email
