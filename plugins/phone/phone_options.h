// The phone connector's options, as written in the server configuration's `options` string.
//
// `key=value` settings separated by newlines or `;`; spaces around keys and values are ignored,
// and so are empty settings and lines starting with `#`. Besides file, files and checkpoint_every
// (plugins/common/tailed_file_options.h; a file is a cdr_csv file such as Master.csv or a
// per-account file, and at least one is required):
//
//   default_region=<CC>     libphonenumber region for national numbers, e.g. PT. Required.
//   timezone=<IANA name>    the Asterisk server's zone, e.g. Europe/Lisbon. Required.
//   extensions=<patterns>   the business's extensions, e.g. 1XX,2XXX (see extension_pattern.h).
//                           Optional; without it every number is external.
//
// Example: "file=/var/log/asterisk/cdr-csv/Master.csv; default_region=PT;
//           timezone=Europe/Lisbon; extensions=1XX"
#ifndef CXHUB_PLUGINS_PHONE_PHONE_OPTIONS_H_
#define CXHUB_PLUGINS_PHONE_PHONE_OPTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "plugins/common/tailed_file_options.h"
#include "plugins/phone/extension_pattern.h"

namespace cxhub::phone {

// files and checkpoint_every come from TailedFileOptions.
struct PhoneOptions : plugin_common::TailedFileOptions {
  std::string default_region;
  std::string timezone_name;
  absl::TimeZone timezone;
  ExtensionPatterns extensions;
};

// Parses and validates the options. INVALID_ARGUMENT naming the setting for an unknown key, a
// repeated single-valued key, a missing required key, a region libphonenumber does not know, a
// time zone not found in the tz database, a bad extension pattern, or a bad checkpoint_every.
absl::StatusOr<PhoneOptions> ParsePhoneOptions(absl::string_view text);

}  // namespace cxhub::phone

#endif  // CXHUB_PLUGINS_PHONE_PHONE_OPTIONS_H_
