#include "plugins/email/record_mapper.h"

#include <glib.h>

#include <cstdint>
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

}  // namespace

std::string TruncateUtf8(absl::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut));
}

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

  // Time: the Date header, else the origin's fallback.
  std::optional<int64_t> occur_time = message.date;
  std::string date_source = "header";
  std::string date_problem;
  if (!occur_time.has_value()) {
    date_problem =
        message.date_header.empty()
            ? std::string("no Date: header")
            : absl::StrCat("Date: '", message.date_header, "' is not a valid RFC 5322 date-time");
    occur_time = origin.fallback_time;
    date_source = origin.fallback_time_source;
  }

  std::vector<std::string> problems;
  if (!message.defects.empty()) {
    problems.push_back(absl::StrCat("malformed MIME: ", absl::StrJoin(message.defects, "; ")));
  }
  const Mailbox* sender = nullptr;
  for (const Mailbox& mailbox : message.from) {
    if (HasAddress(mailbox)) {
      sender = &mailbox;
      break;
    }
  }
  if (sender == nullptr) {
    problems.push_back(message.from.empty()
                           ? "no sender: the From: header is missing or holds no address"
                           : "no sender: the From: header holds no usable address");
  }
  if (!problems.empty() || !occur_time.has_value()) {
    if (!date_problem.empty()) problems.push_back(date_problem);
    if (!occur_time.has_value() && date_problem.empty()) problems.push_back("no usable time");
    mapped.dead_letter_reason = absl::StrCat(origin.location, ": ", absl::StrJoin(problems, "; "));
    return mapped;
  }

  const bool outbound = options.business.IsBusiness(sender->address);
  std::vector<const Mailbox*> customers;
  std::set<std::string> business_seen;
  google::protobuf::RepeatedPtrField<v1::Identity> business;
  if (outbound) AddIdentity(sender->address, &business, business_seen);
  std::set<std::string> customer_seen;
  for (const std::vector<Mailbox>* list : {&message.to, &message.cc}) {
    for (const Mailbox& mailbox : *list) {
      if (!HasAddress(mailbox)) continue;
      if (options.business.IsBusiness(mailbox.address)) {
        AddIdentity(mailbox.address, &business, business_seen);
      } else if (outbound && customer_seen.insert(Lower(mailbox.address)).second) {
        customers.push_back(&mailbox);
      }
    }
  }
  if (!outbound) customers.push_back(sender);
  if (customers.empty()) {
    mapped.skip_reason = absl::StrCat(origin.location, ": internal mail (from ", sender->address,
                                      " to business addresses only)");
    return mapped;
  }

  const std::string message_key =
      message.message_id.empty() ? ContentHashId(message) : message.message_id;
  std::string body = StripQuotedReply(message.body);

  InteractionRecord base;
  base.set_channel("email");
  base.set_kind(v1::MESSAGE);
  base.set_direction(outbound ? v1::OUTBOUND : v1::INBOUND);
  base.mutable_occur_time()->set_seconds(*occur_time);
  *base.mutable_business_identities() = business;
  base.set_thread_id(ThreadRoot(message.references, message.in_reply_to, message_key));
  base.set_subject(NormalizeSubject(message.subject));
  base.set_body(TruncateUtf8(body, options.max_body_bytes));
  auto& attributes = *base.mutable_attributes();
  for (const auto& [key, value] : origin.attributes) attributes[key] = value;
  attributes["source"] = origin.source;
  attributes["location"] = origin.location;
  if (!message.message_id.empty()) attributes["message_id"] = message.message_id;
  attributes["date_source"] = date_source;
  if (date_source != "header" && !message.date_header.empty()) {
    attributes["date_header"] = message.date_header;
  }
  if (body.size() > options.max_body_bytes) attributes["body_truncated"] = "true";
  const std::string full_body(absl::StripTrailingAsciiWhitespace(message.body));
  if (full_body != body && options.max_full_body_bytes > 0) {
    attributes["full_body"] = TruncateUtf8(full_body, options.max_full_body_bytes);
    if (full_body.size() > options.max_full_body_bytes) {
      attributes["full_body_truncated"] = "true";
    }
  }
  attributes["body_format"] = message.body_format == BodyFormat::kHtml        ? "text/html"
                              : message.body_format == BodyFormat::kPlainText ? "text/plain"
                                                                              : "none";
  attributes["from"] = JoinAddresses(message.from);
  if (!message.to.empty()) attributes["to"] = JoinAddresses(message.to);
  if (!message.cc.empty()) attributes["cc"] = JoinAddresses(message.cc);
  if (!message.in_reply_to.empty()) attributes["in_reply_to"] = message.in_reply_to.front();
  if (!message.auto_submitted.empty()) attributes["auto_submitted"] = message.auto_submitted;
  if (!message.attachments.empty()) {
    attributes["attachment_count"] = absl::StrCat(message.attachments.size());
    for (size_t i = 0; i < message.attachments.size(); ++i) {
      const Attachment& attachment = message.attachments[i];
      const std::string prefix = absl::StrCat("attachment.", i, ".");
      attributes[prefix + "name"] = attachment.name;
      attributes[prefix + "type"] = attachment.mime_type;
      attributes[prefix + "size"] = absl::StrCat(attachment.size);
    }
  }

  for (const Mailbox* customer : customers) {
    Record record;
    InteractionRecord* interaction = record.mutable_interaction();
    *interaction = base;
    interaction->set_external_id(outbound ? absl::StrCat(message_key, "#", Lower(customer->address))
                                          : message_key);
    v1::Identity* identity = interaction->add_customer_identities();
    identity->set_kind(v1::EMAIL);
    identity->set_value(customer->address);
    interaction->set_customer_display_name(customer->name);
    if (outbound) (*interaction->mutable_attributes())["recipient"] = customer->address;
    mapped.records.push_back(std::move(record));
  }
  return mapped;
}

}  // namespace cxhub::email
