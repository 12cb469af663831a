#include "plugins/phone/phone_options.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "plugins/common/key_value_options.h"
#include "plugins/phone/phone_number_normalizer.h"

namespace cxhub::phone {
namespace {

constexpr int64_t kMaxCheckpointEvery = 100000;

absl::Status Invalid(absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat("phone connector options: ", message));
}

absl::Status AddFile(absl::string_view path, PhoneOptions& options) {
  if (path.empty()) return Invalid("a file path is empty");
  if (absl::StrContains(path, '\n') || absl::StrContains(path, '\0')) {
    return Invalid("file paths must not contain a newline or NUL");
  }
  if (std::find(options.files.begin(), options.files.end(), path) == options.files.end()) {
    options.files.emplace_back(path);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<PhoneOptions> ParsePhoneOptions(absl::string_view text) {
  PhoneOptions options;
  const plugin_common::OptionKeys keys = {
      {"file", "files", "default_region", "timezone", "extensions", "checkpoint_every"},
      {"file", "files"}};
  absl::Status parsed = plugin_common::ForEachOption(
      text, "phone connector options", keys,
      [&options](absl::string_view key, absl::string_view value) -> absl::Status {
        if (key == "file") return AddFile(value, options);
        if (key == "files") {
          for (absl::string_view path : plugin_common::SplitCommaList(value)) {
            if (absl::Status status = AddFile(path, options); !status.ok()) return status;
          }
        } else if (key == "default_region") {
          options.default_region = absl::AsciiStrToUpper(value);
          if (!PhoneNumberNormalizer::IsSupportedRegion(options.default_region)) {
            return Invalid(
                absl::StrCat("default_region '", value,
                             "' is not a region libphonenumber knows (e.g. PT, DE, US)"));
          }
        } else if (key == "timezone") {
          options.timezone_name = std::string(value);
          if (value.empty() || !absl::LoadTimeZone(options.timezone_name, &options.timezone)) {
            return Invalid(absl::StrCat("timezone '", value,
                                        "' is not in the tz database (an IANA name such as "
                                        "Europe/Lisbon; is tzdata installed?)"));
          }
        } else if (key == "extensions") {
          absl::StatusOr<ExtensionPatterns> patterns = ExtensionPatterns::Parse(value);
          if (!patterns.ok()) return Invalid(patterns.status().message());
          options.extensions = *std::move(patterns);
        } else if (key == "checkpoint_every") {
          if (absl::Status status = plugin_common::ParseIntOption(
                  key, value, 1, kMaxCheckpointEvery, options.checkpoint_every);
              !status.ok()) {
            return Invalid(status.message());
          }
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
