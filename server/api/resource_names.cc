#include "server/api/resource_names.h"

#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "server/api/field_errors.h"

namespace cxhub {
namespace {

// Canonical positive decimal int64: digits only, no leading zero, no overflow.
bool ParseId(absl::string_view digits, int64_t* id) {
  if (digits.empty() || digits.size() > 19 || digits[0] == '0') return false;
  int64_t value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    const int digit = c - '0';
    if (value > (std::numeric_limits<int64_t>::max() - digit) / 10) return false;
    value = value * 10 + digit;
  }
  *id = value;
  return true;
}

absl::StatusOr<int64_t> ParseName(absl::string_view name, absl::string_view collection,
                                  absl::string_view field) {
  if (name.empty()) return InvalidFieldError(field, "required");
  int64_t id = 0;
  absl::string_view rest = name;
  if (!absl::ConsumePrefix(&rest, collection) || !absl::ConsumePrefix(&rest, "/") ||
      !ParseId(rest, &id)) {
    return InvalidFieldError(
        field, absl::StrCat("expected ", collection, "/{id}, got ", QuoteValue(name)));
  }
  return id;
}

}  // namespace

std::string CustomerName(CustomerId id) { return absl::StrCat("customers/", id); }
std::string TouchpointName(TouchpointId id) { return absl::StrCat("touchpoints/", id); }
std::string InteractionName(InteractionId id) { return absl::StrCat("interactions/", id); }

absl::StatusOr<CustomerId> ParseCustomerName(absl::string_view name, absl::string_view field) {
  return ParseName(name, "customers", field);
}

absl::StatusOr<TouchpointId> ParseTouchpointName(absl::string_view name, absl::string_view field) {
  return ParseName(name, "touchpoints", field);
}

absl::StatusOr<InteractionId> ParseInteractionName(absl::string_view name,
                                                   absl::string_view field) {
  return ParseName(name, "interactions", field);
}

std::string OperationName(OperationId id) { return absl::StrCat("operations/", id); }

absl::StatusOr<OperationId> ParseOperationName(absl::string_view name, absl::string_view field) {
  return ParseName(name, "operations", field);
}

}  // namespace cxhub
