// Keeps grpc.health.v1 truthful: probes the store with a cheap read every interval and sets the
// statuses of gRPC's default health service from what it finds.
//
//   ""  "cxhub.store"  and every cxhub.v1 service   SERVING while the store answers
//   "cxhub.connector.<instance>"                    NOT_SERVING while FAILED or STALLED
//
// A load balancer that checks "" takes a replica whose store is unreachable out of rotation.
#ifndef CXHUB_SERVER_HEALTH_MONITOR_H_
#define CXHUB_SERVER_HEALTH_MONITOR_H_

#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/health_check_service_interface.h"
#include "server/connectors/connector_host.h"
#include "server/core/clock.h"
#include "server/core/store.h"

namespace cxhub {

// The health service name of a connector instance.
std::string ConnectorHealthName(const std::string& instance);

class HealthMonitor {
 public:
  // Borrows everything; all of it must outlive Stop(). `api_services` are the cxhub.v1
  // service names that follow the store. Probes are `interval` (> 0) apart on `clock`.
  HealthMonitor(Store& store, ConnectorHost& connectors, Clock& clock,
                grpc::HealthCheckServiceInterface& health, std::vector<std::string> api_services,
                absl::Duration interval);
  HealthMonitor(const HealthMonitor&) = delete;
  HealthMonitor& operator=(const HealthMonitor&) = delete;
  ~HealthMonitor();

  // Probes once (so the statuses are right when it returns), then every interval.
  void Start();
  // Ends probing and marks every service NOT_SERVING for good. Idempotent.
  void Stop();

 private:
  void Loop();
  void Probe();

  Store& store_;
  ConnectorHost& connectors_;
  Clock& clock_;
  grpc::HealthCheckServiceInterface& health_;
  const std::vector<std::string> api_services_;
  const absl::Duration interval_;
  Wakeup wakeup_;
  std::thread thread_;
  absl::Mutex mu_;
  bool stopped_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_HEALTH_MONITOR_H_
