// Waiting for a connector of a running cxhubd to have ingested what a benchmark gave it.
#ifndef CXHUB_BENCHMARKS_HARNESS_CONNECTOR_PROGRESS_H_
#define CXHUB_BENCHMARKS_HARNESS_CONNECTOR_PROGRESS_H_

#include <cstdint>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/time/time.h"
#include "cxhub/v1/connector.grpc.pb.h"

namespace cxhub::bench {

// Asks GetConnector for connector instance `name` every `poll` until its committed records_in
// reaches `records`. An error when the call fails, the connector is FAILED, or it dead-lettered
// anything (the benchmarks' sources are all good records).
absl::Status AwaitConnectorRecords(v1::ConnectorService::Stub& connectors, const std::string& name,
                                   int64_t records, absl::Duration poll);
// The same, running `each_poll` before each look (to sample the server while it works).
absl::Status AwaitConnectorRecords(v1::ConnectorService::Stub& connectors, const std::string& name,
                                   int64_t records, absl::Duration poll,
                                   absl::FunctionRef<void()> each_poll);

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_HARNESS_CONNECTOR_PROGRESS_H_
