// cxhub_grpc_server_handled_total and cxhub_grpc_server_handling_seconds, fed by the API's call
// interceptor through the CallObserver seam.
#ifndef CXHUB_SERVER_OBSERVABILITY_GRPC_CALL_METRICS_H_
#define CXHUB_SERVER_OBSERVABILITY_GRPC_CALL_METRICS_H_

#include <array>
#include <atomic>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
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
  // A method's metrics, looked up in their families once: Family::Add builds a label map and
  // takes the family's lock on every call, which at many calls per second on a few cores was a
  // tenth of a GetCustomer. Families keep a metric in place until it is removed, which nothing
  // does.
  struct MethodMetrics {
    prometheus::Histogram* handling_seconds = nullptr;
    // By status code (OK to UNAUTHENTICATED), each added at its first call.
    std::array<std::atomic<prometheus::Counter*>,
               static_cast<size_t>(absl::StatusCode::kUnauthenticated) + 1>
        handled{};
  };

  MethodMetrics& MetricsOf(absl::string_view service, absl::string_view method);
  prometheus::Counter& HandledOf(MethodMetrics& metrics, absl::string_view service,
                                 absl::string_view method, absl::StatusCode code);

  prometheus::Family<prometheus::Counter>& handled_;
  prometheus::Family<prometheus::Histogram>& handling_seconds_;
  absl::Mutex mu_;
  // By service, then method (looked up without building a key); the metrics stay in place as
  // the maps grow.
  absl::flat_hash_map<std::string, absl::flat_hash_map<std::string, std::unique_ptr<MethodMetrics>>>
      services_ ABSL_GUARDED_BY(mu_);
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_OBSERVABILITY_GRPC_CALL_METRICS_H_
