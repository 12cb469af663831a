// The ISO 4217 currencies a purchase may be made in: the active codes of circulating currencies
// and funds, with their minor-unit exponent (2 for EUR: 1 EUR = 100 cents; 0 for JPY; 3 for KWD).
// Codes without a minor unit (gold, SDR, testing) are left out: nobody pays an order in them.
#ifndef CXHUB_SERVER_CORE_CURRENCY_CODES_H_
#define CXHUB_SERVER_CORE_CURRENCY_CODES_H_

#include <optional>

#include "absl/strings/string_view.h"

namespace cxhub {

// The minor-unit exponent of an active ISO 4217 code ("EUR" -> 2), or nullopt when `code` is not
// one (lower case included: codes are upper case).
std::optional<int> CurrencyMinorUnitExponent(absl::string_view code);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_CURRENCY_CODES_H_
