// The seam through which the API layer reports each finished call, so that whoever counts calls
// (server/observability) is not known to the API and the API knows no metrics library.
#ifndef CXHUB_SERVER_CORE_CALL_OBSERVER_H_
#define CXHUB_SERVER_CORE_CALL_OBSERVER_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace cxhub {

// Thread-safe: called from every serving thread at once.
class CallObserver {
 public:
  virtual ~CallObserver() = default;
  // `service` is the full service name ("cxhub.v1.CustomerService"), `method` the bare method
  // name ("GetCustomer"), `code` the status the call ended with, `latency` from the call's
  // arrival to its status.
  virtual void OnCallFinished(absl::string_view service, absl::string_view method,
                              absl::StatusCode code, absl::Duration latency) = 0;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_CALL_OBSERVER_H_
