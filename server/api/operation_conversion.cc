#include "server/api/operation_conversion.h"

#include <string>

#include "cxhub/v1/touchpoint.pb.h"
#include "server/api/proto_conversion.h"
#include "server/api/resource_names.h"

namespace cxhub {
namespace {

void PackReassignment(const Operation& operation, google::longrunning::Operation* out) {
  v1::ReassignTouchpointsMetadata metadata;
  metadata.set_processed(operation.processed);
  metadata.set_total(operation.total);
  metadata.set_changed(operation.changed);
  TimeToProto(operation.create_time, metadata.mutable_create_time());
  TimeToProto(operation.update_time, metadata.mutable_update_time());
  out->mutable_metadata()->PackFrom(metadata);
  if (operation.state != OperationState::kSucceeded) return;
  v1::ReassignTouchpointsResponse response;
  response.set_processed(operation.processed);
  response.set_changed(operation.changed);
  out->mutable_response()->PackFrom(response);
}

}  // namespace

void OperationToProto(const Operation& operation, google::longrunning::Operation* out) {
  out->set_name(OperationName(operation.id));
  out->set_done(operation.done());
  if (operation.kind == kReassignTouchpointsKind) PackReassignment(operation, out);
  if (operation.done() && !operation.error.ok()) {
    out->mutable_error()->set_code(static_cast<int>(operation.error.code()));
    out->mutable_error()->set_message(std::string(operation.error.message()));
  }
}

}  // namespace cxhub
