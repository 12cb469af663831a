// libFuzzer target: any bytes as a serialized RecordInteractionRequest (the richest request).
// Validation must never crash, and must answer OK or a field violation (INVALID_ARGUMENT) whose
// message starts with the field it names, a field of the request; a request it accepts stays
// accepted after a serialize/parse round trip.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

#include "absl/strings/match.h"
#include "cxhub/v1/interaction.pb.h"
#include "server/api/interaction_validation.h"
#include "server/api/request_limits.h"
#include "server/core/field_violation.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cxhub::v1::RecordInteractionRequest request;
  if (!request.ParseFromArray(data, static_cast<int>(size))) return 0;
  const cxhub::RequestLimits limits;
  const absl::Status status = cxhub::ValidateRequest(request, limits);
  if (!status.ok()) {
    Check(status.code() == absl::StatusCode::kInvalidArgument);
    const std::optional<cxhub::FieldViolation> violation = cxhub::FieldViolationOf(status);
    Check(violation.has_value());
    Check(absl::StartsWith(status.message(), violation->field));
    Check(absl::StartsWith(violation->field, "interaction") ||
          absl::StartsWith(violation->field, "customer_"));
    return 0;
  }
  cxhub::v1::RecordInteractionRequest again;
  Check(again.ParseFromString(request.SerializeAsString()));
  Check(cxhub::ValidateRequest(again, limits).ok());
  return 0;
}
