// Keeps HTML from nesting deeper than a limit before Gumbo parses it.
//
// Gumbo 0.10.1 (Debian 12) has no limit on the depth of its tree, and the HTML5 tree builder
// looks through the stack of open elements at nearly every tag, so its time grows with depth x
// tags: 80 KB of "<div>" takes seconds. This scan follows the tags the way the HTML tokenizer
// splits them and estimates the stack of open elements from above (an end tag closes only the
// element on top, past elements whose end tag is optional; text inside <script>, <style> and the
// like is skipped only outside <svg> and <math>), then drops the start tags that would open an
// element beyond the limit, each replaced by a space: their text stays, in the ancestor at the
// limit. A tag left open at the end of the input, which the parser drops too, ends the scan and
// the input.
#ifndef CXHUB_PLUGINS_COMMON_HTML_NESTING_GUARD_H_
#define CXHUB_PLUGINS_COMMON_HTML_NESTING_GUARD_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace cxhub::plugin_common {

// `html` without the start tags that would nest elements deeper than `max_depth`, or nullopt
// when nothing had to go (the input is then parsed as it is). Linear in the size of `html`
// times `max_depth` at worst.
std::optional<std::string> CapHtmlNesting(absl::string_view html, int max_depth);

}  // namespace cxhub::plugin_common

#endif  // CXHUB_PLUGINS_COMMON_HTML_NESTING_GUARD_H_
