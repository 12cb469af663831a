// The slot of the cap on calls in flight (load_limits.max_concurrent_calls) that the call a
// thread admits holds. The access check takes it and lends it to the method's handler for as
// long as the handler runs; a handler that answers later, from another thread
// (deferred_unary_handler.h), takes it over, so the slot is held until the call is answered.
#ifndef CXHUB_SERVER_API_CURRENT_CALL_SLOT_H_
#define CXHUB_SERVER_API_CURRENT_CALL_SLOT_H_

#include <optional>

#include "server/core/concurrency_limit.h"

namespace cxhub {

// Lends `slot` (empty when the call is not counted) to the current thread's handler until
// destroyed. Borrows it.
class ScopedCurrentCallSlot {
 public:
  explicit ScopedCurrentCallSlot(std::optional<ConcurrencyLimit::Slot>& slot);
  ~ScopedCurrentCallSlot();
  ScopedCurrentCallSlot(const ScopedCurrentCallSlot&) = delete;
  ScopedCurrentCallSlot& operator=(const ScopedCurrentCallSlot&) = delete;

 private:
  std::optional<ConcurrencyLimit::Slot>* previous_;
};

// Takes the current call's slot over (empty when there is none, or it was taken already).
std::optional<ConcurrencyLimit::Slot> TakeCurrentCallSlot();

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_CURRENT_CALL_SLOT_H_
