// Validation rules shared by every cxhub.v1 request. Every request is validated before it
// reaches core/; the per-resource validators (customer_validation.h, touchpoint_validation.h,
// interaction_validation.h) compose these rules.
//
// Every function returns OK or INVALID_ARGUMENT with a message that starts with the field path
// it was given, e.g. `interaction.occur_time: required` or
// `requests[3].interaction.channel: must match [a-z0-9_]{1,32}, got "E-mail"`.
#ifndef CXHUB_SERVER_API_REQUEST_VALIDATION_H_
#define CXHUB_SERVER_API_REQUEST_VALIDATION_H_

#include <cstdint>
#include <initializer_list>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "cxhub/v1/identity.pb.h"
#include "google/protobuf/duration.pb.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/map.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "google/protobuf/timestamp.pb.h"
#include "server/api/request_limits.h"

namespace cxhub {

// page_size must be in [0, limits.max_page_size]. PageSizeOrDefault maps 0 to the default.
absl::Status ValidatePageSize(int32_t page_size, const RequestLimits& limits,
                              absl::string_view field = "page_size");
int PageSizeOrDefault(int32_t page_size, const RequestLimits& limits);

// Short strings (names, ids, subjects) are limited by max_field_bytes; bodies, comments and
// descriptions by max_body_bytes.
absl::Status ValidateRequiredField(absl::string_view value, absl::string_view field,
                                   const RequestLimits& limits);
absl::Status ValidateFieldLength(absl::string_view value, absl::string_view field,
                                 const RequestLimits& limits);
absl::Status ValidateBodyLength(absl::string_view value, absl::string_view field,
                                const RequestLimits& limits);

// At most max_attributes entries; keys non-empty and short, values within the body limit.
absl::Status ValidateAttributes(const google::protobuf::Map<std::string, std::string>& attributes,
                                absl::string_view field, const RequestLimits& limits);

// An enum field: 0 (UNSPECIFIED) is `required`, a number the enum does not define is rejected.
absl::Status ValidateEnum(int value, bool (*is_valid)(int), absl::string_view field);

// kind known, value non-empty and short. Normalization (core/) judges the value itself.
absl::Status ValidateIdentity(const v1::Identity& identity, absl::string_view field,
                              const RequestLimits& limits);
// At most max_identities, each valid; errors name the element, e.g. `identities[1].kind`.
absl::Status ValidateIdentities(const google::protobuf::RepeatedPtrField<v1::Identity>& identities,
                                absl::string_view field, const RequestLimits& limits);

// Within 0001-01-01T00:00:00Z..9999-12-31T23:59:59.999999999Z, nanos in [0, 1e9).
absl::Status ValidateTimestamp(const google::protobuf::Timestamp& timestamp,
                               absl::string_view field);
// Non-negative, within +-10000 years, nanos in range with the sign of seconds.
absl::Status ValidateDuration(const google::protobuf::Duration& duration, absl::string_view field);

// A channel slug: [a-z0-9_]{1,32}.
absl::Status ValidateChannelSlug(absl::string_view channel, absl::string_view field);

// A non-empty mask whose paths are all among `updatable`.
absl::Status ValidateUpdateMask(const google::protobuf::FieldMask& mask,
                                std::initializer_list<absl::string_view> updatable,
                                absl::string_view field = "update_mask");

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_REQUEST_VALIDATION_H_
