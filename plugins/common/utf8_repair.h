// Making text valid UTF-8 before it goes into a record: the host's store and the API's string
// fields require it, and a CSV export (or any file) may hold bytes of another encoding.
#ifndef CXHUB_PLUGINS_COMMON_UTF8_REPAIR_H_
#define CXHUB_PLUGINS_COMMON_UTF8_REPAIR_H_

#include <string>

#include "absl/strings/string_view.h"

namespace cxhub::plugin_common {

// `text` with every byte that does not belong to a well-formed UTF-8 sequence (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF) replaced by U+FFFD. Valid text comes
// back unchanged. Linear in the size of `text`.
std::string RepairUtf8(absl::string_view text);

// True when RepairUtf8 would return `text` unchanged. Reads ASCII eight bytes at a time.
bool IsValidUtf8(absl::string_view text);

}  // namespace cxhub::plugin_common

#endif  // CXHUB_PLUGINS_COMMON_UTF8_REPAIR_H_
