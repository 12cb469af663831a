// google.longrunning.Operations over the OperationRunner (AIP-151): the long work that cxhub.v1
// methods start (TouchpointService.ReassignTouchpoints) is looked at, waited for, cancelled and
// forgotten here, by name operations/{id}.
#ifndef CXHUB_SERVER_API_OPERATIONS_SERVICE_H_
#define CXHUB_SERVER_API_OPERATIONS_SERVICE_H_

#include "google/longrunning/operations.grpc.pb.h"
#include "server/api/request_limits.h"
#include "server/core/operation_runner.h"

namespace cxhub {

// Thread-safe. Borrows the runner, which must outlive it; copies the limits.
class OperationsServiceImpl final : public google::longrunning::Operations::Service {
 public:
  OperationsServiceImpl(OperationRunner& runner, const RequestLimits& limits)
      : runner_(runner), limits_(limits) {}

  // `name` may be empty or "operations"; `filter` empty, "done=true" or "done=false".
  grpc::Status ListOperations(grpc::ServerContext* context,
                              const google::longrunning::ListOperationsRequest* request,
                              google::longrunning::ListOperationsResponse* response) override;
  grpc::Status GetOperation(grpc::ServerContext* context,
                            const google::longrunning::GetOperationRequest* request,
                            google::longrunning::Operation* response) override;
  // FAILED_PRECONDITION while the operation runs: cancel it first.
  grpc::Status DeleteOperation(grpc::ServerContext* context,
                               const google::longrunning::DeleteOperationRequest* request,
                               google::protobuf::Empty* response) override;
  // The operation stops before its next batch, with error CANCELLED.
  grpc::Status CancelOperation(grpc::ServerContext* context,
                               const google::longrunning::CancelOperationRequest* request,
                               google::protobuf::Empty* response) override;
  // Returns when the operation is done or when `timeout` (or the call's deadline, whichever
  // comes first; a minute when neither is set) has passed, with the operation as it stands.
  grpc::Status WaitOperation(grpc::ServerContext* context,
                             const google::longrunning::WaitOperationRequest* request,
                             google::longrunning::Operation* response) override;

 private:
  OperationRunner& runner_;
  const RequestLimits limits_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_OPERATIONS_SERVICE_H_
