#include "plugins/email/message_parser.h"

#include <gmime/gmime.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/cleanup/cleanup.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "plugins/common/utf8_clip.h"
#include "plugins/email/gmime_init.h"
#include "plugins/email/gobject_ptr.h"
#include "plugins/email/text_part.h"

namespace cxhub::email {
namespace {

struct ParserOptionsDeleter {
  void operator()(GMimeParserOptions* options) const { g_mime_parser_options_free(options); }
};

// True when `text` is valid UTF-8 without CR or NUL: as CleanText would leave it, which most
// text is.
bool IsClean(absl::string_view text) {
  return g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr) &&
         !absl::StrContains(text, '\r');
}

// `bytes` as valid UTF-8 with LF line ends and no NUL characters.
std::string CleanText(const char* bytes, size_t length) {
  if (bytes == nullptr) return "";
  if (IsClean(absl::string_view(bytes, length))) return std::string(bytes, length);
  GCharPtr valid(g_utf8_make_valid(bytes, static_cast<gssize>(length)));
  std::string out;
  out.reserve(length);
  for (const char* p = valid.get(); *p != '\0'; ++p) {
    if (*p == '\r') {
      if (p[1] != '\n') out.push_back('\n');
      continue;
    }
    out.push_back(*p);
  }
  return out;
}

// True when splitting `text` at blanks and joining the words with one space gives `text` back.
bool IsOneLine(absl::string_view text) {
  return text.find_first_of("\r\n\t") == absl::string_view::npos && !absl::StartsWith(text, " ") &&
         !absl::EndsWith(text, " ") && !absl::StrContains(text, "  ");
}

// CleanText of a string the caller gives up: most text is returned as it is, not copied.
std::string CleanText(std::string text) {
  if (IsClean(text)) return text;
  return CleanText(text.data(), text.size());
}

std::string OneLine(const char* text) {
  if (text == nullptr) return "";
  const absl::string_view view(text);
  if (IsOneLine(view) && IsClean(view)) return std::string(view);
  std::string clean = CleanText(view.data(), view.size());
  std::vector<absl::string_view> words =
      absl::StrSplit(clean, absl::ByAnyChar(" \t\n"), absl::SkipEmpty());
  return absl::StrJoin(words, " ");
}

const char* DefectName(GMimeParserWarning code) {
  switch (code) {
    case GMIME_WARN_TRUNCATED_MESSAGE:
      return "the message is truncated";
    case GMIME_WARN_MALFORMED_MESSAGE:
      return "the message is malformed";
    case GMIME_CRIT_INVALID_HEADER_NAME:
      return "invalid header line";
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
      return "a multipart has no boundary";
    case GMIME_CRIT_NESTING_OVERFLOW:
      return "MIME parts nested too deep";
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
      return "a MIME part has neither headers nor content";
    default:
      return nullptr;
  }
}

void OnParserWarning(gint64 offset, GMimeParserWarning code, const gchar* item,
                     gpointer user_data) {
  const char* name = DefectName(code);
  if (name == nullptr) return;
  auto* defects = static_cast<std::vector<std::string>*>(user_data);
  std::string defect = name;
  if (item != nullptr && *item != '\0') absl::StrAppend(&defect, " (", OneLine(item), ")");
  if (offset >= 0) absl::StrAppend(&defect, " at byte ", offset);
  if (defects->size() < 8) defects->push_back(std::move(defect));
}

// Appends the mailboxes of `list` (groups flattened) while `out` holds fewer than `max`; returns
// false when some were left out.
bool AppendMailboxes(InternetAddressList* list, size_t max, std::vector<Mailbox>& out) {
  if (list == nullptr) return true;
  int count = internet_address_list_length(list);
  for (int i = 0; i < count; ++i) {
    InternetAddress* address = internet_address_list_get_address(list, i);
    if (INTERNET_ADDRESS_IS_GROUP(address)) {
      if (!AppendMailboxes(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)), max,
                           out)) {
        return false;
      }
      continue;
    }
    if (!INTERNET_ADDRESS_IS_MAILBOX(address)) continue;
    if (out.size() >= max) return false;
    Mailbox mailbox;
    mailbox.name = OneLine(internet_address_get_name(address));
    mailbox.address = OneLine(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address)));
    out.push_back(std::move(mailbox));
  }
  return true;
}

