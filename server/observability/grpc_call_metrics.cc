#include "server/observability/grpc_call_metrics.h"

#include <string>

#include "server/observability/latency_buckets.h"

namespace cxhub {

GrpcCallMetrics::GrpcCallMetrics(prometheus::Registry& registry)
    : handled_(prometheus::BuildCounter()
                   .Name("cxhub_grpc_server_handled_total")
                   .Help("gRPC calls completed, by service, method and status code.")
                   .Register(registry)),
      handling_seconds_(prometheus::BuildHistogram()
                            .Name("cxhub_grpc_server_handling_seconds")
                            .Help("Time from a gRPC call's arrival to its status.")
                            .Register(registry)) {}

void GrpcCallMetrics::OnCallFinished(absl::string_view service, absl::string_view method,
                                     absl::StatusCode code, absl::Duration latency) {
  MethodMetrics& metrics = MetricsOf(service, method);
  HandledOf(metrics, service, method, code).Increment();
  metrics.handling_seconds->Observe(absl::ToDoubleSeconds(latency));
}

GrpcCallMetrics::MethodMetrics& GrpcCallMetrics::MetricsOf(absl::string_view service,
                                                           absl::string_view method) {
  {
    absl::ReaderMutexLock lock(&mu_);
    if (auto in_service = services_.find(service); in_service != services_.end()) {
      auto found = in_service->second.find(method);
      if (found != in_service->second.end()) return *found->second;
    }
  }
  absl::MutexLock lock(&mu_);
  std::unique_ptr<MethodMetrics>& metrics = services_[service][method];
  if (metrics == nullptr) {
    metrics = std::make_unique<MethodMetrics>();
    metrics->handling_seconds = &handling_seconds_.Add(
        {{"grpc_service", std::string(service)}, {"grpc_method", std::string(method)}},
        LatencyBuckets());
  }
  return *metrics;
}

prometheus::Counter& GrpcCallMetrics::HandledOf(MethodMetrics& metrics, absl::string_view service,
                                                absl::string_view method, absl::StatusCode code) {
  const auto index = static_cast<size_t>(code);
  std::atomic<prometheus::Counter*>* slot =
      index < metrics.handled.size() ? &metrics.handled[index] : nullptr;
  if (slot != nullptr) {
    if (prometheus::Counter* counter = slot->load(std::memory_order_acquire)) return *counter;
  }
  // Family::Add gives every caller with the same labels the same counter, so two threads adding
  // it at once store the same pointer.
  prometheus::Counter& counter = handled_.Add({{"grpc_service", std::string(service)},
                                               {"grpc_method", std::string(method)},
                                               {"grpc_code", absl::StatusCodeToString(code)}});
  if (slot != nullptr) slot->store(&counter, std::memory_order_release);
  return counter;
}

}  // namespace cxhub
