#include "server/core/shared_thread_call.h"

#include <algorithm>
#include <thread>

namespace cxhub {
namespace {

thread_local bool on_shared_thread = false;

}  // namespace

bool CurrentCallOnSharedThread() { return on_shared_thread; }

ScopedSharedThreadCall::ScopedSharedThreadCall() : previous_(on_shared_thread) {
  on_shared_thread = true;
}

ScopedSharedThreadCall::~ScopedSharedThreadCall() { on_shared_thread = previous_; }

int SharedThreadReserve() {
  return std::clamp(static_cast<int>(std::thread::hardware_concurrency() / 2), 2, 16);
}

}  // namespace cxhub
