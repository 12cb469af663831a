// libFuzzer target: any bytes as the serialized Record a plugin hands the host. Conversion must
// never crash, must answer OK or INVALID_ARGUMENT, and what it converts must keep the source it
// was given and the record's external id.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "cxhub/connector/v1/record.pb.h"
#include "server/connectors/record_conversion.h"
#include "server/core/record_limits.h"
#include "server/core/record_validation.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cxhub::connector::v1::Record record;
  if (!record.ParseFromArray(data, static_cast<int>(size))) return 0;
  const cxhub::RecordLimits limits;
  if (record.has_identity_link()) {
    (void)cxhub::IdentitiesFromLink(record.identity_link());
    return 0;
  }
  absl::StatusOr<cxhub::RecordRequest> request =
      cxhub::RecordRequestFromRecord(record.interaction(), "fuzz", limits);
  if (!request.ok()) {
    Check(request.status().code() == absl::StatusCode::kInvalidArgument);
    return 0;
  }
  Check(request->interaction.source == "fuzz");
  Check(request->interaction.external_id == record.interaction().external_id());
  Check(request->interaction.global_key.empty() == record.interaction().global_id().empty());
  const absl::Status valid = cxhub::ValidateRecordRequest(*request, limits);
  Check(valid.ok() || valid.code() == absl::StatusCode::kInvalidArgument);
  return 0;
}
