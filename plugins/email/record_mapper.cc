#include "plugins/email/record_mapper.h"

#include <glib.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
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

// Attachments listed in attributes (three each); the count covers all of them. With the other
// attributes this stays within the host's CXHUB_LIMIT_ATTRIBUTES.
constexpr size_t kMaxListedAttachments = 10;

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

// Why the message cannot become records (no sender, no content, no time); empty if it can. MIME
// defects alone do not stop it: the text is recovered as far as GMime could.
std::string DeadLetterProblems(const ParsedMessage& message, const Mailbox* sender,
                               const OccurTime& time) {
  std::vector<std::string> problems;
  if (sender == nullptr) {
    problems.push_back(message.from.empty()
                           ? "no sender: the From: header is missing or holds no address"
                           : "no sender: the From: header holds no usable address");
  }
  if (message.body.empty() && message.subject.empty() && message.attachments.empty()) {
    problems.push_back("no content: no text, subject or attachment");
  }
  if (!problems.empty() && !message.defects.empty()) {
    problems.push_back(absl::StrCat("malformed MIME: ", absl::StrJoin(message.defects, "; ")));
  }
  if (!problems.empty() || !time.seconds.has_value()) {
    if (!time.problem.empty()) problems.push_back(time.problem);
    if (!time.seconds.has_value() && time.problem.empty()) problems.push_back("no usable time");
  }
  return absl::StrJoin(problems, "; ");
}

// True when the message carries one of the options' trusted relay headers (with its value, when
// the option names one).
bool CarriesTrustedRelayHeader(const ParsedMessage& message, const EmailOptions& options) {
  for (const RelayHeader& header : options.trusted_relay_headers) {
    auto found = message.wanted_headers.find(header.name);
    if (found != message.wanted_headers.end() &&
        (header.value.empty() || found->second == header.value)) {
      return true;
    }
  }
  return false;
}

// Who the message is between: the customers (one record each) and the business addresses.
struct Participants {
  bool outbound = false;
  // From a business address, but read where anyone's mail arrives and without a trusted relay
  // header: kept on the sender's side, flagged.
  bool suspect_sender = false;
  size_t external_recipients = 0;  // outbound: all of them, before the fan-out cap
  std::vector<const Mailbox*> customers;
  google::protobuf::RepeatedPtrField<v1::Identity> business;
};

Participants SortParticipants(const ParsedMessage& message, const Mailbox& sender,
                              const MessageOrigin& origin, const EmailOptions& options) {
  Participants participants;
  const bool business_sender = options.business.IsBusiness(sender.address);
  participants.outbound =
      business_sender && (origin.holds_sent_mail || CarriesTrustedRelayHeader(message, options));
  participants.suspect_sender = business_sender && !participants.outbound;
  std::set<std::string> business_seen;
  if (participants.outbound) AddIdentity(sender.address, &participants.business, business_seen);
  std::set<std::string> customer_seen;
  for (const std::vector<Mailbox>* list : {&message.to, &message.cc}) {
    for (const Mailbox& mailbox : *list) {
      if (!HasAddress(mailbox)) continue;
      if (options.business.IsBusiness(mailbox.address)) {
        AddIdentity(mailbox.address, &participants.business, business_seen);
      } else if (business_sender && customer_seen.insert(Lower(mailbox.address)).second) {
        ++participants.external_recipients;
        if (participants.outbound &&
            participants.customers.size() < static_cast<size_t>(options.max_outbound_recipients)) {
          participants.customers.push_back(&mailbox);
        }
      }
    }
  }
  // Business-only mail has no customer, wherever it was read.
  if (!participants.outbound && (!business_sender || participants.external_recipients > 0)) {
    participants.customers.push_back(&sender);
  }
  return participants;
}

using Attributes = google::protobuf::Map<std::string, std::string>;

