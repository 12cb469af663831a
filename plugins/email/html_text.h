// HTML mail bodies turned into plain text, for messages that have no text/plain alternative.
#ifndef CXHUB_PLUGINS_EMAIL_HTML_TEXT_H_
#define CXHUB_PLUGINS_EMAIL_HTML_TEXT_H_

#include <string>

#include "absl/strings/string_view.h"

namespace cxhub::email {

// Returns the text a reader sees in `html` (UTF-8): tags removed; <br>, paragraphs, divs, list
// items, headings and table rows become line breaks; <script>, <style>, <head> and comments are
// dropped; character references (named, decimal, hex) are decoded; runs of white space collapse
// as a browser would, except inside <pre>. Lines inside <blockquote> are prefixed with "> " per
// level, so quoted replies look like quoted plain text. Never fails; malformed markup is read as
// leniently as possible.
std::string HtmlToText(absl::string_view html);

// Appends `code_point` encoded as UTF-8 (invalid code points become U+FFFD).
void AppendUtf8(char32_t code_point, std::string& out);

}  // namespace cxhub::email

#endif  // CXHUB_PLUGINS_EMAIL_HTML_TEXT_H_
