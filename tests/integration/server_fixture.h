// Starts the real cxhubd server in-process on a loopback port, on a fresh store, and hands
// tests a gRPC channel to it. The store backend is the test parameter: every suite derived
// from ServerTest runs once per backend in StoreBackends(). A derived SetUp must return early
// when ServerTest::SetUp failed or skipped (there is no channel then).
#ifndef CXHUB_TESTS_INTEGRATION_SERVER_FIXTURE_H_
#define CXHUB_TESTS_INTEGRATION_SERVER_FIXTURE_H_

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cxhub/config/v1/config.pb.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "server/server.h"

namespace cxhub {

// The store one test runs on: the config naming it, and what keeps it alive (a MySQL
// database, dropped when released) until the test's server has stopped.
struct TestStore {
  config::v1::StoreConfig config;
  std::shared_ptr<const void> resources;
};

// How to make a fresh store for a test that owns `temp_dir` (empty, removed after).
struct StoreBackend {
  std::string name;  // A gtest parameter name: letters, digits, underscores.
  std::function<absl::StatusOr<TestStore>(const std::string& temp_dir)> configure;
  // Not empty when the backend cannot run here (no server configured): its tests skip with
  // this text, which says how to enable them.
  std::string skip_reason;
};

// The backends the integration tests run against: SQLite, and MySQL on the server named by
// CXHUB_TEST_MYSQL (always listed, so test names do not depend on the environment; skipped
// when the variable is unset).
std::vector<StoreBackend> StoreBackends();

// The MySQL entry of StoreBackends(), for tests that only make sense on MySQL.
StoreBackend MysqlStoreBackend();

inline std::ostream& operator<<(std::ostream& out, const StoreBackend& backend) {
  return out << backend.name;
}

class ServerTest : public testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // The config the server was started with; tests that need another one call Restart.
  config::v1::ServerConfig BaseConfig() const;
  void Restart(const config::v1::ServerConfig& config);
  // Shuts the server down (as SIGTERM does) and waits for it; TearDown then has nothing to do.
  void StopServer(absl::Duration grace);

  // A context with a deadline, so a hung call fails the test instead of hanging it.
  static std::unique_ptr<grpc::ClientContext> Context(absl::Duration timeout = absl::Seconds(10));

  // The names of every interaction `request` lists, in the order listed, following
  // next_page_token (a failed call fails the test and ends the listing).
  static std::vector<std::string> ListAllInteractions(v1::InteractionService::Stub& stub,
                                                      v1::ListInteractionsRequest request);

  const std::string& temp_dir() const { return temp_dir_; }
  // The port of the server's metrics endpoint (0 when its config has no metrics).
  int metrics_port() const { return server_->metrics_port(); }
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  Server& server() const { return *server_; }

 private:
  void StartServer(const config::v1::ServerConfig& config);

  std::string temp_dir_;
  TestStore store_;
  std::unique_ptr<Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

// Backend names for INSTANTIATE_TEST_SUITE_P.
std::string BackendName(const testing::TestParamInfo<StoreBackend>& info);

#define CXHUB_INSTANTIATE_FOR_EVERY_STORE(suite) \
  INSTANTIATE_TEST_SUITE_P(Stores, suite, ::testing::ValuesIn(StoreBackends()), BackendName)

}  // namespace cxhub

#endif  // CXHUB_TESTS_INTEGRATION_SERVER_FIXTURE_H_
