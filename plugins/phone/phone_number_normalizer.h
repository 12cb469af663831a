// Turns the numbers Asterisk writes into E.164, with libphonenumber.
//
// A number is read as a caller would dial it in the configured default region: national forms
// (`912345678` in PT), the region's international prefix (`00` in most of Europe: `0049301234567`)
// and `+` forms. A number starting with `00` that does not parse in the default region (a region
// whose international prefix is something else, like `011` in the US) is read once more with
// `00` taken as `+`. The result must be a possible number (its length fits its country);
// libphonenumber's stricter validity check is not required, because its metadata lags behind
// newly assigned ranges and a real caller must not become a dead letter for that.
#ifndef CXHUB_PLUGINS_PHONE_PHONE_NUMBER_NORMALIZER_H_
#define CXHUB_PLUGINS_PHONE_PHONE_NUMBER_NORMALIZER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cxhub::phone {

class PhoneNumberNormalizer {
 public:
  // `default_region` must be a region libphonenumber supports (see IsSupportedRegion).
  explicit PhoneNumberNormalizer(std::string default_region)
      : default_region_(std::move(default_region)) {}

  // True when libphonenumber knows `region` (a CLDR two-letter code such as "PT").
  static bool IsSupportedRegion(absl::string_view region);

  // True for what Asterisk and carriers write when the caller id is withheld or missing: empty,
  // "anonymous", "unknown", "private", "restricted", "withheld", "unavailable" (any case).
  static bool IsWithheld(absl::string_view number);

  // The E.164 form (`+351912345678`), or INVALID_ARGUMENT saying why `number` is not a phone
  // number. Withheld numbers are errors too.
  absl::StatusOr<std::string> ToE164(absl::string_view number) const;

  const std::string& default_region() const { return default_region_; }

 private:
  std::string default_region_;
};

}  // namespace cxhub::phone

#endif  // CXHUB_PLUGINS_PHONE_PHONE_NUMBER_NORMALIZER_H_
