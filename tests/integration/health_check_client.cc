#include "tests/integration/health_check_client.h"

#include <utility>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "google/protobuf/unknown_field_set.h"
#include "grpcpp/generic/generic_stub.h"

namespace cxhub {

using google::protobuf::UnknownFieldSet;

grpc::ByteBuffer ToBuffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

std::string FromBuffer(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (!buffer.Dump(&slices).ok()) return bytes;
  for (const grpc::Slice& slice : slices) {
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return bytes;
}

absl::StatusOr<uint64_t> CheckHealth(const std::shared_ptr<grpc::Channel>& channel,
                                     const std::string& service, absl::Duration timeout) {
  UnknownFieldSet request;
  if (!service.empty()) request.AddLengthDelimited(1, service);
  std::string request_bytes;
  request.SerializeToString(&request_bytes);
  const grpc::ByteBuffer request_buffer = ToBuffer(request_bytes);
  grpc::ByteBuffer response_buffer;
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  absl::Notification done;
  grpc::Status status;
  stub.UnaryCall(&context, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &request_buffer,
                 &response_buffer, [&](grpc::Status s) {
                   status = std::move(s);
                   done.Notify();
                 });
  done.WaitForNotification();
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  }
  UnknownFieldSet response;
  if (!response.ParseFromString(FromBuffer(response_buffer))) {
    return absl::DataLossError("unparsable HealthCheckResponse");
  }
  for (int i = 0; i < response.field_count(); ++i) {
    if (response.field(i).number() == 1) return response.field(i).varint();
  }
  return 0;  // UNKNOWN, the default.
}

bool WaitForHealth(const std::shared_ptr<grpc::Channel>& channel, const std::string& service,
                   uint64_t status, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  for (;;) {
    absl::StatusOr<uint64_t> current = CheckHealth(channel, service);
    if (current.ok() && *current == status) return true;
    if (absl::Now() >= deadline) return false;
    absl::SleepFor(absl::Milliseconds(100));
  }
}

}  // namespace cxhub
