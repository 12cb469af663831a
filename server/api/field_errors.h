// How api/ words INVALID_ARGUMENT errors: "<field path>: <what is wrong>".
#ifndef CXHUB_SERVER_API_FIELD_ERRORS_H_
#define CXHUB_SERVER_API_FIELD_ERRORS_H_

#include <initializer_list>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace cxhub {

// INVALID_ARGUMENT "<field>: <problem>".
absl::Status InvalidField(absl::string_view field, absl::string_view problem);

// `status` with `prefix` put before its message, code kept; OK stays OK. Names the field of
// an error that core/ reported without knowing the request's shape.
absl::Status PrefixField(const absl::Status& status, absl::string_view prefix);

// The first non-OK status, or OK. For validators that run several independent checks.
absl::Status FirstError(std::initializer_list<absl::Status> statuses);

// A client value quoted for an error message: C-escaped, cut after 64 bytes.
std::string QuoteValue(absl::string_view value);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_FIELD_ERRORS_H_
