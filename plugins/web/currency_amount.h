// A decimal amount in a currency ("119.90" EUR) into the currency's minor units (11990), as the
// host's Purchase wants it (protos/cxhub/v1/interaction.proto).
#ifndef CXHUB_PLUGINS_WEB_CURRENCY_AMOUNT_H_
#define CXHUB_PLUGINS_WEB_CURRENCY_AMOUNT_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cxhub::web {

// The largest amount the host accepts, in minor units.
inline constexpr int64_t kMaxAmountMinorUnits = 1'000'000'000'000'000;

// True for three upper-case ASCII letters (the form of an ISO 4217 code; the host checks that
// the code is an active one).
bool IsCurrencyCodeForm(absl::string_view code);

// How many decimal digits the currency's minor unit has under ISO 4217: 0 for JPY, 3 for KWD,
// 4 for CLF, 2 for every other code.
int MinorUnitDigits(absl::string_view currency);

// `decimal` ("119.90", "64.5", "1500") in minor units of a currency with `digits` minor-unit
// digits; digits beyond them round half up ("0.125" EUR is 13). INVALID_ARGUMENT for anything
// but digits with an optional fraction, and for an amount over kMaxAmountMinorUnits.
absl::StatusOr<int64_t> DecimalToMinorUnits(absl::string_view decimal, int digits);

}  // namespace cxhub::web

#endif  // CXHUB_PLUGINS_WEB_CURRENCY_AMOUNT_H_
