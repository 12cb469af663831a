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
  const std::string service_name(service);
  const std::string method_name(method);
  handled_
      .Add({{"grpc_service", service_name},
            {"grpc_method", method_name},
            {"grpc_code", absl::StatusCodeToString(code)}})
      .Increment();
  handling_seconds_
      .Add({{"grpc_service", service_name}, {"grpc_method", method_name}}, LatencyBuckets())
      .Observe(absl::ToDoubleSeconds(latency));
}

}  // namespace cxhub
