#include "server/api/call_observer_interceptor.h"

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace cxhub {
namespace {

using grpc::experimental::InterceptionHookPoints;

// One per call: notes the arrival time, reports when the status goes out.
class CallObserverInterceptor final : public grpc::experimental::Interceptor {
 public:
  // `full_method` ("/cxhub.v1.CustomerService/GetCustomer") is gRPC's name of a registered
  // method, which lasts as long as the server.
  CallObserverInterceptor(CallObserver& observer, absl::string_view full_method)
      : observer_(observer), start_(std::chrono::steady_clock::now()) {
    full_method.remove_prefix(full_method.empty() || full_method[0] != '/' ? 0 : 1);
    const size_t slash = full_method.rfind('/');
    if (slash != absl::string_view::npos) {
      service_ = full_method.substr(0, slash);
      method_ = full_method.substr(slash + 1);
    }
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (!method_.empty() &&
        methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      // gRPC and absl share the canonical code numbering.
      const auto code = static_cast<absl::StatusCode>(methods->GetSendStatus().error_code());
      observer_.OnCallFinished(service_, method_, code,
                               absl::FromChrono(std::chrono::steady_clock::now() - start_));
    }
    methods->Proceed();
  }

 private:
  CallObserver& observer_;
  const std::chrono::steady_clock::time_point start_;
  absl::string_view service_;
  absl::string_view method_;
};

class CallObserverInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit CallObserverInterceptorFactory(CallObserver& observer) : observer_(observer) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new CallObserverInterceptor(observer_, info->method() == nullptr ? "" : info->method());
  }

 private:
  CallObserver& observer_;
};

}  // namespace

std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
MakeCallObserverInterceptors(CallObserver& observer) {
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
  creators.push_back(std::make_unique<CallObserverInterceptorFactory>(observer));
  return creators;
}

}  // namespace cxhub