std::vector<std::string> MessageIds(GMimeParserOptions* options, const char* header) {
  std::vector<std::string> ids;
  if (header == nullptr) return ids;
  GMimeReferences* references = g_mime_references_parse(options, header);
  if (references == nullptr) return ids;
  int count = g_mime_references_length(references);
  for (int i = 0; i < count; ++i) {
    std::string id = OneLine(g_mime_references_get_message_id(references, i));
    if (!id.empty()) ids.push_back(std::move(id));
  }
  g_mime_references_free(references);
  return ids;
}

std::string MimeType(GMimeObject* object) {
  GMimeContentType* type = g_mime_object_get_content_type(object);
  if (type == nullptr) return "application/octet-stream";
  GCharPtr mime(g_mime_content_type_get_mime_type(type));
  return absl::AsciiStrToLower(mime ? mime.get() : "application/octet-stream");
}

uint64_t DecodedSize(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (content == nullptr) return 0;
  GObjectPtr<GMimeStream> sink(g_mime_stream_null_new());
  g_mime_data_wrapper_write_to_stream(content, sink.get());
  return GMIME_STREAM_NULL(sink.get())->written;
}

// Collects the body and the attachments of a MIME tree.
class BodyCollector {
 public:
  BodyCollector(ParsedMessage& message, const ParseOptions& limits)
      : message_(message), limits_(limits) {}

  void Visit(GMimeObject* object, int depth) {
    if (object == nullptr || !WithinLimits(depth)) return;
    if (GMIME_IS_MULTIPART(object)) {
      VisitMultipart(GMIME_MULTIPART(object), depth);
    } else if (GMIME_IS_MESSAGE_PART(object)) {
      Attachment attachment;
      attachment.mime_type = MimeType(object);
      GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
      if (inner != nullptr) attachment.name = OneLine(g_mime_message_get_subject(inner));
      GObjectPtr<GMimeStream> sink(g_mime_stream_null_new());
      if (inner != nullptr) g_mime_object_write_to_stream(GMIME_OBJECT(inner), nullptr, sink.get());
      attachment.size = GMIME_STREAM_NULL(sink.get())->written;
      message_.attachments.push_back(std::move(attachment));
    } else if (GMIME_IS_PART(object)) {
      VisitLeaf(GMIME_PART(object));
    }
  }

 private:
  // Counts the part; false (with the defect noted once) when it lies beyond the limits.
  bool WithinLimits(int depth) {
    if (depth > limits_.max_depth) {
      NoteLimit(depth_noted_, absl::StrCat("MIME parts nested deeper than ", limits_.max_depth,
                                           " levels were not read"));
      return false;
    }
    if (++parts_ > limits_.max_parts) {
      NoteLimit(parts_noted_,
                absl::StrCat("more than ", limits_.max_parts, " MIME parts: the rest not read"));
      return false;
    }
    return true;
  }

  void NoteLimit(bool& noted, std::string defect) {
    if (!noted) message_.defects.push_back(std::move(defect));
    noted = true;
  }

  // Adds one text part to the body, within max_text_bytes.
  void AppendText(std::string text, bool html) {
    const bool first = message_.body_format == BodyFormat::kNone;
    if (first) message_.body_format = html ? BodyFormat::kHtml : BodyFormat::kPlainText;
    if (!first && text.empty()) return;
    if (first) {
      message_.body = std::move(text);  // Nothing was appended before the first part.
    } else {
      absl::StrAppend(&message_.body, "\n\n", text);
    }
    if (message_.body.size() > limits_.max_text_bytes) {
      message_.body.resize(plugin_common::ClipUtf8(message_.body, limits_.max_text_bytes).size());
      message_.body_truncated = true;
    }
  }

