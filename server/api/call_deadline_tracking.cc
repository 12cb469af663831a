#include "server/api/call_deadline_tracking.h"

#include <chrono>
#include <mutex>

#include "absl/time/time.h"
#include "grpcpp/server.h"
#include "grpcpp/server_context.h"
#include "server/core/call_deadline.h"

namespace cxhub {
namespace {

// Runs on the thread that runs the handler, just before and just after it.
class CallDeadlineCallbacks final : public grpc::Server::GlobalCallbacks {
 public:
  void PreSynchronousRequest(grpc::ServerContext* context) override {
    SetCurrentCallDeadline(CallDeadlineOf(*context));
  }
  void PostSynchronousRequest(grpc::ServerContext* /*context*/) override {
    SetCurrentCallDeadline(absl::InfiniteFuture());
  }
};

}  // namespace

absl::Time CallDeadlineOf(const grpc::ServerContextBase& context) {
  const std::chrono::system_clock::time_point deadline = context.deadline();
  return deadline == std::chrono::system_clock::time_point::max() ? absl::InfiniteFuture()
                                                                  : absl::FromChrono(deadline);
}

void InstallCallDeadlineTracking() {
  static std::once_flag installed;
  // gRPC owns the callbacks from here on.
  std::call_once(installed, [] { grpc::Server::SetGlobalCallbacks(new CallDeadlineCallbacks()); });
}

}  // namespace cxhub
