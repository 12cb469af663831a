// One raw message turned into interaction records (or a dead letter, or nothing).
//
// Mapping, per message:
//   - From a non-business address: one INBOUND record; the customer is the sender (email
//     identity as written, display name decoded); business_identities are the business
//     addresses among To and Cc.
//   - Sent by the business (a business From read from a sent_mail source, or carrying a trusted
//     relay header): one OUTBOUND record per external recipient in To and Cc, for at most
//     max_outbound_recipients of them (each recipient gets the interaction in their history;
//     "recipient" names the record's own recipient, "recipient_count" counts them all, and the
//     To/Cc lists are not copied); business_identities are the business addresses among From, To
//     and Cc. Business-only mail is skipped (skip_reason).
//   - A business From anywhere else (anyone can write one): INBOUND on the sender's side, as from
//     a customer, flagged with attribute "suspect_sender".
//   - external_id: the Message-ID (without angle brackets), or "sha256:<hex>" of the sender,
//     recipients, Date, subject and body when it is missing; outbound records append
//     "#<recipient, lower-case>" so that every recipient's record is unique and replays repeat it.
//   - thread_id: first References id, else first In-Reply-To id, else the own external id.
//   - subject without Re:/Fwd:/AW:/SV:... prefixes; body without the quoted reply tail, the full
//     text kept in attribute "full_body" (capped) when the two differ.
//   - occur_time: the Date header in UTC; when it is missing or not a valid date-time, the
//     origin's fallback time (mbox From_ line, Maildir file name, file mtime), with attribute
//     "date_source" saying which ("header", "mbox_from_line", "maildir_filename", "file_mtime").
//     "date_problem" says why the header was not used.
//   - Imperfect MIME (truncated, no boundary, stray header lines, ...) is read as far as GMime can
//     and listed in attribute "mime_defects". Dead letters: GMime cannot parse it, no sender
//     address, no content at all (no text, subject or attachment), or no usable time at all.
//   - Bounded work: the parser reads at most ParseOptions' parts, depth, addresses and text; at
//     most 10 attachments are listed ("attachment_count" counts all, "attachments_listed" says
//     when fewer are listed).
#ifndef CXHUB_PLUGINS_EMAIL_RECORD_MAPPER_H_
#define CXHUB_PLUGINS_EMAIL_RECORD_MAPPER_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "cxhub/connector/v1/record.pb.h"
#include "plugins/email/email_options.h"
#include "plugins/email/message_parser.h"

namespace cxhub::email {

// Where a message came from, for fallbacks and attributes.
struct MessageOrigin {
  std::string source;    // "mbox:<path>" or "maildir:<path>"
  std::string location;  // e.g. "message 6 at byte 5318", "cur/1788776294.M203871P4242.host:2,S"
  std::optional<int64_t> fallback_time;  // seconds since the epoch
  std::string fallback_time_source;      // value of "date_source" when fallback_time is used
  std::map<std::string, std::string> attributes;  // copied into every record
  bool holds_sent_mail = false;  // the source is one of the options' sent_mail sources
};

struct MappedMessage {
  std::vector<connector::v1::Record> records;
  std::string dead_letter_reason;  // non-empty: the message is a dead letter
  std::string skip_reason;         // non-empty: skipped on purpose (internal mail)
};

// Parses `raw` (RFC 5322 bytes) with `parser` and maps it with `options` (business directory,
// size caps).
MappedMessage MapMessage(absl::string_view raw, const MessageOrigin& origin,
                         const EmailOptions& options, MessageParser& parser);

}  // namespace cxhub::email

#endif  // CXHUB_PLUGINS_EMAIL_RECORD_MAPPER_H_
