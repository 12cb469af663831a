#include "server/api/arena_message_allocator.h"

#include "grpcpp/support/message_allocator.h"

namespace cxhub {

void ReleaseUnusedArenaMessages(void* internal_data) {
  if (internal_data == nullptr) return;
  // gRPC stores the handler's MessageHolder<Request, Response>*, whose one base is
  // RpcAllocatorState; the cast across to UnusedCallMessages finds only an arena holder.
  auto* state = static_cast<grpc::RpcAllocatorState*>(internal_data);
  if (auto* unused = dynamic_cast<UnusedCallMessages*>(state)) unused->ReleaseUnused();
}

}  // namespace cxhub
