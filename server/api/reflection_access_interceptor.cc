#include "server/api/reflection_access_interceptor.h"

#include <string>

#include "absl/strings/match.h"
#include "grpc/grpc.h"

namespace cxhub {
namespace {

using grpc::experimental::InterceptionHookPoints;

// Every version of the reflection service ("grpc.reflection.v1alpha.ServerReflection", ...).
constexpr char kReflectionPrefix[] = "/grpc.reflection.";

class ReflectionAccessInterceptor final : public grpc::experimental::Interceptor {
 public:
  ReflectionAccessInterceptor(grpc::experimental::ServerRpcInfo& info, const AccessControl& access)
      : info_(info), access_(access) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      // Any valid token holds at least the reader role.
      absl::StatusOr<Caller> caller = access_.Authenticate(*info_.server_context());
      if (!caller.ok()) {
        // Ends the call with this status before the handler reads a request: its first read
        // fails and it answers nothing.
        const std::string message(caller.status().message());
        grpc_call_cancel_with_status(info_.server_context()->c_call(), GRPC_STATUS_UNAUTHENTICATED,
                                     message.c_str(), nullptr);
      }
    }
    methods->Proceed();
  }

 private:
  grpc::experimental::ServerRpcInfo& info_;
  const AccessControl& access_;
};

class ReflectionAccessInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit ReflectionAccessInterceptorFactory(const AccessControl& access) : access_(access) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    if (info->method() == nullptr || !absl::StartsWith(info->method(), kReflectionPrefix)) {
      return nullptr;
    }
    return new ReflectionAccessInterceptor(*info, access_);
  }

 private:
  const AccessControl& access_;
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeReflectionAccessInterceptorFactory(const AccessControl& access) {
  return std::make_unique<ReflectionAccessInterceptorFactory>(access);
}

}  // namespace cxhub
