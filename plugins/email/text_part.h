// The text of one text/* MIME part, decoded to UTF-8.
#ifndef CXHUB_PLUGINS_EMAIL_TEXT_PART_H_
#define CXHUB_PLUGINS_EMAIL_TEXT_PART_H_

#include <gmime/gmime.h>

#include <string>

namespace cxhub::email {

// What g_mime_text_part_get_text(part) returns, up to its first NUL byte as its C string reads:
// the content with its transfer encoding undone, converted from the declared charset to UTF-8.
// Unlike that call, the conversion is left out when it cannot change the bytes (no charset
// declared; ASCII under a charset that extends ASCII; valid UTF-8 declared as UTF-8): setting it
// up, an iconv descriptor and two stream objects per part, was about a third of that call's
// instructions. Anything else goes through GMime's own conversion.
std::string DecodedText(GMimeTextPart* part);

}  // namespace cxhub::email

#endif  // CXHUB_PLUGINS_EMAIL_TEXT_PART_H_
