// The fixture of the AnalyticsService suites: a real server on each store (ServerTest) with
// stubs of the services they write and read through, customers made by name, and times set on
// request messages.
#ifndef CXHUB_TESTS_INTEGRATION_ANALYTICS_SERVER_TEST_H_
#define CXHUB_TESTS_INTEGRATION_ANALYTICS_SERVER_TEST_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/time/time.h"
#include "cxhub/v1/analytics.grpc.pb.h"
#include "cxhub/v1/customer.grpc.pb.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "google/protobuf/timestamp.pb.h"
#include "gtest/gtest.h"
#include "tests/integration/grpc_assertions.h"
#include "tests/integration/server_fixture.h"

namespace cxhub {

// `time` into `out`, to the nanosecond.
inline void SetTime(absl::Time time, google::protobuf::Timestamp* out) {
  out->set_seconds(absl::ToUnixSeconds(time));
  out->set_nanos(static_cast<int32_t>(
      absl::ToInt64Nanoseconds(time - absl::FromUnixSeconds(absl::ToUnixSeconds(time)))));
}

class AnalyticsServerTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    ConnectStubs();
  }

  // Again after a Restart.
  void ConnectStubs() {
    analytics_ = v1::AnalyticsService::NewStub(channel());
    customers_ = v1::CustomerService::NewStub(channel());
    interactions_ = v1::InteractionService::NewStub(channel());
  }

  std::string NewCustomer(const std::string& display_name) {
    v1::CreateCustomerRequest request;
    request.mutable_customer()->set_display_name(display_name);
    v1::Customer customer;
    EXPECT_TRUE(IsOk(customers_->CreateCustomer(Context().get(), request, &customer)));
    return customer.name();
  }

  std::unique_ptr<v1::AnalyticsService::Stub> analytics_;
  std::unique_ptr<v1::CustomerService::Stub> customers_;
  std::unique_ptr<v1::InteractionService::Stub> interactions_;
  int next_ = 0;  // For external ids.
};

}  // namespace cxhub

#endif  // CXHUB_TESTS_INTEGRATION_ANALYTICS_SERVER_TEST_H_
