// Creates touchpoints for tests of other services (interactions that refer to a touchpoint).
#ifndef CXHUB_TESTS_INTEGRATION_TOUCHPOINT_CLIENT_H_
#define CXHUB_TESTS_INTEGRATION_TOUCHPOINT_CLIENT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/channel.h"

namespace cxhub {

// A SERVICE-stage touchpoint served by `channel_slug`; returns its name.
absl::StatusOr<std::string> CreateTestTouchpoint(const std::shared_ptr<grpc::Channel>& channel,
                                                 const std::string& display_name,
                                                 const std::string& channel_slug);

}  // namespace cxhub

#endif  // CXHUB_TESTS_INTEGRATION_TOUCHPOINT_CLIENT_H_
