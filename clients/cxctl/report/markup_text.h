// Text from the server placed in markup (HTML, SVG, Graphviz HTML-like labels): every character
// that could end the text or start a tag or an entity is escaped.
#ifndef CXHUB_CLIENTS_CXCTL_REPORT_MARKUP_TEXT_H_
#define CXHUB_CLIENTS_CXCTL_REPORT_MARKUP_TEXT_H_

#include <string>

#include "absl/strings/string_view.h"

namespace cxhub::cxctl {

// `text` with & < > " ' as entities, safe in element content and in quoted attribute values.
// Control characters other than tab and newline become spaces (XML forbids them).
std::string MarkupEscape(absl::string_view text);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_REPORT_MARKUP_TEXT_H_
