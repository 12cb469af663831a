#include "server/core/identity_normalizer.h"

#include <set>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "phonenumbers/phonenumber.pb.h"
#include "phonenumbers/phonenumberutil.h"

namespace cxhub {
namespace {

using ::i18n::phonenumbers::PhoneNumber;
using ::i18n::phonenumbers::PhoneNumberUtil;

bool HasSpaceOrControl(absl::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return true;
  }
  return false;
}

bool HasControl(absl::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return true;
  }
  return false;
}

// A qualifier ("mastodon", "chatwoot", "crm") is a non-empty run of ASCII letters, digits, '.',
// '_' and '-'.
bool IsQualifier(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') {
      return false;
    }
  }
  return true;
}

absl::Status Invalid(absl::string_view what, absl::string_view value) {
  return absl::InvalidArgumentError(absl::StrCat(what, ": \"", value, "\""));
}

// "a.example", not ".a", "a.", "a..b" or "a".
bool IsDomain(absl::string_view domain) {
  if (domain.empty() || domain.front() == '.' || domain.back() == '.') return false;
  if (domain.find('.') == absl::string_view::npos) return false;
  return domain.find("..") == absl::string_view::npos;
}

absl::StatusOr<std::string> NormalizeEmail(absl::string_view raw) {
  const std::string value = absl::AsciiStrToLower(absl::StripAsciiWhitespace(raw));
  if (value.empty()) return absl::InvalidArgumentError("email address is empty");
  if (HasSpaceOrControl(value)) {
    return Invalid("email address contains spaces or control characters", raw);
  }
  const size_t at = value.find('@');
  if (at == std::string::npos || value.find('@', at + 1) != std::string::npos) {
    return Invalid("email address must contain exactly one '@'", raw);
  }
  if (at == 0) return Invalid("email address has an empty local part", raw);
  if (!IsDomain(absl::string_view(value).substr(at + 1))) {
    return Invalid("email address needs a domain like \"example.com\" after '@'", raw);
  }
  return value;
}

absl::StatusOr<std::string> NormalizePhone(absl::string_view raw, const std::string& region) {
  std::string value(absl::StripAsciiWhitespace(raw));
  if (value.empty()) return absl::InvalidArgumentError("phone number is empty");
  bool has_digit = false;
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (absl::ascii_isdigit(u)) {
      has_digit = true;
    } else if (c != '+' && c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '/') {
      return Invalid("not a phone number", raw);
    }
  }
  if (!has_digit) return Invalid("not a phone number", raw);
  // "00" is the international call prefix almost everywhere; accept it whatever the region's
  // own prefix is (e.g. 011 in the US).
  size_t first_digit = value.find_first_not_of(" -.(/)");
  if (first_digit != std::string::npos && value.compare(first_digit, 2, "00") == 0) {
    value = absl::StrCat("+", value.substr(first_digit + 2));
  }

  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  switch (util.Parse(value, region, &number)) {
    case PhoneNumberUtil::NO_PARSING_ERROR:
      break;
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
      return Invalid("phone number has an unknown country code", raw);
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
    case PhoneNumberUtil::TOO_SHORT_NSN:
      return Invalid("phone number is too short", raw);
    case PhoneNumberUtil::TOO_LONG_NSN:
      return Invalid("phone number is too long", raw);
    default:
      return Invalid("not a phone number", raw);
  }
  switch (util.IsPossibleNumberWithReason(number)) {
    case PhoneNumberUtil::IS_POSSIBLE:
      break;
    case PhoneNumberUtil::INVALID_COUNTRY_CODE:
      return Invalid("phone number has an unknown country code", raw);
    case PhoneNumberUtil::TOO_SHORT:
      return Invalid("phone number is too short", raw);
    case PhoneNumberUtil::TOO_LONG:
      return Invalid("phone number is too long", raw);
    case PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY:
      return Invalid("phone number lacks an area code", raw);
    default:
      return Invalid("phone number has a length no number of its country has", raw);
  }
  if (!util.IsValidNumber(number)) {
    return Invalid("phone number is not a valid number for its country", raw);
  }
  std::string e164;
  util.Format(number, PhoneNumberUtil::E164, &e164);
  return e164;
}

