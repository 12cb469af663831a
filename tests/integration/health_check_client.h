// A grpc.health.v1 client for tests. Debian ships no generated code for the health service, so
// it speaks through grpc::GenericStub with messages encoded by field number.
#ifndef CXHUB_TESTS_INTEGRATION_HEALTH_CHECK_CLIENT_H_
#define CXHUB_TESTS_INTEGRATION_HEALTH_CHECK_CLIENT_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"

namespace cxhub {

// grpc.health.v1.HealthCheckResponse.ServingStatus values.
constexpr uint64_t kServing = 1;
constexpr uint64_t kNotServing = 2;

grpc::ByteBuffer ToBuffer(const std::string& bytes);
std::string FromBuffer(const grpc::ByteBuffer& buffer);

// One unary Check of `service` ("" is the whole server): the serving status, or the call's
// error (NOT_FOUND for a service the server never named).
absl::StatusOr<uint64_t> CheckHealth(const std::shared_ptr<grpc::Channel>& channel,
                                     const std::string& service,
                                     absl::Duration timeout = absl::Seconds(10));

// Checks `service` until it reports `status` or `timeout` passes; whether it did.
bool WaitForHealth(const std::shared_ptr<grpc::Channel>& channel, const std::string& service,
                   uint64_t status, absl::Duration timeout);

}  // namespace cxhub

#endif  // CXHUB_TESTS_INTEGRATION_HEALTH_CHECK_CLIENT_H_
