// cxhub.v1.InteractionService over InteractionLog: validates each request, calls the log,
// packs the reply and maps the status.
#ifndef CXHUB_SERVER_API_INTERACTION_SERVICE_H_
#define CXHUB_SERVER_API_INTERACTION_SERVICE_H_

#include <string>
#include <vector>

#include "cxhub/v1/interaction.grpc.pb.h"
#include "server/api/access_checked_service.h"
#include "server/api/deferred_unary_handler.h"
#include "server/api/point_read_handler.h"
#include "server/api/request_limits.h"
#include "server/core/concurrency_limit.h"
#include "server/core/interaction_log.h"
#include "server/core/interaction_watchers.h"

namespace cxhub {

// Thread-safe. Borrows the log and the watchers, which must outlive it; copies the limits.
//
// WatchInteractions is served on the callback API (WatchInteractionsReactor): an open stream
// holds no server thread, and waits in `watchers` (at most limits.max_watch_streams at once;
// more get RESOURCE_EXHAUSTED); it ends OK when the client cancels (or a write fails) and
// UNAVAILABLE when the log's feed shuts down, which Server::Shutdown does first so that watches
// do not hold up shutdown. GetInteraction and ListInteractions, point reads, run on the callback
// API too: on `read_pool` when given (a store whose reads wait on the network), which must
// outlive every call, and on the thread that delivered the call otherwise
// (point_read_handler.h). RecordInteraction is on the callback API with any
// store: its handler hands the record to the log's group commit and returns, and the call is
// answered once the record committed (deferred_unary_handler.h). The other methods are
// synchronous.
class InteractionServiceImpl final
    : public v1::InteractionService::WithCallbackMethod_WatchInteractions<
          v1::InteractionService::Service>,
      public CallbackMethodsDeclaration {
 public:
  InteractionServiceImpl(InteractionLog& log, InteractionWatchers& watchers,
                         const RequestLimits& limits, ThreadPool* read_pool = nullptr);

  grpc::Status BatchRecordInteractions(grpc::ServerContext* context,
                                       const v1::BatchRecordInteractionsRequest* request,
                                       v1::BatchRecordInteractionsResponse* response) override;
  grpc::ServerWriteReactor<v1::Interaction>* WatchInteractions(
      grpc::CallbackServerContext* context, const v1::WatchInteractionsRequest* request) override;

  std::vector<std::string> CallbackMethodNames() const override { return callback_methods_; }

 private:
  // RecordInteraction: validates the request and queues the record; answers once it committed.
  void StartRecord(const v1::RecordInteractionRequest& request,
                   v1::RecordInteractionResponse* response, FinishCall finish);
  // The two point reads, for their handlers (point_read_handler.h).
  grpc::Status Get(const v1::GetInteractionRequest& request, v1::Interaction* response);
  grpc::Status List(const v1::ListInteractionsRequest& request,
                    v1::ListInteractionsResponse* response);

  InteractionLog& log_;
  InteractionWatchers& watchers_;
  const RequestLimits limits_;
  ConcurrencyLimit watch_streams_;  // over it, a new Watch gets RESOURCE_EXHAUSTED
  std::vector<std::string> callback_methods_ = {"WatchInteractions"};
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_INTERACTION_SERVICE_H_
