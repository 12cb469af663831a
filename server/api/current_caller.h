// Who is making the call a thread runs, for the methods that record who acted (the merge
// ledger's actor). The access check sets it around the handler of a call it admits: the sync
// API runs a unary handler on the thread that admitted it.
#ifndef CXHUB_SERVER_API_CURRENT_CALLER_H_
#define CXHUB_SERVER_API_CURRENT_CALLER_H_

#include <string>

#include "server/auth/token_registry.h"

namespace cxhub {

// Makes `caller` this thread's current caller until destroyed. Borrows it.
class ScopedCurrentCaller {
 public:
  explicit ScopedCurrentCaller(const Caller& caller);
  ~ScopedCurrentCaller();
  ScopedCurrentCaller(const ScopedCurrentCaller&) = delete;
  ScopedCurrentCaller& operator=(const ScopedCurrentCaller&) = delete;

 private:
  const Caller* previous_;
};

// The token name of the call this thread runs; empty outside an admitted call, and when
// authentication is disabled.
std::string CurrentCallerName();

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_CURRENT_CALLER_H_
