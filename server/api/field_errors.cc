#include "server/api/field_errors.h"

#include "absl/strings/str_cat.h"

namespace cxhub {

absl::Status NameField(const absl::Status& status, absl::string_view field) {
  if (status.code() != absl::StatusCode::kInvalidArgument) return status;
  if (FieldViolationOf(status).has_value()) {
    return NestFieldViolation(status, absl::StrCat(field, "."));
  }
  return InvalidFieldError(field, status.message());
}

absl::Status FirstError(std::initializer_list<absl::Status> statuses) {
  for (const absl::Status& status : statuses) {
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace cxhub