// "network:@user@instance", "network:user@instance" -> "network:@user@instance", lower-case.
absl::StatusOr<std::string> NormalizeSocial(absl::string_view raw) {
  const std::string value = absl::AsciiStrToLower(absl::StripAsciiWhitespace(raw));
  const size_t colon = value.find(':');
  if (colon == std::string::npos || !IsQualifier(value.substr(0, colon))) {
    return Invalid("social handle must be qualified by its network, like \"mastodon:@user@host\"",
                   raw);
  }
  std::string handle = value.substr(colon + 1);
  if (!handle.empty() && handle.front() != '@') handle.insert(0, "@");
  if (handle.size() < 2 || HasSpaceOrControl(handle)) {
    return Invalid("social handle must be a user name without spaces after the network", raw);
  }
  const size_t second_at = handle.find('@', 1);
  if (second_at != std::string::npos) {
    if (second_at == 1) return Invalid("social handle has an empty user name", raw);
    if (handle.find('@', second_at + 1) != std::string::npos ||
        !IsDomain(absl::string_view(handle).substr(second_at + 1))) {
      return Invalid("social handle has a malformed instance after the user name", raw);
    }
  }
  return absl::StrCat(value.substr(0, colon), ":", handle);
}

// "platform:id" for chat, "system:id" for external ids: trimmed, both parts required.
absl::StatusOr<std::string> NormalizeQualified(absl::string_view raw, absl::string_view kind,
                                               absl::string_view example) {
  const std::string value(absl::StripAsciiWhitespace(raw));
  const size_t colon = value.find(':');
  if (colon == std::string::npos || !IsQualifier(value.substr(0, colon))) {
    return Invalid(absl::StrCat(kind, " must be qualified, like \"", example, "\""), raw);
  }
  const absl::string_view id =
      absl::StripAsciiWhitespace(absl::string_view(value).substr(colon + 1));
  if (id.empty()) return Invalid(absl::StrCat(kind, " has an empty id after the ':'"), raw);
  if (HasControl(id)) return Invalid(absl::StrCat(kind, " contains control characters"), raw);
  return absl::StrCat(value.substr(0, colon), ":", id);
}

}  // namespace

absl::StatusOr<IdentityNormalizer> IdentityNormalizer::Create(const std::string& default_region) {
  std::set<std::string> regions;
  PhoneNumberUtil::GetInstance()->GetSupportedRegions(&regions);
  const std::string region = absl::AsciiStrToUpper(default_region);
  if (regions.count(region) == 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", default_region, "\" is not a region code libphonenumber knows (e.g. \"PT\")"));
  }
  return IdentityNormalizer(region);
}

absl::StatusOr<Identity> IdentityNormalizer::Normalize(const Identity& identity) const {
  absl::StatusOr<std::string> value;
  switch (identity.kind) {
    case IdentityKind::kEmail:
      value = NormalizeEmail(identity.value);
      break;
    case IdentityKind::kPhone:
      value = NormalizePhone(identity.value, default_region_);
      break;
    case IdentityKind::kSocial:
      value = NormalizeSocial(identity.value);
      break;
    case IdentityKind::kChat:
      value = NormalizeQualified(identity.value, "chat contact", "chatwoot:7:5231");
      break;
    case IdentityKind::kExternal:
      value = NormalizeQualified(identity.value, "external id", "crm:12345");
      break;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("unknown identity kind ", static_cast<int>(identity.kind)));
  }
  if (!value.ok()) return value.status();
  Identity normalized = identity;  // Keeps the trust and provenance it was asserted with.
  normalized.value = *std::move(value);
  return normalized;
}

}  // namespace cxhub
