#include "clients/cxctl/report/markup_text.h"

namespace cxhub::cxctl {

std::string MarkupEscape(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        const bool control = static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n';
        out += control || c == 0x7f ? ' ' : c;
    }
  }
  return out;
}

}  // namespace cxhub::cxctl
