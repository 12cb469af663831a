#include "server/core/field_violation.h"

#include "absl/strings/cord.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace cxhub {
namespace {

constexpr absl::string_view kPayloadUrl = "type.cxhub.dev/cxhub.FieldViolation";
constexpr size_t kMaxQuotedBytes = 64;

}  // namespace

absl::Status InvalidFieldError(absl::string_view field, absl::string_view description) {
  absl::Status status = absl::InvalidArgumentError(absl::StrCat(field, ": ", description));
  // The field path holds no NUL (values in it are quoted with QuoteValue), so it separates.
  status.SetPayload(kPayloadUrl,
                    absl::Cord(absl::StrCat(field, std::string(1, '\0'), description)));
  return status;
}

std::optional<FieldViolation> FieldViolationOf(const absl::Status& status) {
  if (status.code() != absl::StatusCode::kInvalidArgument) return std::nullopt;
  auto payload = status.GetPayload(kPayloadUrl);  // An absl::optional<absl::Cord>.
  if (!payload.has_value()) return std::nullopt;
  const std::string flat(*payload);
  const size_t separator = flat.find('\0');
  if (separator == std::string::npos) return std::nullopt;
  return FieldViolation{flat.substr(0, separator), flat.substr(separator + 1)};
}

absl::Status NestFieldViolation(const absl::Status& status, absl::string_view prefix) {
  std::optional<FieldViolation> violation = FieldViolationOf(status);
  if (!violation.has_value()) return status;
  return InvalidFieldError(absl::StrCat(prefix, violation->field), violation->description);
}

std::string QuoteValue(absl::string_view value) {
  if (value.size() <= kMaxQuotedBytes) return absl::StrCat("\"", absl::CHexEscape(value), "\"");
  return absl::StrCat("\"", absl::CHexEscape(value.substr(0, kMaxQuotedBytes)), "\"...");
}

}  // namespace cxhub
