// Prometheus collectables that read cxhub's own counters at scrape time, so the code that keeps
// them (connector host, store, Watch feed, group commit) knows no metrics library.
#ifndef CXHUB_SERVER_OBSERVABILITY_SNAPSHOT_COLLECTORS_H_
#define CXHUB_SERVER_OBSERVABILITY_SNAPSHOT_COLLECTORS_H_

#include <memory>
#include <string>

#include "prometheus/collectable.h"
#include "server/connectors/connector_host.h"
#include "server/core/interaction_feed.h"
#include "server/core/interaction_log.h"
#include "server/core/store.h"

namespace cxhub {

// cxhub_connector_*{connector}: counters, state, cursor age, last success. `host` must outlive
// every scrape. A scrape during a store outage has no connector samples (the counters are
// stored).
std::shared_ptr<prometheus::Collectable> MakeConnectorCollector(ConnectorHost& host);

// cxhub_store_retries_total, cxhub_store_silent_aborts_total, cxhub_store_pool_wait_seconds,
// cxhub_store_connections_open {backend}. `store` must outlive every scrape.
std::shared_ptr<prometheus::Collectable> MakeStoreCollector(Store& store, std::string backend);

// cxhub_watch_streams_open, cxhub_watch_interactions_delivered_total. `feed` must outlive
// every scrape.
std::shared_ptr<prometheus::Collectable> MakeWatchCollector(InteractionFeed& feed);

// cxhub_record_group_commits_total, cxhub_record_group_records_total, cxhub_record_group_queued
// (record_group_committer.h). `log` must outlive every scrape.
std::shared_ptr<prometheus::Collectable> MakeGroupCommitCollector(InteractionLog& log);

// cxhub_merge_guardrail_stops_total (merge_policy.h's MergeGuardrailStops).
std::shared_ptr<prometheus::Collectable> MakeMergeGuardrailCollector();

}  // namespace cxhub

#endif  // CXHUB_SERVER_OBSERVABILITY_SNAPSHOT_COLLECTORS_H_
