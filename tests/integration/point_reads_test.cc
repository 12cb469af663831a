// Point reads served on the callback API (server/api/point_read_handler.h), inline and on a read
// pool, through the access-checked wrapper as the server registers them, over a real loopback
// channel: the body runs with the caller's deadline on messages allocated on an arena of the call;
// inline, on a thread with the shared-thread mark (so the store may lend it a reserved
// connection), and on the pool, on the pool's unmarked threads; a call over the cap on calls in
// flight is refused without reaching it, and a method left synchronous runs unmarked.
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

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
#include "server/api/point_read_handler.h"
#include "server/auth/method_access.h"
#include "server/core/call_deadline.h"
#include "server/core/concurrency_limit.h"
#include "server/core/shared_thread_call.h"
#include "server/core/thread_name.h"
#include "server/core/thread_pool.h"

namespace cxhub {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// What a handler saw of the thread it ran on, and of its messages.
struct Seen {
  absl::Time deadline;
  bool shared_thread = false;
  bool messages_on_arena = false;  // The request's and the response's (arena_message_allocator.h).
  std::string thread_name;
};

// GetCustomer served as a point read (on `read_pool`, or inline if null), held until released
// once `hold` is set; ListCustomers left on the synchronous pool. Both note what they saw.
class PointReadCustomerService final : public v1::CustomerService::Service,
                                       public CallbackMethodsDeclaration {
 public:
  explicit PointReadCustomerService(ThreadPool* read_pool) {
    ServePointRead(*this, v1::CustomerService::service_full_name(), "GetCustomer", read_pool,
                   &PointReadCustomerService::Get, callback_methods_);
  }

  grpc::Status ListCustomers(grpc::ServerContext* context, const v1::ListCustomersRequest* request,
                             v1::ListCustomersResponse* response) override {
    Note(*request, *response);
    return grpc::Status::OK;
  }

  std::vector<std::string> CallbackMethodNames() const override { return callback_methods_; }

  Seen seen() {
    absl::MutexLock lock(&mu_);
    return seen_;
  }
  int entered() const { return entered_.load(); }
  void Hold() { hold_ = true; }
  void Release() { release_.Notify(); }

 private:
  grpc::Status Get(const v1::GetCustomerRequest& request, v1::Customer* response) {
    Note(request, *response);
    entered_.fetch_add(1);
    if (hold_) release_.WaitForNotificationWithTimeout(absl::Seconds(30));
    response->set_name(request.name());
    return grpc::Status::OK;
  }

  void Note(const google::protobuf::MessageLite& request,
            const google::protobuf::MessageLite& response) {
    absl::MutexLock lock(&mu_);
    seen_ =
        Seen{CurrentCallDeadline(), CurrentCallOnSharedThread(),
             request.GetArena() != nullptr && response.GetArena() != nullptr, CurrentThreadName()};
  }

  std::vector<std::string> callback_methods_;
  absl::Mutex mu_;
  Seen seen_ ABSL_GUARDED_BY(mu_);
  std::atomic<int> entered_{0};
  std::atomic<bool> hold_{false};
  absl::Notification release_;
};

// Runs each test inline (false) and on a read pool (true).
class PointReadsTest : public ::testing::TestWithParam<bool> {
 protected:
  static constexpr int kCap = 1;

  void SetUp() override {
    absl::StatusOr<MethodAccessTable> table =
        MethodAccessTable::FromDescriptors({v1::CustomerService::service_full_name()});
    ASSERT_TRUE(table.ok()) << table.status();
    table_.emplace(*std::move(table));
    access_.emplace(*table_, /*tokens=*/nullptr);
    checked_ = AccessChecked(service_, v1::CustomerService::service_full_name(), *access_,
                             calls_in_flight_);
    ASSERT_NE(checked_, nullptr);
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(checked_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    stub_ = v1::CustomerService::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  }

  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown();
  }

