// The cap on calls in flight (load_limits.max_concurrent_calls) as the server applies it, in
// the access-checked wrapper every cxhub service is registered through: with the cap's calls
// held inside a service, the next call is refused with RESOURCE_EXHAUSTED naming the setting
// and its value, health still answers, and once a held call ends a new one is served.
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cxhub/v1/customer.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "server/api/access_checked_service.h"
#include "server/api/access_control.h"
#include "server/api/deferred_unary_handler.h"
#include "server/auth/method_access.h"
#include "server/core/concurrency_limit.h"
#include "tests/integration/health_check_client.h"

namespace cxhub {
namespace {

using ::testing::HasSubstr;

// A service whose GetCustomer holds each call until released: the slow call that fills the cap.
class HeldCalls {
 public:
  virtual grpc::Service& service() = 0;
  virtual int entered() const = 0;
  // Answers the held calls, and from then on every call at once.
  virtual void Release() = 0;

 protected:
  ~HeldCalls() = default;
};

// On the sync API: the handler's thread waits.
class HeldCustomerService final : public v1::CustomerService::Service, public HeldCalls {
 public:
  grpc::Status GetCustomer(grpc::ServerContext* context, const v1::GetCustomerRequest* request,
                           v1::Customer* response) override {
    entered_.fetch_add(1);
    release_.WaitForNotificationWithTimeout(absl::Seconds(30));
    response->set_name(request->name());
    return grpc::Status::OK;
  }

  grpc::Service& service() override { return *this; }
  int entered() const override { return entered_.load(); }
  void Release() override { release_.Notify(); }

 private:
  std::atomic<int> entered_{0};
  absl::Notification release_;
};

// On the callback API, answered later from another thread (NewDeferredUnaryHandler): the
// handler returns at once and the held calls wait in a list.
class DeferredCustomerService final : public v1::CustomerService::Service,
                                      public CallbackMethodsDeclaration,
                                      public HeldCalls {
 public:
  DeferredCustomerService() {
    ServeDeferred(*this, v1::CustomerService::service_full_name(), "GetCustomer",
                  &DeferredCustomerService::StartGet, callback_methods_);
  }
  ~DeferredCustomerService() override { Release(); }

  grpc::Service& service() override { return *this; }
  int entered() const override {
    absl::MutexLock lock(&mu_);
    return entered_;
  }
  void Release() override {
    std::vector<FinishCall> held;
    {
      absl::MutexLock lock(&mu_);
      released_ = true;
      held.swap(held_);
    }
    std::thread answerer([&] {
      for (FinishCall& finish : held) std::move(finish)(grpc::Status::OK);
    });
    answerer.join();
  }
  std::vector<std::string> CallbackMethodNames() const override { return callback_methods_; }

 private:
  void StartGet(const v1::GetCustomerRequest& request, v1::Customer* response, FinishCall finish) {
    response->set_name(request.name());
    absl::MutexLock lock(&mu_);
    ++entered_;
    if (released_) {
      std::move(finish)(grpc::Status::OK);
      return;
    }
    held_.push_back(std::move(finish));
  }

  mutable absl::Mutex mu_;
  int entered_ ABSL_GUARDED_BY(mu_) = 0;
  bool released_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<FinishCall> held_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> callback_methods_;
};

grpc::Status GetCustomer(v1::CustomerService::Stub& stub, const std::string& name) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  v1::GetCustomerRequest request;
  request.set_name(name);
  v1::Customer customer;
  return stub.GetCustomer(&context, request, &customer);
}

// With the cap's calls held inside `held`, the next is refused and health answers; once they
// are answered a new call is served.
void ExpectTheCapHolds(HeldCalls& held) {
  constexpr int kCap = 3;
  absl::StatusOr<MethodAccessTable> table =
      MethodAccessTable::FromDescriptors({v1::CustomerService::service_full_name()});
  ASSERT_TRUE(table.ok()) << table.status();
  const AccessControl access(*table, /*tokens=*/nullptr);
  ConcurrencyLimit calls_in_flight(kCap, kCallsInFlightLimitName);
  std::unique_ptr<grpc::Service> checked = AccessChecked(
      held.service(), v1::CustomerService::service_full_name(), access, calls_in_flight);
  ASSERT_NE(checked, nullptr);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(checked.get());
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  ASSERT_NE(server, nullptr);
  std::shared_ptr<grpc::Channel> channel =
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials());
  std::unique_ptr<v1::CustomerService::Stub> stub = v1::CustomerService::NewStub(channel);

  std::vector<grpc::Status> held_results(kCap);
  std::vector<std::thread> callers;
  callers.reserve(kCap);
  for (int i = 0; i < kCap; ++i) {
    callers.emplace_back([&, i] { held_results[i] = GetCustomer(*stub, "customers/1"); });
  }
  for (int wait = 0; wait < 300 && held.entered() < kCap; ++wait) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  ASSERT_EQ(held.entered(), kCap);

  const grpc::Status refused = GetCustomer(*stub, "customers/2");
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(refused.error_message(), HasSubstr("load_limits.max_concurrent_calls"));
  EXPECT_THAT(refused.error_message(), HasSubstr(absl::StrCat(kCap)));
  EXPECT_EQ(held.entered(), kCap);  // The refused call never reached the service.
  absl::StatusOr<uint64_t> health = CheckHealth(channel, "");
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(*health, kServing);

  held.Release();
  for (std::thread& thread : callers) thread.join();
  for (const grpc::Status& status : held_results) {
    EXPECT_TRUE(status.ok()) << status.error_message();
  }
  // A slot is given back once the call is answered (a sync handler's after it returned, just
  // after the client has its answer).
  for (int wait = 0; wait < 300 && calls_in_flight.in_use() > 0; ++wait) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  EXPECT_EQ(calls_in_flight.in_use(), 0);
  EXPECT_TRUE(GetCustomer(*stub, "customers/3").ok());
  server->Shutdown();
}

TEST(CallsInFlightCap, CallOverTheCapIsRefusedNamingTheSettingWhileHealthAnswers) {
  HeldCustomerService held;
  ExpectTheCapHolds(held);
}

TEST(CallsInFlightCap, ADeferredCallHoldsItsSlotUntilItIsAnswered) {
  DeferredCustomerService held;
  ExpectTheCapHolds(held);
}

}  // namespace
}  // namespace cxhub
