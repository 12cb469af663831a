// libFuzzer target: any bytes as a serialized RecordInteractionRequest (the richest request).
// Validation must never crash, and must answer OK or INVALID_ARGUMENT starting with the field
// path it was given; a request it accepts stays accepted after a serialize/parse round trip.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "absl/strings/match.h"
#include "cxhub/v1/interaction.pb.h"
#include "server/api/interaction_validation.h"
#include "server/api/request_limits.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cxhub::v1::RecordInteractionRequest request;
  if (!request.ParseFromArray(data, static_cast<int>(size))) return 0;
  const cxhub::RequestLimits limits;
  const absl::Status status = cxhub::ValidateRequest(request, limits, "requests[0].");
  if (!status.ok()) {
    Check(status.code() == absl::StatusCode::kInvalidArgument);
    Check(absl::StartsWith(status.message(), "requests[0]."));
    return 0;
  }
  cxhub::v1::RecordInteractionRequest again;
  Check(again.ParseFromString(request.SerializeAsString()));
  Check(cxhub::ValidateRequest(again, limits, "requests[0].").ok());
  return 0;
}