  grpc::Status Get(const std::string& name, absl::Duration timeout = absl::Seconds(30)) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
    v1::GetCustomerRequest request;
    request.set_name(name);
    v1::Customer customer;
    grpc::Status status = stub_->GetCustomer(&context, request, &customer);
    if (status.ok()) {
      EXPECT_EQ(customer.name(), name);
    }
    return status;
  }

  // The cap's slot is given back once the handler has returned, which can be just after the
  // client has its answer: the next call waits for it, or it would be over the cap.
  void AwaitNoCallInFlight() {
    for (int wait = 0; wait < 300 && calls_in_flight_.in_use() > 0; ++wait) {
      absl::SleepFor(absl::Milliseconds(10));
    }
  }

  bool pooled() const { return GetParam(); }

  // First: outlives the server's calls.
  std::unique_ptr<ThreadPool> read_pool_ =
      pooled() ? std::make_unique<ThreadPool>("cx-test-reads", 2) : nullptr;
  std::optional<MethodAccessTable> table_;
  std::optional<AccessControl> access_;
  ConcurrencyLimit calls_in_flight_{kCap, kCallsInFlightLimitName};
  PointReadCustomerService service_{read_pool_.get()};
  std::unique_ptr<grpc::Service> checked_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::CustomerService::Stub> stub_;
};

TEST_P(PointReadsTest, AReadRunsWithTheCallersDeadlineOnTheThreadsItsModeSays) {
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  ASSERT_TRUE(Get("customers/1", absl::Seconds(20)).ok());  // The answer's name checked there.
  const Seen seen = service_.seen();
  // Inline, on one of gRPC's callback threads, marked; on the pool, on its own, unmarked.
  EXPECT_EQ(seen.shared_thread, !pooled());
  if (pooled()) {
    EXPECT_THAT(seen.thread_name, StartsWith("cx-test-reads-"));
  } else {
    EXPECT_THAT(seen.thread_name, Not(StartsWith("cx-test-reads")));
  }
  EXPECT_TRUE(seen.messages_on_arena);
  EXPECT_LT(absl::AbsDuration(seen.deadline - deadline), absl::Seconds(2)) << seen.deadline;

  // A synchronous method of the same service runs unmarked. (Its deadline comes from the
  // server's global hook, InstallCallDeadlineTracking, which a process sets once before its
  // first server: other tests of this program build servers without it.)
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(deadline));
  v1::ListCustomersResponse page;
  AwaitNoCallInFlight();
  const grpc::Status listed = stub_->ListCustomers(&context, v1::ListCustomersRequest(), &page);
  ASSERT_TRUE(listed.ok()) << listed.error_message();
  EXPECT_FALSE(service_.seen().shared_thread);
  EXPECT_FALSE(service_.seen().messages_on_arena);
}

TEST_P(PointReadsTest, AReadOverTheCapIsRefusedWithoutReachingTheMethod) {
  service_.Hold();
  grpc::Status held;
  std::thread holder([&] { held = Get("customers/1"); });
  for (int wait = 0; wait < 300 && service_.entered() < kCap; ++wait) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  ASSERT_EQ(service_.entered(), kCap);

  const grpc::Status refused = Get("customers/2");
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(refused.error_message(), HasSubstr("load_limits.max_concurrent_calls"));
  EXPECT_EQ(service_.entered(), kCap);

  service_.Release();
  holder.join();
  EXPECT_TRUE(held.ok()) << held.error_message();
  AwaitNoCallInFlight();
  EXPECT_TRUE(Get("customers/3").ok());
}

// Test names for the two modes.
std::string ModeName(const ::testing::TestParamInfo<bool>& mode) {
  return mode.param ? "OnAReadPool" : "Inline";
}

INSTANTIATE_TEST_SUITE_P(InlineAndPooled, PointReadsTest, ::testing::Bool(), ModeName);

}  // namespace
}  // namespace cxhub
