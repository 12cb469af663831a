// cxhub.v1.MergeLedgerService over MergeLedger: a customer's merges, one merge, the unmerge
// that undoes one, and the explanation of a customer.
#ifndef CXHUB_SERVER_API_MERGE_LEDGER_SERVICE_H_
#define CXHUB_SERVER_API_MERGE_LEDGER_SERVICE_H_

#include "cxhub/v1/merge_ledger.grpc.pb.h"
#include "server/api/request_limits.h"
#include "server/core/merge_ledger.h"

namespace cxhub {

// Thread-safe. Borrows the ledger, which must outlive it; copies the limits.
class MergeLedgerServiceImpl final : public v1::MergeLedgerService::Service {
 public:
  MergeLedgerServiceImpl(MergeLedger& ledger, const RequestLimits& limits)
      : ledger_(ledger), limits_(limits) {}

  grpc::Status ListMerges(grpc::ServerContext* context, const v1::ListMergesRequest* request,
                          v1::ListMergesResponse* response) override;
  grpc::Status GetMerge(grpc::ServerContext* context, const v1::GetMergeRequest* request,
                        v1::Merge* response) override;
  grpc::Status UnmergeCustomer(grpc::ServerContext* context,
                               const v1::UnmergeCustomerRequest* request,
                               v1::Merge* response) override;
  grpc::Status ExplainCustomer(grpc::ServerContext* context,
                               const v1::ExplainCustomerRequest* request,
                               v1::CustomerExplanation* response) override;

 private:
  MergeLedger& ledger_;
  const RequestLimits limits_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_MERGE_LEDGER_SERVICE_H_
