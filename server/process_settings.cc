#include "server/process_settings.h"

#include "absl/synchronization/mutex.h"

namespace cxhub {

void ApplyServingProcessSettings() {
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
}

}  // namespace cxhub
