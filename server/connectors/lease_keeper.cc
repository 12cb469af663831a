#include "server/connectors/lease_keeper.h"

#include <string>
#include <utility>

#include "server/core/status_macros.h"

namespace cxhub {

absl::Status KeepLease(Store& store, Clock& clock, absl::Duration duration, bool reclaim_own,
                       ConnectorRunner& runner) {
  const std::string& replica = runner.replica();
  const int64_t held = runner.lease_token();
  const int64_t wishes_stored = runner.WishesStored();
  LeaseRequest request;
  request.owner = replica;
  request.held_token = held;
  request.reclaim_own = reclaim_own;
  request.now = clock.Now();
  request.expire_time = request.now + duration;
  LeaseGrant grant;
  absl::Status status = store.Write([&](StoreWriter& writer) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(grant, writer.TakeConnectorLease(runner.config().name, request));
    return absl::OkStatus();
  });
  // Unreachable, the store can tell nothing: the runner keeps what it holds, since its reads
  // fail on the store as well, and a commit after another replica took over is refused.
  if (!status.ok()) return status;
  const ConnectorState& state = grant.state;
  if (grant.held && held == 0) {
    runner.GainLease(state.lease_token, state.run_request_time);
  } else if (!grant.held) {
    runner.LoseLease(/*released=*/false);
  }
  runner.ApplyWishes(state.paused, state.run_request_time, wishes_stored);
  return absl::OkStatus();
}

absl::Status ReleaseLease(Store& store, ConnectorRunner& runner) {
  const int64_t held = runner.lease_token();
  if (held == 0) return absl::OkStatus();
  const LeaseFence fence{runner.replica(), held};
  CXHUB_RETURN_IF_ERROR(store.Write([&](StoreWriter& writer) {
    return writer.ReleaseConnectorLease(runner.config().name, fence);
  }));
  runner.LoseLease(/*released=*/true);
  return absl::OkStatus();
}

}  // namespace cxhub
