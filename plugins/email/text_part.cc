#include "plugins/email/text_part.h"

#include <string>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "plugins/email/gobject_ptr.h"

namespace cxhub::email {
namespace {

bool IsUtf8Name(absl::string_view charset) {
  return absl::EqualsIgnoreCase(charset, "utf-8") || absl::EqualsIgnoreCase(charset, "utf8");
}

// Charsets in which each ASCII byte stands for itself. A name that only looks like one (an
// unknown "iso-8859-99") is no risk: GMime cannot open a conversion for it and copies the bytes.
bool ExtendsAscii(absl::string_view charset) {
  return IsUtf8Name(charset) || absl::EqualsIgnoreCase(charset, "us-ascii") ||
         absl::EqualsIgnoreCase(charset, "ascii") ||
         absl::StartsWithIgnoreCase(charset, "iso-8859-") ||
         absl::StartsWithIgnoreCase(charset, "windows-125");
}

bool IsAscii(absl::string_view bytes) {
  return absl::c_all_of(bytes, [](char c) { return absl::ascii_isascii(c); });
}

// Up to the first NUL, as a C string holding `bytes` reads.
std::string UpToNul(absl::string_view bytes) {
  return std::string(bytes.substr(0, bytes.find('\0')));
}

}  // namespace

std::string DecodedText(GMimeTextPart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(GMIME_PART(part));
  if (content == nullptr) return "";
  GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(content, stream.get());
  const GByteArray* buffer = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream.get()));
  const absl::string_view decoded(reinterpret_cast<const char*>(buffer->data), buffer->len);

  const char* charset = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
  if (charset == nullptr || (ExtendsAscii(charset) && IsAscii(decoded)) ||
      (IsUtf8Name(charset) &&
       g_utf8_validate(decoded.data(), static_cast<gssize>(decoded.size()), nullptr))) {
    return UpToNul(decoded);
  }
  // A conversion that may change the bytes: GMime's own, on the content decoded again.
  GCharPtr converted(g_mime_text_part_get_text(part));
  return converted == nullptr ? "" : std::string(converted.get());
}

}  // namespace cxhub::email
