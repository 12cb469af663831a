#include "server/observability/metrics_endpoint.h"

#include <exception>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "prometheus/collectable.h"
#include "prometheus/exposer.h"
#include "prometheus/registry.h"
#include "server/observability/build_info.h"
#include "server/observability/grpc_call_metrics.h"
#include "server/observability/snapshot_collectors.h"
#include "server/observability/timed_store.h"

namespace cxhub {

struct MetricsEndpoint::State {
  std::string store_backend;
  std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
  std::unique_ptr<GrpcCallMetrics> calls;
  // The exposer holds collectables by weak_ptr: they live here.
  std::vector<std::shared_ptr<prometheus::Collectable>> collectors;
  std::unique_ptr<prometheus::Exposer> exposer;
  int port = 0;

  void Publish(std::shared_ptr<prometheus::Collectable> collector) {
    if (exposer == nullptr) return;
    exposer->RegisterCollectable(collector);
    collectors.push_back(std::move(collector));
  }
};

absl::StatusOr<std::unique_ptr<MetricsEndpoint>> MetricsEndpoint::Start(
    const std::string& listen_address, const std::string& store_backend) {
  auto state = std::make_unique<State>();
  state->store_backend = store_backend;
  state->calls = std::make_unique<GrpcCallMetrics>(*state->registry);
  RegisterBuildInfo(*state->registry, store_backend);
  try {
    // One thread: scrapes are rare, and each takes the connector host's lock briefly.
    state->exposer = std::make_unique<prometheus::Exposer>(listen_address, 1);
  } catch (const std::exception& error) {
    return absl::UnavailableError(absl::StrCat("config: metrics.listen_address: cannot listen on ",
                                               listen_address, ": ", error.what()));
  }
  const std::vector<int> ports = state->exposer->GetListeningPorts();
  if (ports.empty()) {
    return absl::UnavailableError(
        absl::StrCat("config: metrics.listen_address: cannot listen on ", listen_address));
  }
  state->port = ports.front();
  state->exposer->RegisterCollectable(state->registry);
  return std::unique_ptr<MetricsEndpoint>(new MetricsEndpoint(std::move(state)));
}

MetricsEndpoint::MetricsEndpoint(std::unique_ptr<State> state) : state_(std::move(state)) {}

MetricsEndpoint::~MetricsEndpoint() { Stop(); }

int MetricsEndpoint::port() const { return state_->port; }

CallObserver& MetricsEndpoint::calls() { return *state_->calls; }

std::unique_ptr<Store> MetricsEndpoint::ObserveStore(std::unique_ptr<Store> store) {
  std::unique_ptr<Store> timed =
      MakeTimedStore(std::move(store), state_->store_backend, state_->registry);
  state_->Publish(MakeStoreCollector(*timed, state_->store_backend));
  return timed;
}

void MetricsEndpoint::ObserveConnectors(ConnectorHost& host) {
  state_->Publish(MakeConnectorCollector(host));
}

void MetricsEndpoint::ObserveWatch(InteractionFeed& feed) {
  state_->Publish(MakeWatchCollector(feed));
}

void MetricsEndpoint::ObserveGroupCommit(InteractionLog& log) {
  state_->Publish(MakeGroupCommitCollector(log));
}

void MetricsEndpoint::ObserveMergeGuardrails() { state_->Publish(MakeMergeGuardrailCollector()); }

void MetricsEndpoint::Stop() { state_->exposer.reset(); }

}  // namespace cxhub
