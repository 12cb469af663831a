// Operations (core/operation.h) as google.longrunning.Operation: the name operations/{id}, the
// metadata and the response of the operation's kind packed in google.protobuf.Any, and the
// error as google.rpc.Status.
#ifndef CXHUB_SERVER_API_OPERATION_CONVERSION_H_
#define CXHUB_SERVER_API_OPERATION_CONVERSION_H_

#include "google/longrunning/operations.pb.h"
#include "server/core/operation.h"

namespace cxhub {

// A reassignment (kReassignTouchpointsKind) carries cxhub.v1.ReassignTouchpointsMetadata and,
// once it succeeded, cxhub.v1.ReassignTouchpointsResponse. A failed or cancelled operation
// carries its error instead of a response.
void OperationToProto(const Operation& operation, google::longrunning::Operation* out);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_OPERATION_CONVERSION_H_