// The body attributes: truncation marks, the full body when the quoted reply was cut, format.
void AddBodyAttributes(const ParsedMessage& message, const std::string& body,
                       const EmailOptions& options, Attributes& attributes) {
  if (body.size() > options.max_body_bytes || message.body_truncated) {
    attributes["body_truncated"] = "true";
  }
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
// Outbound records name their own recipient instead of the whole list (CustomerRecord).
void AddHeaderAttributes(const ParsedMessage& message, const Participants& participants,
                         Attributes& attributes) {
  attributes["from"] = JoinAddresses(message.from);
  if (participants.outbound) {
    attributes["recipient_count"] = absl::StrCat(participants.external_recipients);
    if (participants.customers.size() < participants.external_recipients) {
      attributes["recipients_recorded"] = absl::StrCat(participants.customers.size());
    }
  } else {
    if (!message.to.empty()) attributes["to"] = JoinAddresses(message.to);
    if (!message.cc.empty()) attributes["cc"] = JoinAddresses(message.cc);
  }
  if (participants.suspect_sender) {
    attributes["suspect_sender"] =
        "business address in From: of mail neither read from a sent_mail source nor carrying a "
        "trusted relay header";
  }
  if (message.addresses_truncated) attributes["addresses_truncated"] = "true";
  if (!message.in_reply_to.empty()) attributes["in_reply_to"] = message.in_reply_to.front();
  if (!message.auto_submitted.empty()) attributes["auto_submitted"] = message.auto_submitted;
  if (message.attachments.empty()) return;
  attributes["attachment_count"] = absl::StrCat(message.attachments.size());
  const size_t listed = std::min(message.attachments.size(), kMaxListedAttachments);
  if (listed < message.attachments.size()) attributes["attachments_listed"] = absl::StrCat(listed);
  for (size_t i = 0; i < listed; ++i) {
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
  if (time.source != "header") {
    attributes["date_problem"] = time.problem;
    if (!message.date_header.empty()) attributes["date_header"] = message.date_header;
  }
  if (!message.defects.empty()) attributes["mime_defects"] = absl::StrJoin(message.defects, "; ");
  AddBodyAttributes(message, body, options, attributes);
  AddHeaderAttributes(message, participants, attributes);
  return base;
}

Record CustomerRecord(InteractionRecord base, const Mailbox& customer, bool outbound,
                      const std::string& message_key) {
  Record record;
  InteractionRecord* interaction = record.mutable_interaction();
  *interaction = std::move(base);
  interaction->set_external_id(outbound ? absl::StrCat(message_key, "#", Lower(customer.address))
                                        : message_key);
  // The Message-ID (or content hash) is the same in every mailbox the mail reached.
  interaction->set_global_id(interaction->external_id());
  v1::Identity* identity = interaction->add_customer_identities();
  identity->set_kind(v1::EMAIL);
  identity->set_value(customer.address);
  // A received mail's sender is proved by the channel: the mail came from the address. A
  // recipient of our outbound mail is only what an agent typed (a reply from it proves it).
  identity->set_trust(outbound ? v1::CLAIMED : v1::VERIFIED);
  interaction->set_customer_display_name(customer.name);
  if (outbound) (*interaction->mutable_attributes())["recipient"] = customer.address;
  return record;
}

ParseOptions MessageParseOptions(const EmailOptions& options) {
  ParseOptions parse;
  for (const RelayHeader& header : options.trusted_relay_headers) {
    parse.wanted_headers.push_back(header.name);
  }
  // The body is cut at max_body_bytes after the quoted reply is removed, and the full body at
  // max_full_body_bytes: the parser need not keep more text than the larger of the two.
  parse.max_text_bytes = std::max(options.max_body_bytes, options.max_full_body_bytes);
  return parse;
}

}  // namespace

MappedMessage MapMessage(absl::string_view raw, const MessageOrigin& origin,
                         const EmailOptions& options, MessageParser& parser) {
  MappedMessage mapped;
  absl::StatusOr<ParsedMessage> parsed = parser.Parse(raw, MessageParseOptions(options));
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
  const Participants participants = SortParticipants(message, *sender, origin, options);
  if (participants.customers.empty()) {
    mapped.skip_reason = absl::StrCat(origin.location, ": internal mail (from ", sender->address,
                                      " to business addresses only)");
    return mapped;
  }
  const std::string message_key =
      message.message_id.empty() ? ContentHashId(message) : message.message_id;
  InteractionRecord base =
      SharedInteraction(message, origin, time, participants, message_key, options);
  // Each customer's record starts from a copy of the shared part, the last from the part itself.
  const size_t copies = participants.customers.size() - 1;
  for (size_t i = 0; i < copies; ++i) {
    mapped.records.push_back(
        CustomerRecord(base, *participants.customers[i], participants.outbound, message_key));
  }
  mapped.records.push_back(CustomerRecord(std::move(base), *participants.customers.back(),
                                          participants.outbound, message_key));
  return mapped;
}

}  // namespace cxhub::email
