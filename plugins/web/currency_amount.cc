#include "plugins/web/currency_amount.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace cxhub::web {
namespace {

// ISO 4217's active codes whose minor unit is not 2 digits (list one, "Minor unit" column).
struct MinorUnit {
  absl::string_view code;
  int digits;
};
constexpr MinorUnit kNotTwoDigits[] = {
    {"BHD", 3}, {"BIF", 0}, {"CLF", 4}, {"CLP", 0}, {"DJF", 0}, {"GNF", 0}, {"IQD", 3},
    {"ISK", 0}, {"JOD", 3}, {"JPY", 0}, {"KMF", 0}, {"KRW", 0}, {"KWD", 3}, {"LYD", 3},
    {"OMR", 3}, {"PYG", 0}, {"RWF", 0}, {"TND", 3}, {"UGX", 0}, {"UYI", 0}, {"UYW", 4},
    {"VND", 0}, {"VUV", 0}, {"XAF", 0}, {"XOF", 0}, {"XPF", 0}};

absl::Status NotAnAmount(absl::string_view decimal, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("'", decimal.substr(0, 40), "' is not an amount: ", why));
}

}  // namespace

bool IsCurrencyCodeForm(absl::string_view code) {
  return code.size() == 3 && std::all_of(code.begin(), code.end(), absl::ascii_isupper);
}

int MinorUnitDigits(absl::string_view currency) {
  for (const MinorUnit& unit : kNotTwoDigits) {
    if (unit.code == currency) return unit.digits;
  }
  return 2;
}

absl::StatusOr<int64_t> DecimalToMinorUnits(absl::string_view decimal, int digits) {
  const size_t point = decimal.find('.');
  const absl::string_view whole = decimal.substr(0, point);
  const absl::string_view fraction =
      point == absl::string_view::npos ? absl::string_view() : decimal.substr(point + 1);
  if (whole.empty() || !std::all_of(whole.begin(), whole.end(), absl::ascii_isdigit) ||
      !std::all_of(fraction.begin(), fraction.end(), absl::ascii_isdigit) ||
      (point != absl::string_view::npos && fraction.empty())) {
    return NotAnAmount(decimal, "expected digits with an optional decimal fraction");
  }
  int64_t amount = 0;
  auto append_digit = [&](char c) {
    if (amount > kMaxAmountMinorUnits) return false;  // no overflow: checked before each digit
    amount = amount * 10 + (c - '0');
    return true;
  };
  bool fits = true;
  for (const char c : whole) fits = fits && append_digit(c);
  for (int i = 0; i < digits; ++i) {
    fits = fits && append_digit(i < static_cast<int>(fraction.size()) ? fraction[i] : '0');
  }
  if (fits && static_cast<int>(fraction.size()) > digits && fraction[digits] >= '5') ++amount;
  if (!fits || amount > kMaxAmountMinorUnits) {
    return NotAnAmount(decimal, absl::StrCat("more than ", kMaxAmountMinorUnits, " minor units"));
  }
  return amount;
}

}  // namespace cxhub::web
