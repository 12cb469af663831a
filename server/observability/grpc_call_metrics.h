// cxhub_grpc_server_handled_total and cxhub_grpc_server_handling_seconds, fed by the API's call
// interceptor through the CallObserver seam.
#ifndef CXHUB_SERVER_OBSERVABILITY_GRPC_CALL_METRICS_H_
#define CXHUB_SERVER_OBSERVABILITY_GRPC_CALL_METRICS_H_

#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"
#include "server/core/call_observer.h"

namespace cxhub {

// Thread-safe. `registry` must outlive it.
class GrpcCallMetrics final : public CallObserver {
 public:
  explicit GrpcCallMetrics(prometheus::Registry& registry);

  void OnCallFinished(absl::string_view service, absl::string_view method, absl::StatusCode code,
                      absl::Duration latency) override;

 private:
  prometheus::Family<prometheus::Counter>& handled_;
  prometheus::Family<prometheus::Histogram>& handling_seconds_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_OBSERVABILITY_GRPC_CALL_METRICS_H_
