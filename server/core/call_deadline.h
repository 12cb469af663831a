// The deadline of the call the current thread is serving, so that the store can stop waiting
// (for a pooled connection, between conflict retries) once the caller has given up, without
// every Store method taking a deadline.
//
// The API layer sets it for the length of each call (server/api/call_deadline_tracking.h);
// threads that serve no call (the connector host, operations) have none: InfiniteFuture.
#ifndef CXHUB_SERVER_CORE_CALL_DEADLINE_H_
#define CXHUB_SERVER_CORE_CALL_DEADLINE_H_

#include "absl/time/time.h"

namespace cxhub {

// The current thread's call deadline, InfiniteFuture when it serves no call or the call has no
// deadline.
absl::Time CurrentCallDeadline();

// Sets the current thread's call deadline until destroyed (then restores the previous one).
class ScopedCallDeadline {
 public:
  explicit ScopedCallDeadline(absl::Time deadline);
  ~ScopedCallDeadline();
  ScopedCallDeadline(const ScopedCallDeadline&) = delete;
  ScopedCallDeadline& operator=(const ScopedCallDeadline&) = delete;

 private:
  const absl::Time previous_;
};

// Sets the current thread's call deadline without a scope: for hooks that see the start and the
// end of a call as two separate calls (gRPC's synchronous-request callbacks).
void SetCurrentCallDeadline(absl::Time deadline);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_CALL_DEADLINE_H_
