#include "server/core/call_deadline.h"

namespace cxhub {
namespace {

thread_local absl::Time call_deadline = absl::InfiniteFuture();

}  // namespace

absl::Time CurrentCallDeadline() { return call_deadline; }

void SetCurrentCallDeadline(absl::Time deadline) { call_deadline = deadline; }

ScopedCallDeadline::ScopedCallDeadline(absl::Time deadline) : previous_(call_deadline) {
  call_deadline = deadline;
}

ScopedCallDeadline::~ScopedCallDeadline() { call_deadline = previous_; }

}  // namespace cxhub
