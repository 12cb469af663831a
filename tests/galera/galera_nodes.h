// What the Galera tests and benchmarks share: the cluster's nodes as the environment names
// them, and the write they load it with.
#ifndef CXHUB_TESTS_GALERA_GALERA_NODES_H_
#define CXHUB_TESTS_GALERA_GALERA_NODES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "cxhub/v1/interaction.pb.h"
#include "tests/storage/mysql_test_server.h"

namespace cxhub::testing {

// The nodes of the cluster that `variable` names as host:PORT0,PORT1,... (scripts/galera's
// user cxhub/cxhub, database cxhub_test); empty when it is unset or malformed.
std::vector<MysqlStoreOptions> GaleraNodes(const char* variable);

// Waits until every node of `nodes` serves `database`, which was created through one of them:
// Galera runs a CREATE DATABASE on the other nodes just after it returns on the first, so a
// connection made at once to another node may not find it yet. The last error after `timeout`.
absl::Status WaitForDatabaseOnEveryNode(const std::vector<MysqlStoreOptions>& nodes,
                                        const FreshMysqlDatabase& database,
                                        absl::Duration timeout = absl::Seconds(30));

// An inbound chat message from `email`, recorded with (`source`, `external_id`) at
// `occur_seconds` (Unix time).
v1::RecordInteractionRequest ChatMessageFrom(const std::string& email, const std::string& source,
                                             const std::string& external_id, int64_t occur_seconds);

}  // namespace cxhub::testing

#endif  // CXHUB_TESTS_GALERA_GALERA_NODES_H_
