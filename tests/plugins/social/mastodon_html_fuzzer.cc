// libFuzzer target: any bytes as status HTML through the HTML-to-text converter. It must never
// crash, and its text must have no leading or trailing white space.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "plugins/common/html_to_text.h"
#include "plugins/social/status_mapper.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view html(reinterpret_cast<const char*>(data), size);
  const cxhub::plugin_common::HtmlText text =
      cxhub::plugin_common::HtmlToText(html, cxhub::social::MastodonHtmlOptions());
  if (absl::StripAsciiWhitespace(text.text).size() != text.text.size()) std::abort();
  for (const std::string& link : text.links) {
    if (link.empty()) std::abort();
  }
  return 0;
}
