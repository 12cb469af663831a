// cxhubd's Prometheus endpoint: one registry of cxhub_* metrics served over HTTP at /metrics
// on its own port (ServerConfig.metrics). Every prometheus-cpp type stays behind this header.
//
//   auto metrics = MetricsEndpoint::Start("127.0.0.1:9464");
//   store = (*metrics)->ObserveStore(std::move(store), "sqlite");
//   builder.experimental().SetInterceptorCreators(MakeCallObserverInterceptors((*metrics)->calls()));
//   (*metrics)->ObserveConnectors(host); (*metrics)->ObserveWatch(feed);
//   ...
//   (*metrics)->Stop();  // before what it observes goes away
//
// Thread safety: the Observe* calls and Stop are for the thread that owns the server; calls()
// may be used from any thread.
#ifndef CXHUB_SERVER_OBSERVABILITY_METRICS_ENDPOINT_H_
#define CXHUB_SERVER_OBSERVABILITY_METRICS_ENDPOINT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "server/connectors/connector_host.h"
#include "server/core/call_observer.h"
#include "server/core/interaction_feed.h"
#include "server/core/interaction_log.h"
#include "server/core/store.h"

namespace cxhub {

class MetricsEndpoint {
 public:
  // Serves /metrics on `listen_address` ("host:port"; port 0 picks a free one) and publishes
  // cxhub_build_info for `store_backend`. UNAVAILABLE naming the address if it cannot listen.
  static absl::StatusOr<std::unique_ptr<MetricsEndpoint>> Start(const std::string& listen_address,
                                                                const std::string& store_backend);
  ~MetricsEndpoint();
  MetricsEndpoint(const MetricsEndpoint&) = delete;
  MetricsEndpoint& operator=(const MetricsEndpoint&) = delete;

  // The port actually bound.
  int port() const;
  // Counts calls (cxhub_grpc_server_*); hand it to the API's interceptor.
  CallObserver& calls();
  // Returns `store` wrapped so its transactions are timed, and publishes its statistics.
  std::unique_ptr<Store> ObserveStore(std::unique_ptr<Store> store);
  // Publishes the connectors' counters and states; `host` must outlive Stop().
  void ObserveConnectors(ConnectorHost& host);
  // Publishes the Watch streams' figures; `feed` must outlive Stop().
  void ObserveWatch(InteractionFeed& feed);
  // Publishes RecordInteraction's group commit figures; `log` must outlive Stop().
  void ObserveGroupCommit(InteractionLog& log);
  // Publishes how many merges the identity trust guardrails stopped.
  void ObserveMergeGuardrails();
  // Stops serving; waits for scrapes in progress. Idempotent.
  void Stop();

 private:
  struct State;
  explicit MetricsEndpoint(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_OBSERVABILITY_METRICS_ENDPOINT_H_