  void VisitMultipart(GMimeMultipart* multipart, int depth) {
    int count = g_mime_multipart_get_count(multipart);
    GMimeContentType* type = g_mime_object_get_content_type(GMIME_OBJECT(multipart));
    if (type != nullptr && g_mime_content_type_is_type(type, "multipart", "alternative")) {
      // One alternative is the body: text/plain first, else HTML, else a nested multipart.
      GMimeObject* chosen = nullptr;
      for (const char* wanted : {"plain", "html"}) {
        for (int i = 0; i < count && chosen == nullptr; ++i) {
          GMimeObject* child = g_mime_multipart_get_part(multipart, i);
          GMimeContentType* child_type = g_mime_object_get_content_type(child);
          if (GMIME_IS_TEXT_PART(child) && child_type != nullptr &&
              g_mime_content_type_is_type(child_type, "text", wanted)) {
            chosen = child;
          }
        }
        if (chosen != nullptr) break;
      }
      if (chosen == nullptr && count > 0) {
        for (int i = 0; i < count && chosen == nullptr; ++i) {
          GMimeObject* child = g_mime_multipart_get_part(multipart, i);
          if (GMIME_IS_MULTIPART(child)) chosen = child;
        }
        if (chosen == nullptr) chosen = g_mime_multipart_get_part(multipart, 0);
      }
      Visit(chosen, depth + 1);
      return;
    }
    for (int i = 0; i < count; ++i) Visit(g_mime_multipart_get_part(multipart, i), depth + 1);
  }

  void VisitLeaf(GMimePart* part) {
    GMimeObject* object = GMIME_OBJECT(part);
    GMimeContentType* type = g_mime_object_get_content_type(object);
    bool plain = type != nullptr && g_mime_content_type_is_type(type, "text", "plain");
    bool html = type != nullptr && g_mime_content_type_is_type(type, "text", "html");
    const char* filename = g_mime_part_get_filename(part);
    bool attachment = g_mime_part_is_attachment(part) || (filename != nullptr && *filename);
    if ((plain || html) && !attachment && GMIME_IS_TEXT_PART(object)) {
      if (message_.body_truncated) return;
      std::string text = CleanText(DecodedText(GMIME_TEXT_PART(object)));
      if (html) {
        plugin_common::HtmlToTextOptions options = EmailHtmlOptions();
        options.max_output_bytes = std::min(options.max_output_bytes, limits_.max_text_bytes);
        plugin_common::HtmlText html_text = plugin_common::HtmlToText(text, options);
        text = std::move(html_text.text);
        message_.body_truncated = message_.body_truncated || html_text.truncated;
      }
      AppendText(std::move(text), html);
      return;
    }
    Attachment listed;
    listed.name = OneLine(filename);
    listed.mime_type = MimeType(object);
    listed.size = DecodedSize(part);
    message_.attachments.push_back(std::move(listed));
  }

  ParsedMessage& message_;
  const ParseOptions& limits_;
  int parts_ = 0;
  bool depth_noted_ = false;
  bool parts_noted_ = false;
};

}  // namespace

const plugin_common::HtmlToTextOptions& EmailHtmlOptions() {
  // A static object, not a leaked pointer, as in every plugin (see MastodonHtmlOptions), although
  // this one is linked -z nodelete and never unloaded.
  static const plugin_common::HtmlToTextOptions options = [] {
    plugin_common::HtmlToTextOptions email;
    email.paragraph_elements = {"p",  "h1", "h2", "h3",    "h4",        "h5",
                                "h6", "ul", "ol", "table", "blockquote"};
    email.line_elements = {"div",     "li",      "tr",     "hr",       "pre",   "address",
                           "section", "article", "header", "footer",   "dl",    "dt",
                           "dd",      "center",  "form",   "fieldset", "tbody", "thead"};
    email.quote_blockquotes = true;
    email.list_item_marker = "- ";
    email.separate_table_cells = true;
    email.keep_preformatted_text = true;
    email.no_break_space_is_space = true;
    email.at_most_one_empty_line = true;
    // The body is cut later at max_body_bytes (at most 64 MiB); the walk must not cut sooner.
    email.max_output_bytes = size_t{64} << 20;
    return email;
  }();
  return options;
}

