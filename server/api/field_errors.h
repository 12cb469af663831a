// How api/ words INVALID_ARGUMENT errors: "<field path>: <what is wrong>", as core's field
// violations (server/core/field_violation.h), so that a field can be renamed by its path.
#ifndef CXHUB_SERVER_API_FIELD_ERRORS_H_
#define CXHUB_SERVER_API_FIELD_ERRORS_H_

#include <initializer_list>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "server/core/field_violation.h"

namespace cxhub {

// Names the request field of an INVALID_ARGUMENT that core/ reported without knowing the
// request's shape: a field violation goes under `field` ("customer" + "." + "identities[0]"),
// any other INVALID_ARGUMENT (a value judged alone, e.g. by the identity normalizer) becomes a
// violation of `field` itself. Other statuses are returned unchanged.
absl::Status NameField(const absl::Status& status, absl::string_view field);

// The first non-OK status, or OK. For validators that run several independent checks.
absl::Status FirstError(std::initializer_list<absl::Status> statuses);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_FIELD_ERRORS_H_
