#include "plugins/phone/phone_options.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "plugins/common/key_value_options.h"
#include "plugins/common/tailed_file_options.h"
#include "plugins/phone/phone_number_normalizer.h"

namespace cxhub::phone {
namespace {

absl::Status Invalid(absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat("phone connector options: ", message));
}

}  // namespace

absl::StatusOr<PhoneOptions> ParsePhoneOptions(absl::string_view text) {
  PhoneOptions options;
  absl::Status parsed = plugin_common::ParseTailedFileOptions(
      text, "phone", {{"default_region", "timezone", "extensions"}, {}}, options,
      [&options](absl::string_view key, absl::string_view value) -> absl::Status {
        if (key == "default_region") {
          options.default_region = absl::AsciiStrToUpper(value);
          if (!PhoneNumberNormalizer::IsSupportedRegion(options.default_region)) {
            return Invalid(
                absl::StrCat("default_region '", value,
                             "' is not a region libphonenumber knows (e.g. PT, DE, US)"));
          }
        } else if (key == "timezone") {
          options.timezone_name = std::string(value);
          absl::Status zone = plugin_common::ParseTimeZoneOption(key, value, options.timezone);
          if (!zone.ok()) return Invalid(zone.message());
        } else if (key == "extensions") {
          absl::StatusOr<ExtensionPatterns> patterns = ExtensionPatterns::Parse(value);
          if (!patterns.ok()) return Invalid(patterns.status().message());
          options.extensions = *std::move(patterns);
        }
        return absl::OkStatus();
      });
  if (!parsed.ok()) return parsed;
  if (options.files.empty()) return Invalid("at least one file=<path> is required");
  if (options.default_region.empty()) return Invalid("default_region is required (e.g. PT)");
  if (options.timezone_name.empty()) {
    return Invalid("timezone is required (the Asterisk server's zone, e.g. Europe/Lisbon)");
  }
  return options;
}

}  // namespace cxhub::phone
