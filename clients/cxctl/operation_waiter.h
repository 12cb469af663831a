// `--wait` and `cxctl operations wait`: follows a long-running operation with
// google.longrunning.Operations/WaitOperation until it is done, drawing its progress.
#ifndef CXHUB_CLIENTS_CXCTL_OPERATION_WAITER_H_
#define CXHUB_CLIENTS_CXCTL_OPERATION_WAITER_H_

#include "clients/cxctl/command_table.h"
#include "clients/cxctl/progress_bar.h"
#include "clients/cxctl/rpc_client.h"
#include "google/protobuf/message.h"
#include "grpcpp/support/status.h"

namespace cxhub::cxctl {

// Whether `method` is google.longrunning.Operations/WaitOperation, which waits by itself.
bool IsWaitOperationMethod(const MethodSpec& method);

// Makes a WaitOperation request return after at most one polling interval when it sets no
// timeout, so that progress shows from the start.
void LimitWaitRequest(google::protobuf::Message& request);

// Calls WaitOperation until `operation` (a google.longrunning.Operation, replaced by each newer
// state) is done, showing each state on `bar`. Returns the first failed call's status, or OK.
grpc::Status WaitUntilDone(const RpcClient& client, google::protobuf::Message& operation,
                           ProgressBar& bar);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_OPERATION_WAITER_H_
