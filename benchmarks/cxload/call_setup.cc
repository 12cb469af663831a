#include "benchmarks/cxload/call_setup.h"

#include <chrono>

#include "absl/strings/str_cat.h"

namespace cxhub::cxload {
namespace {

constexpr std::chrono::seconds kCallDeadline(30);

}  // namespace

std::shared_ptr<grpc::Channel> NewOwnChannel(absl::string_view target, int index) {
  grpc::ChannelArguments args;
  // Channels with the same arguments share the global subchannel pool, so one connection.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetInt("cxhub.cxload.channel", index);
  return grpc::CreateCustomChannel(std::string(target), grpc::InsecureChannelCredentials(), args);
}

absl::Status WaitForConnection(grpc::Channel& channel, absl::string_view target) {
  if (channel.WaitForConnected(std::chrono::system_clock::now() + kCallDeadline)) {
    return absl::OkStatus();
  }
  return absl::UnavailableError(absl::StrCat("cannot connect to ", target));
}

void SetUpContext(grpc::ClientContext& context, const std::string& token) {
  context.set_deadline(std::chrono::system_clock::now() + kCallDeadline);
  if (!token.empty()) context.AddMetadata("authorization", absl::StrCat("Bearer ", token));
}

absl::Status ToAbslStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
}

}  // namespace cxhub::cxload