bool LooksLikeRfc5322DateTime(absl::string_view date_header) {
  static constexpr absl::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  std::vector<absl::string_view> tokens =
      absl::StrSplit(date_header, absl::ByAnyChar(" \t,"), absl::SkipEmpty());
  bool month = false;
  bool time = false;
  int numbers = 0;
  for (absl::string_view token : tokens) {
    std::string lower = absl::AsciiStrToLower(token);
    for (absl::string_view name : kMonths) {
      if (lower == name) month = true;
    }
    if (!token.empty() && absl::c_all_of(token, [](char c) { return absl::ascii_isdigit(c); })) {
      ++numbers;
    }
    // hh:mm or hh:mm:ss, digits only.
    std::vector<absl::string_view> parts = absl::StrSplit(token, ':');
    if (parts.size() == 2 || parts.size() == 3) {
      bool digits = true;
      for (absl::string_view part : parts) {
        if (part.empty() || part.size() > 2 ||
            !absl::c_all_of(part, [](char c) { return absl::ascii_isdigit(c); })) {
          digits = false;
        }
      }
      time = time || digits;
    }
  }
  return month && time && numbers >= 2;
}

struct MessageParser::GMimeState {
  GObjectPtr<GMimeParser> parser;
  std::unique_ptr<GMimeParserOptions, ParserOptionsDeleter> options;
};

MessageParser::MessageParser() {
  EnsureGMimeInitialized();
  gmime_ = std::make_unique<GMimeState>();
  gmime_->parser.reset(g_mime_parser_new());
  gmime_->options.reset(g_mime_parser_options_new());
}

MessageParser::~MessageParser() = default;

absl::StatusOr<ParsedMessage> ParseMessage(absl::string_view raw, const ParseOptions& wanted) {
  return MessageParser().Parse(raw, wanted);
}

absl::StatusOr<ParsedMessage> MessageParser::Parse(absl::string_view raw,
                                                   const ParseOptions& wanted) {
  if (raw.empty()) return absl::InvalidArgumentError("the message is empty");

  ParsedMessage parsed;
  GMimeParserOptions* options = gmime_->options.get();
  GMimeParser* parser = gmime_->parser.get();
  g_mime_parser_options_set_warning_callback(options, &OnParserWarning, &parsed.defects);
  // `parsed` goes back to the caller: no warning of a later message may land in it.
  absl::Cleanup forget_defects = [options] {
    g_mime_parser_options_set_warning_callback(options, nullptr, nullptr);
  };
  {
    // The parser takes its own reference to the stream, and drops it at the next message.
    GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
    g_mime_parser_init_with_stream(parser, stream.get());
  }
  g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
  GObjectPtr<GMimeMessage> message(g_mime_parser_construct_message(parser, options));
  if (message == nullptr) {
    return absl::InvalidArgumentError(parsed.defects.empty()
                                          ? std::string("GMime could not parse a message")
                                          : absl::StrCat("GMime could not parse a message: ",
                                                         absl::StrJoin(parsed.defects, "; ")));
  }
  GMimeObject* object = GMIME_OBJECT(message.get());

  parsed.message_id = OneLine(g_mime_message_get_message_id(message.get()));
  // From first, so that a flood of recipients never pushes the sender out.
  size_t room = wanted.max_addresses;
  for (auto [list, out] : {std::pair{g_mime_message_get_from(message.get()), &parsed.from},
                           std::pair{g_mime_message_get_to(message.get()), &parsed.to},
                           std::pair{g_mime_message_get_cc(message.get()), &parsed.cc}}) {
    if (!AppendMailboxes(list, room, *out)) parsed.addresses_truncated = true;
    room -= std::min(room, out->size());
  }
  parsed.subject = OneLine(g_mime_message_get_subject(message.get()));
  parsed.date_header = OneLine(g_mime_object_get_header(object, "Date"));
  if (!parsed.date_header.empty() && LooksLikeRfc5322DateTime(parsed.date_header)) {
    GDateTime* date = g_mime_utils_header_decode_date(parsed.date_header.c_str());
    if (date != nullptr) {
      parsed.date = g_date_time_to_unix(date);
      g_date_time_unref(date);
    }
  }
  parsed.references = MessageIds(options, g_mime_object_get_header(object, "References"));
  parsed.in_reply_to = MessageIds(options, g_mime_object_get_header(object, "In-Reply-To"));
  parsed.auto_submitted = OneLine(g_mime_object_get_header(object, "Auto-Submitted"));

  for (const std::string& name : wanted.wanted_headers) {
    if (const char* value = g_mime_object_get_header(object, name.c_str())) {
      parsed.wanted_headers[name] = OneLine(value);
    }
  }
  BodyCollector(parsed, wanted).Visit(g_mime_message_get_mime_part(message.get()), 0);
  return parsed;
}

}  // namespace cxhub::email
