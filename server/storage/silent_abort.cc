#include "server/storage/silent_abort.h"

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/strings/string_view.h"

namespace cxhub {
namespace {

// The mark is a payload, which survives copies of the status but not a new status made from its
// message (UNAVAILABLE after the last attempt, say): only the commit's own status is counted.
constexpr absl::string_view kSilentAbortPayload = "type.cxhub.dev/cxhub.storage.SilentAbort";

}  // namespace

absl::Status SilentAbortError(absl::string_view message) {
  absl::Status status = absl::AbortedError(message);
  status.SetPayload(kSilentAbortPayload, absl::Cord());
  return status;
}

bool IsSilentAbort(const absl::Status& status) {
  return absl::IsAborted(status) && status.GetPayload(kSilentAbortPayload).has_value();
}

}  // namespace cxhub
