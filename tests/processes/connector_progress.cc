#include "tests/processes/connector_progress.h"

#include <cstdint>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"

namespace cxhub::testing {

absl::Status AwaitConnectorRecords(v1::ConnectorService::Stub& connectors, const std::string& name,
                                   int64_t records, absl::Duration poll, absl::Time deadline,
                                   absl::FunctionRef<void()> each_poll) {
  while (true) {
    each_poll();
    grpc::ClientContext context;
    if (deadline != absl::InfiniteFuture()) context.set_deadline(absl::ToChronoTime(deadline));
    v1::GetConnectorRequest request;
    request.set_name(absl::StrCat("connectors/", name));
    v1::Connector connector;
    const grpc::Status status = connectors.GetConnector(&context, request, &connector);
    if (!status.ok()) {
      return absl::UnavailableError(absl::StrCat(name, ": GetConnector: ", status.error_message()));
    }
    if (connector.records_in() >= records) return absl::OkStatus();
    if (connector.state() == v1::Connector::FAILED) {
      return absl::InternalError(absl::StrCat(name, " failed: ", connector.state_message()));
    }
    if (connector.dead_lettered() > 0) {
      return absl::DataLossError(
          absl::StrCat(name, ": ", connector.dead_lettered(), " dead letters"));
    }
    if (absl::Now() + poll >= deadline) {
      return absl::DeadlineExceededError(
          absl::StrCat(name, ": ", connector.records_in(), " of ", records, " records committed"));
    }
    absl::SleepFor(poll);
  }
}

}  // namespace cxhub::testing
