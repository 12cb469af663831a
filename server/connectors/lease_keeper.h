// Connector leases across replicas: each connector instance is read by the one replica that holds
// its lease row in the store (owner, expiry, fencing token). The host calls KeepLease for every
// instance each renew interval: the owner renews its lease, the others take it over once it has
// expired, and every replica picks up the operator's wishes (pause, resume, run) from the row.
#ifndef CXHUB_SERVER_CONNECTORS_LEASE_KEEPER_H_
#define CXHUB_SERVER_CONNECTORS_LEASE_KEEPER_H_

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "server/connectors/connector_runner.h"
#include "server/core/clock.h"
#include "server/core/store.h"

namespace cxhub {

// Renews or takes over `runner`'s lease once (as replica `runner`'s env.replica), for `duration`
// from now, and hands the runner the outcome and the operator's wishes. `reclaim_own` takes over
// a lease held under this replica's own name (an earlier process of it: the first call after a
// restart). When the store cannot be reached the runner keeps what it holds (its reads fail on
// the store too, and its commits are refused once another replica has taken over); the next
// call that reaches the store settles it. Returns the store's error.
absl::Status KeepLease(Store& store, Clock& clock, absl::Duration duration, bool reclaim_own,
                       ConnectorRunner& runner);

// Gives the runner's lease up in the store, so that another replica takes over at once (after
// the runner has stopped for good).
absl::Status ReleaseLease(Store& store, ConnectorRunner& runner);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CONNECTORS_LEASE_KEEPER_H_
