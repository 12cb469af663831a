// One RFC 5322 message parsed with GMime into plain C++ values: decoded headers, the body as
// UTF-8 text, and the attachments listed.
#ifndef CXHUB_PLUGINS_EMAIL_MESSAGE_PARSER_H_
#define CXHUB_PLUGINS_EMAIL_MESSAGE_PARSER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "plugins/common/html_to_text.h"

namespace cxhub::email {

struct Mailbox {
  std::string name;     // display name, RFC 2047-decoded, UTF-8; may be empty
  std::string address;  // addr-spec as written (case kept), e.g. "Tom.Becker@Example.DE"
};

// A MIME part that is not the body: listed, never stored.
struct Attachment {
  std::string name;       // file name (decoded), or empty
  std::string mime_type;  // lower-case type/subtype
  uint64_t size = 0;      // decoded size in bytes
};

enum class BodyFormat { kNone, kPlainText, kHtml };

struct ParsedMessage {
  std::string message_id;  // without angle brackets; empty when the header is missing
  std::vector<Mailbox> from;
  std::vector<Mailbox> to;
  std::vector<Mailbox> cc;
  std::string subject;      // decoded UTF-8, unfolded
  std::string date_header;  // the raw Date header (unfolded), empty when missing
  // The Date header in seconds since the epoch (UTC), when it is a valid RFC 5322 date-time
  // (a date with a time of day; obsolete zone names accepted).
  std::optional<int64_t> date;
  std::vector<std::string> references;  // oldest first, without angle brackets
  std::vector<std::string> in_reply_to;
  std::string auto_submitted;  // the Auto-Submitted header, empty when missing
  // The body as UTF-8 text with LF line ends: the text/plain alternative when there is one,
  // else the HTML alternative turned into text. Inline text parts after the first are appended.
  std::string body;
  BodyFormat body_format = BodyFormat::kNone;
  std::vector<Attachment> attachments;
  // Structural defects as GMime reports them (truncated MIME, a multipart without boundary,
  // nesting too deep, invalid header lines), and the limits below when reached; empty for a sound
  // message. The message is still read as far as the parser could.
  std::vector<std::string> defects;
  bool body_truncated = false;       // the body reached ParseOptions::max_text_bytes
  bool addresses_truncated = false;  // From, To and Cc held more than ParseOptions::max_addresses
  // Of ParseOptions::wanted_headers, those present: name as asked -> value (unfolded).
  std::map<std::string, std::string> wanted_headers;
};

// What to read beyond the fixed fields, and the work and memory one message may take whatever it
// holds; what lies beyond the limits is not read and is reported in ParsedMessage (defects,
// body_truncated, addresses_truncated).
struct ParseOptions {
  std::vector<std::string> wanted_headers;   // returned in ParsedMessage::wanted_headers
  size_t max_text_bytes = size_t{64} << 20;  // the body text, HTML turned into text included
  int max_parts = 1000;                      // MIME parts visited
  int max_depth = 32;                        // MIME nesting visited
  size_t max_addresses = 1000;               // mailboxes of From, To and Cc together
};

// Parses messages one after another with one GMime parser, which each message re-initializes: a
// parser made for every message cost 8% over GMime's own parse of an mbox (50,000 messages, 1.10 s
// against 1.01 s; with one parser 1.00-1.02 s). Holds on to the last message's bytes until the
// next one. Not thread-safe: one per reading thread (a connector instance). Initialises GMime.
class MessageParser {
 public:
  MessageParser();
  MessageParser(const MessageParser&) = delete;
  MessageParser& operator=(const MessageParser&) = delete;
  ~MessageParser();

  // Parses `raw` (one message, no mbox From_ line; LF or CRLF line ends). Every text comes out as
  // valid UTF-8 whatever the declared charsets. Returns INVALID_ARGUMENT only when GMime cannot
  // build a message at all (empty input); malformed content is reported through `defects`,
  // missing headers through empty fields.
  absl::StatusOr<ParsedMessage> Parse(absl::string_view raw,
                                      const ParseOptions& options = ParseOptions());

 private:
  struct GMimeState;  // GMime's parser and parser options, kept out of this header.
  std::unique_ptr<GMimeState> gmime_;
};

// MessageParser::Parse with a parser of its own: thread-safe.
absl::StatusOr<ParsedMessage> ParseMessage(absl::string_view raw,
                                           const ParseOptions& options = ParseOptions());

// True when `date_header` has the shape of an RFC 5322 date-time: a day, a month name, a year and
// a time of day "hh:mm" or "hh:mm:ss" (GMime alone accepts a date without a time, or a time
// made of letters, as midnight).
bool LooksLikeRfc5322DateTime(absl::string_view date_header);

// How an HTML body reads as text (plugins/common/html_to_text.h): paragraphs, headings, lists,
// tables and quotes stand apart by an empty line, other blocks and table rows start a line, list
// items start with "- ", table cells are spaced, lines inside <blockquote> start with "> " per
// level as quoted plain text does, <pre> keeps its layout, &nbsp; reads as a space, and there is
// never more than one empty line in a row.
const plugin_common::HtmlToTextOptions& EmailHtmlOptions();

}  // namespace cxhub::email

#endif  // CXHUB_PLUGINS_EMAIL_MESSAGE_PARSER_H_
