#include "plugins/phone/phone_number_normalizer.h"

#include <set>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "phonenumbers/phonenumber.pb.h"
#include "phonenumbers/phonenumberutil.h"

namespace cxhub::phone {
namespace {

using ::i18n::phonenumbers::PhoneNumber;
using ::i18n::phonenumbers::PhoneNumberUtil;

// Longer input is not a phone number; it also bounds libphonenumber's work on hostile input.
constexpr size_t kMaxNumberLength = 64;

absl::string_view ParseErrorName(PhoneNumberUtil::ErrorType error) {
  switch (error) {
    case PhoneNumberUtil::NO_PARSING_ERROR:
      return "no error";
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
      return "invalid country code";
    case PhoneNumberUtil::NOT_A_NUMBER:
      return "not a number";
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
      return "too short after the international prefix";
    case PhoneNumberUtil::TOO_SHORT_NSN:
      return "too short";
    case PhoneNumberUtil::TOO_LONG_NSN:
      return "too long";
  }
  return "unknown error";
}

}  // namespace

bool PhoneNumberNormalizer::IsSupportedRegion(absl::string_view region) {
  std::set<std::string> regions;
  PhoneNumberUtil::GetInstance()->GetSupportedRegions(&regions);
  return regions.count(std::string(region)) > 0;
}

bool PhoneNumberNormalizer::IsWithheld(absl::string_view number) {
  const std::string lower = absl::AsciiStrToLower(absl::StripAsciiWhitespace(number));
  return lower.empty() || lower == "anonymous" || lower == "unknown" || lower == "private" ||
         lower == "restricted" || lower == "withheld" || lower == "unavailable";
}

absl::StatusOr<std::string> PhoneNumberNormalizer::ToE164(absl::string_view number) const {
  const absl::string_view text = absl::StripAsciiWhitespace(number);
  if (IsWithheld(text)) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", text, "' is a withheld caller id, not a phone number"));
  }
  if (text.size() > kMaxNumberLength) {
    return absl::InvalidArgumentError(
        absl::StrCat("a number of ", text.size(), " characters is not a phone number"));
  }
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber parsed;
  PhoneNumberUtil::ErrorType error = util.Parse(std::string(text), default_region_, &parsed);
  bool possible = error == PhoneNumberUtil::NO_PARSING_ERROR && util.IsPossibleNumber(parsed);
  if (!possible && absl::StartsWith(text, "00") && text.size() > 2) {
    PhoneNumber retry;
    const PhoneNumberUtil::ErrorType retry_error =
        util.Parse(absl::StrCat("+", text.substr(2)), default_region_, &retry);
    if (retry_error == PhoneNumberUtil::NO_PARSING_ERROR && util.IsPossibleNumber(retry)) {
      parsed = retry;
      error = retry_error;
      possible = true;
    }
  }
  if (error != PhoneNumberUtil::NO_PARSING_ERROR) {
    return absl::InvalidArgumentError(absl::StrCat("'", text, "' is not a phone number (",
                                                   ParseErrorName(error), ", default region ",
                                                   default_region_, ")"));
  }
  if (!possible) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", text, "' is not a possible phone number in region ", default_region_));
  }
  std::string e164;
  util.Format(parsed, PhoneNumberUtil::E164, &e164);
  return e164;
}

}  // namespace cxhub::phone
