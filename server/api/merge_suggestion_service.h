// cxhub.v1.MergeSuggestionService over MergeSuggestions: the merges the trust policy suggested
// instead of making, for an admin to accept or reject.
#ifndef CXHUB_SERVER_API_MERGE_SUGGESTION_SERVICE_H_
#define CXHUB_SERVER_API_MERGE_SUGGESTION_SERVICE_H_

#include "cxhub/v1/merge_suggestion.grpc.pb.h"
#include "server/api/request_limits.h"
#include "server/core/merge_suggestions.h"

namespace cxhub {

// Thread-safe. Borrows the suggestions, which must outlive it; copies the limits.
class MergeSuggestionServiceImpl final : public v1::MergeSuggestionService::Service {
 public:
  MergeSuggestionServiceImpl(MergeSuggestions& suggestions, const RequestLimits& limits)
      : suggestions_(suggestions), limits_(limits) {}

  grpc::Status ListMergeSuggestions(grpc::ServerContext* context,
                                    const v1::ListMergeSuggestionsRequest* request,
                                    v1::ListMergeSuggestionsResponse* response) override;
  grpc::Status GetMergeSuggestion(grpc::ServerContext* context,
                                  const v1::GetMergeSuggestionRequest* request,
                                  v1::MergeSuggestion* response) override;
  grpc::Status AcceptMergeSuggestion(grpc::ServerContext* context,
                                     const v1::AcceptMergeSuggestionRequest* request,
                                     v1::MergeSuggestion* response) override;
  grpc::Status RejectMergeSuggestion(grpc::ServerContext* context,
                                     const v1::RejectMergeSuggestionRequest* request,
                                     v1::MergeSuggestion* response) override;

 private:
  MergeSuggestions& suggestions_;
  const RequestLimits limits_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_MERGE_SUGGESTION_SERVICE_H_
