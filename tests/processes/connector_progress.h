// Waiting for a connector of a running cxhubd to have committed a number of records: for the
// benchmarks that time an ingestion and for the tests that watch one while cxhubd runs (an SQLite
// store cannot be read from outside the process that has it open).
#ifndef CXHUB_TESTS_PROCESSES_CONNECTOR_PROGRESS_H_
#define CXHUB_TESTS_PROCESSES_CONNECTOR_PROGRESS_H_

#include <cstdint>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/time/time.h"
#include "cxhub/v1/connector.grpc.pb.h"

namespace cxhub::testing {

// Asks GetConnector for connector instance `name` every `poll`, running `each_poll` before each
// look (to sample the server while it works), until its committed records_in reaches `records`.
// An error when a call fails, the connector is FAILED, it dead-lettered anything (the sources
// given are all good records), or `deadline` passes (DEADLINE_EXCEEDED).
absl::Status AwaitConnectorRecords(
    v1::ConnectorService::Stub& connectors, const std::string& name, int64_t records,
    absl::Duration poll, absl::Time deadline = absl::InfiniteFuture(),
    absl::FunctionRef<void()> each_poll = [] {});

}  // namespace cxhub::testing

#endif  // CXHUB_TESTS_PROCESSES_CONNECTOR_PROGRESS_H_
