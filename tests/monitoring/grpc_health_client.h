// grpc.health.v1.Health/Check from a test. Debian ships neither health.proto nor its generated
// code, so the call goes through grpc::GenericStub with the two messages encoded by field
// number: HealthCheckRequest.service (1) and HealthCheckResponse.status (1).
#ifndef CXHUB_TESTS_MONITORING_GRPC_HEALTH_CLIENT_H_
#define CXHUB_TESTS_MONITORING_GRPC_HEALTH_CLIENT_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"

namespace cxhub::monitoring {

// grpc.health.v1.HealthCheckResponse.ServingStatus.
enum class ServingStatus : uint64_t { kUnknown = 0, kServing = 1, kNotServing = 2 };

const char* ServingStatusName(ServingStatus status);

// The serving status of `service` ("" is the whole server); the call's error otherwise
// (NOT_FOUND for a service the server does not know).
absl::StatusOr<ServingStatus> CheckHealth(const std::shared_ptr<grpc::Channel>& channel,
                                          const std::string& service,
                                          absl::Duration timeout = absl::Seconds(5));

}  // namespace cxhub::monitoring

#endif  // CXHUB_TESTS_MONITORING_GRPC_HEALTH_CLIENT_H_
