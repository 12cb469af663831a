#include "server/api/request_validation.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/time_util.h"
#include "server/api/field_errors.h"
#include "server/core/record_validation.h"

namespace cxhub {
namespace {

using google::protobuf::util::TimeUtil;

}  // namespace

absl::Status ValidatePageSize(int32_t page_size, const RequestLimits& limits,
                              absl::string_view field) {
  if (page_size < 0 || page_size > limits.max_page_size) {
    return InvalidFieldError(
        field, absl::StrCat("must be between 0 and ", limits.max_page_size, ", got ", page_size));
  }
  return absl::OkStatus();
}

int PageSizeOrDefault(int32_t page_size, const RequestLimits& limits) {
  return page_size == 0 ? limits.default_page_size : page_size;
}

absl::Status ValidateRequiredField(absl::string_view value, absl::string_view field,
                                   const RequestLimits& limits) {
  return CheckRequired(value, field, limits.max_field_bytes);
}

absl::Status ValidateFieldLength(absl::string_view value, absl::string_view field,
                                 const RequestLimits& limits) {
  return CheckLength(value, field, limits.max_field_bytes);
}

absl::Status ValidateBodyLength(absl::string_view value, absl::string_view field,
                                const RequestLimits& limits) {
  return CheckLength(value, field, limits.max_body_bytes);
}

absl::Status ValidateAttributes(const google::protobuf::Map<std::string, std::string>& attributes,
                                absl::string_view field, const RequestLimits& limits) {
  // Checked in place, not copied into the model's map.
  return CheckAttributes(attributes, field, limits);
}

absl::Status ValidateEnum(int value, bool (*is_valid)(int), absl::string_view field) {
  if (value == 0) return InvalidFieldError(field, "required");
  if (!is_valid(value)) return InvalidFieldError(field, absl::StrCat("unknown value ", value));
  return absl::OkStatus();
}

absl::Status ValidateIdentity(const v1::Identity& identity, absl::string_view field,
                              const RequestLimits& limits) {
  if (absl::Status status =
          ValidateEnum(identity.kind(), v1::IdentityKind_IsValid, absl::StrCat(field, ".kind"));
      !status.ok()) {
    return status;
  }
  return ValidateRequiredField(identity.value(), absl::StrCat(field, ".value"), limits);
}

absl::Status ValidateIdentities(const google::protobuf::RepeatedPtrField<v1::Identity>& identities,
                                absl::string_view field, const RequestLimits& limits) {
  if (identities.size() > limits.max_identities) {
    return InvalidFieldError(field, absl::StrCat("at most ", limits.max_identities,
                                                 " identities, got ", identities.size()));
  }
  for (int i = 0; i < identities.size(); ++i) {
    if (absl::Status status =
            ValidateIdentity(identities[i], absl::StrCat(field, "[", i, "]"), limits);
        !status.ok()) {
      return status;
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateTimestamp(const google::protobuf::Timestamp& timestamp,
                               absl::string_view field) {
  if (timestamp.seconds() < TimeUtil::kTimestampMinSeconds ||
      timestamp.seconds() > TimeUtil::kTimestampMaxSeconds) {
    return InvalidFieldError(
        field, absl::StrCat("must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, got ",
                            timestamp.seconds(), " seconds since the epoch"));
  }
  if (timestamp.nanos() < 0 || timestamp.nanos() > 999999999) {
    return InvalidFieldError(field,
                             absl::StrCat("nanos must be 0 to 999999999, got ", timestamp.nanos()));
  }
  return absl::OkStatus();
}

absl::Status ValidateDuration(const google::protobuf::Duration& duration, absl::string_view field) {
  if (duration.seconds() < TimeUtil::kDurationMinSeconds ||
      duration.seconds() > TimeUtil::kDurationMaxSeconds) {
    return InvalidFieldError(field, absl::StrCat("out of range: ", duration.seconds(), " seconds"));
  }
  if (duration.nanos() <= -1000000000 || duration.nanos() >= 1000000000 ||
      (duration.seconds() > 0 && duration.nanos() < 0) ||
      (duration.seconds() < 0 && duration.nanos() > 0)) {
    return InvalidFieldError(
        field, absl::StrCat("nanos must be within +-999999999 and have the sign of seconds, got ",
                            duration.nanos()));
  }
  if (duration.seconds() < 0 || duration.nanos() < 0) {
    return InvalidFieldError(field, "must not be negative");
  }
  return absl::OkStatus();
}

absl::Status ValidateChannelSlug(absl::string_view channel, absl::string_view field) {
  return CheckChannelSlug(channel, field);
}

absl::Status ValidateUpdateMask(const google::protobuf::FieldMask& mask,
                                std::initializer_list<absl::string_view> updatable,
                                absl::string_view field) {
  if (mask.paths().empty()) {
    return InvalidFieldError(field, absl::StrCat("required; name the fields to replace: ",
                                                 absl::StrJoin(updatable, ", ")));
  }
  for (int i = 0; i < mask.paths_size(); ++i) {
    const std::string& path = mask.paths(i);
    bool known = false;
    for (absl::string_view candidate : updatable) known = known || path == candidate;
    if (!known) {
      return InvalidFieldError(absl::StrCat(field, ".paths[", i, "]"),
                               absl::StrCat(QuoteValue(path), " is not updatable; expected one of ",
                                            absl::StrJoin(updatable, ", ")));
    }
  }
  return absl::OkStatus();
}

}  // namespace cxhub
