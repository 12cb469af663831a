#include "clients/cxctl/operation_waiter.h"

#include <cstring>
#include <memory>
#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "clients/cxctl/operation_progress.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace cxhub::cxctl {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

constexpr char kWaitOperationMethod[] = "/google.longrunning.Operations/WaitOperation";
constexpr char kWaitOperationRequest[] = "google.longrunning.WaitOperationRequest";
// How long each WaitOperation call may wait on the server: how often the bar moves.
constexpr absl::Duration kPollInterval = absl::Seconds(1);

// Sets the google.protobuf.Duration field `timeout` of a WaitOperationRequest.
void SetTimeout(Message& request, absl::Duration timeout) {
  const FieldDescriptor* field = request.GetDescriptor()->FindFieldByName("timeout");
  Message* duration = request.GetReflection()->MutableMessage(&request, field);
  duration->GetReflection()->SetInt64(duration,
                                      duration->GetDescriptor()->FindFieldByName("seconds"),
                                      absl::ToInt64Seconds(timeout));
}

}  // namespace

bool IsWaitOperationMethod(const MethodSpec& method) {
  return std::strcmp(method.full_method, kWaitOperationMethod) == 0;
}

void LimitWaitRequest(Message& request) {
  const FieldDescriptor* field = request.GetDescriptor()->FindFieldByName("timeout");
  if (field != nullptr && !request.GetReflection()->HasField(request, field)) {
    SetTimeout(request, kPollInterval);
  }
}

grpc::Status WaitUntilDone(const RpcClient& client, Message& operation, ProgressBar& bar) {
  OperationProgress progress = ReadOperationProgress(operation);
  bar.Update(progress);
  if (progress.done) return grpc::Status::OK;
  const Descriptor* request_type =
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(
          kWaitOperationRequest);
  if (request_type == nullptr) {
    return grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                        "this cxctl was built without google.longrunning.Operations");
  }
  std::unique_ptr<Message> request(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(request_type)->New());
  request->GetReflection()->SetString(request.get(), request_type->FindFieldByName("name"),
                                      progress.name);
  SetTimeout(*request, kPollInterval);
  while (!progress.done) {
    const absl::Time start = absl::Now();
    const grpc::Status status = client.Unary(kWaitOperationMethod, *request, &operation);
    if (!status.ok()) return status;
    progress = ReadOperationProgress(operation);
    bar.Update(progress);
    // A server may answer before the timeout; do not poll it faster than the interval.
    if (!progress.done) absl::SleepFor(start + kPollInterval - absl::Now());
  }
  return grpc::Status::OK;
}

}  // namespace cxhub::cxctl
