// A Store decorator that times every transaction into cxhub_store_transaction_seconds
// {backend, kind="read"|"write"}.
#ifndef CXHUB_SERVER_OBSERVABILITY_TIMED_STORE_H_
#define CXHUB_SERVER_OBSERVABILITY_TIMED_STORE_H_

#include <memory>
#include <string>

#include "prometheus/registry.h"
#include "server/core/store.h"

namespace cxhub {

// Owns `store`; keeps `registry` alive for the histograms it records into. Thread-safe as the
// store it wraps.
std::unique_ptr<Store> MakeTimedStore(std::unique_ptr<Store> store, const std::string& backend,
                                      std::shared_ptr<prometheus::Registry> registry);

}  // namespace cxhub

#endif  // CXHUB_SERVER_OBSERVABILITY_TIMED_STORE_H_
