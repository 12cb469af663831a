#include "tests/galera/galera_nodes.h"

#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "server/storage/mysql_driver.h"

namespace cxhub::testing {

std::vector<MysqlStoreOptions> GaleraNodes(const char* variable) {
  std::vector<MysqlStoreOptions> nodes;
  const char* value = std::getenv(variable);
  if (value == nullptr) return nodes;
  const std::vector<std::string> parts = absl::StrSplit(value, ':');
  if (parts.size() != 2) return nodes;
  for (absl::string_view port_text : absl::StrSplit(parts[1], ',')) {
    MysqlStoreOptions options;
    options.host = parts[0];
    if (!absl::SimpleAtoi(port_text, &options.port)) return {};
    options.user = "cxhub";
    options.password = "cxhub";
    options.database = "cxhub_test";
    nodes.push_back(options);
  }
  return nodes;
}

absl::Status WaitForDatabaseOnEveryNode(const std::vector<MysqlStoreOptions>& nodes,
                                        const FreshMysqlDatabase& database,
                                        absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  for (const MysqlStoreOptions& node : nodes) {
    MysqlConnectionOptions options = database.connection_options();
    options.port = node.port;
    for (;;) {
      absl::StatusOr<std::unique_ptr<Connection>> connection = OpenMysqlConnection(options);
      if (connection.ok()) break;
      if (absl::Now() >= deadline) {
        return absl::DeadlineExceededError(absl::StrCat("node on port ", node.port, " has no ",
                                                        options.database,
                                                        " yet: ", connection.status().message()));
      }
      absl::SleepFor(absl::Milliseconds(50));
    }
  }
  return absl::OkStatus();
}

v1::RecordInteractionRequest ChatMessageFrom(const std::string& email, const std::string& source,
                                             const std::string& external_id,
                                             int64_t occur_seconds) {
  v1::RecordInteractionRequest request;
  v1::Identity* identity = request.add_customer_identities();
  identity->set_kind(v1::EMAIL);
  identity->set_value(email);
  v1::Interaction* interaction = request.mutable_interaction();
  interaction->set_channel("chat");
  interaction->set_kind(v1::MESSAGE);
  interaction->set_direction(v1::INBOUND);
  interaction->mutable_occur_time()->set_seconds(occur_seconds);
  interaction->set_body("Is my order on its way?");
  interaction->set_source(source);
  interaction->set_external_id(external_id);
  return request;
}

}  // namespace cxhub::testing
