// The syntax every file-reading connector's `options` string shares (the server configuration's
// `options`), apart from what each key means:
//
//   `key=value` settings separated by newlines or `;`; spaces around keys and values are ignored,
//   and so are empty settings and settings starting with `#`. A key may be given once unless it
//   is repeatable; some values are comma lists (SplitCommaList).
//
// Each connector validates its own keys' values; this only splits, and refuses settings without
// `=`, unknown keys and repeated single-valued keys.
#ifndef CXHUB_PLUGINS_COMMON_KEY_VALUE_OPTIONS_H_
#define CXHUB_PLUGINS_COMMON_KEY_VALUE_OPTIONS_H_

#include <cstdint>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace cxhub::plugin_common {

struct OptionKeys {
  std::vector<absl::string_view> known;       // every key, in the order error messages list them
  std::vector<absl::string_view> repeatable;  // keys that may be given more than once
};

// Calls `apply(key, value)` for each setting of `text` in order, key and value stripped, and
// stops at the first error. INVALID_ARGUMENT "<error_prefix>: ..." for a setting that is not
// key=value, an unknown key ("unknown option 'k' (known: ...)") or a single-valued key given
// twice ("'k' is given twice"); an error `apply` returns is passed on unchanged.
absl::Status ForEachOption(
    absl::string_view text, absl::string_view error_prefix, const OptionKeys& keys,
    absl::FunctionRef<absl::Status(absl::string_view key, absl::string_view value)> apply);

// The items of a comma-separated value, each stripped of surrounding spaces. Empty items are
// kept (as empty views), for the caller to refuse.
std::vector<absl::string_view> SplitCommaList(absl::string_view value);

// True, with `out` set, when `value` is a decimal integer from `min` to `max`.
bool ParseIntInRange(absl::string_view value, int64_t min, int64_t max, int64_t& out);

// ParseIntInRange for the option `key`: INVALID_ARGUMENT "<key> '<value>' is not a number from
// <min> to <max>" when refused (the caller adds its connector's prefix).
absl::Status ParseIntOption(absl::string_view key, absl::string_view value, int64_t min,
                            int64_t max, int64_t& out);

// Loads the IANA time zone `value` of the option `key` into `zone`: INVALID_ARGUMENT "<key>
// '<value>' is not in the tz database (an IANA name such as Europe/Lisbon; is tzdata
// installed?)" for an empty or unknown name (the caller adds its connector's prefix).
absl::Status ParseTimeZoneOption(absl::string_view key, absl::string_view value,
                                 absl::TimeZone& zone);

}  // namespace cxhub::plugin_common

#endif  // CXHUB_PLUGINS_COMMON_KEY_VALUE_OPTIONS_H_
