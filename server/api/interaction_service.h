// cxhub.v1.InteractionService over InteractionLog: validates each request, calls the log,
// packs the reply and maps the status.
#ifndef CXHUB_SERVER_API_INTERACTION_SERVICE_H_
#define CXHUB_SERVER_API_INTERACTION_SERVICE_H_

#include "cxhub/v1/interaction.grpc.pb.h"
#include "server/api/request_limits.h"
#include "server/core/concurrency_limit.h"
#include "server/core/interaction_log.h"

namespace cxhub {

// Thread-safe. Borrows the log, which must outlive it; copies the limits.
//
// WatchInteractions holds a server thread for as long as the client watches (at most
// limits.max_watch_streams at once; more get RESOURCE_EXHAUSTED); it ends OK when
// the client cancels (or a write fails) and UNAVAILABLE when the log's feed shuts down, which
// Server::Shutdown does first so that watches do not hold up shutdown.
class InteractionServiceImpl final : public v1::InteractionService::Service {
 public:
  InteractionServiceImpl(InteractionLog& log, const RequestLimits& limits)
      : log_(log),
        limits_(limits),
        watch_streams_(limits.max_watch_streams,
                       "Watch streams (config load_limits.max_watch_streams)") {}

  grpc::Status RecordInteraction(grpc::ServerContext* context,
                                 const v1::RecordInteractionRequest* request,
                                 v1::RecordInteractionResponse* response) override;
  grpc::Status BatchRecordInteractions(grpc::ServerContext* context,
                                       const v1::BatchRecordInteractionsRequest* request,
                                       v1::BatchRecordInteractionsResponse* response) override;
  grpc::Status GetInteraction(grpc::ServerContext* context,
                              const v1::GetInteractionRequest* request,
                              v1::Interaction* response) override;
  grpc::Status ListInteractions(grpc::ServerContext* context,
                                const v1::ListInteractionsRequest* request,
                                v1::ListInteractionsResponse* response) override;
  grpc::Status WatchInteractions(grpc::ServerContext* context,
                                 const v1::WatchInteractionsRequest* request,
                                 grpc::ServerWriter<v1::Interaction>* writer) override;

 private:
  InteractionLog& log_;
  const RequestLimits limits_;
  ConcurrencyLimit watch_streams_;  // over it, a new Watch gets RESOURCE_EXHAUSTED
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_INTERACTION_SERVICE_H_
