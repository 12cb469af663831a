// "This field is invalid", as a value: an INVALID_ARGUMENT absl::Status whose message reads
// "<field path>: <description>" and which carries the field path and the description as a
// payload, so that a caller can rename or nest the field (api/ under its request, the connector
// host under its Record) without parsing the message.
#ifndef CXHUB_SERVER_CORE_FIELD_VIOLATION_H_
#define CXHUB_SERVER_CORE_FIELD_VIOLATION_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace cxhub {

struct FieldViolation {
  std::string field;        // A path, e.g. "interaction.survey.score", "identities[2]".
  std::string description;  // What is wrong, e.g. "required".
};

// INVALID_ARGUMENT "<field>: <description>" carrying the violation.
absl::Status InvalidFieldError(absl::string_view field, absl::string_view description);

// The violation `status` carries; nullopt for any other status (OK included).
std::optional<FieldViolation> FieldViolationOf(const absl::Status& status);

// A field violation with `prefix` put before its field path ("requests[3]." + "interaction.x");
// any other status is returned unchanged.
absl::Status NestFieldViolation(const absl::Status& status, absl::string_view prefix);

// A value quoted for an error message: C-escaped, cut after 64 bytes.
std::string QuoteValue(absl::string_view value);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_FIELD_VIOLATION_H_
