#include "server/api/current_caller.h"

namespace cxhub {
namespace {

thread_local const Caller* current_caller = nullptr;

}  // namespace

ScopedCurrentCaller::ScopedCurrentCaller(const Caller& caller) : previous_(current_caller) {
  current_caller = &caller;
}

ScopedCurrentCaller::~ScopedCurrentCaller() { current_caller = previous_; }

std::string CurrentCallerName() {
  return current_caller != nullptr ? current_caller->token_name : std::string();
}

}  // namespace cxhub
