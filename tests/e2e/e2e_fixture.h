// The end-to-end fixture: a fresh temporary directory and the real cxhubd server started
// in-process (cxhub::Server::Start) on a loopback port, spoken to over gRPC.
#ifndef CXHUB_TESTS_E2E_E2E_FIXTURE_H_
#define CXHUB_TESTS_E2E_E2E_FIXTURE_H_

#include <filesystem>
#include <memory>
#include <string>

#include "cxhub/config/v1/config.pb.h"
#include "gtest/gtest.h"
#include "server/server.h"
#include "tests/e2e/cxhub_client.h"

namespace cxhub::e2e {

class E2eTest : public testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Starts the server (ASSERTs it started and accepts connections) and connects the client.
  void StartServer(const config::v1::ServerConfig& config);
  // Starts the server with the shipped config (from the repository root, as scripts/run does)
  // and waits for every connector's first read.
  void StartWithShippedConfig();
  // StartWithShippedConfig on the samples (skipping the test when there are none), then the NPS
  // export read again after the channels.
  void StartOnSamples();
  // Stops it the way SIGTERM does and waits; the store stays for the next StartServer.
  void StopServer();

  // The port the started server listens on, on 127.0.0.1.
  int server_port() const { return server_->port(); }
  const std::filesystem::path& temp_dir() const { return temp_dir_; }
  std::string store_path() const { return (temp_dir_ / "cxhub.db").string(); }
  CxhubClient& client() { return *client_; }

 private:
  std::filesystem::path temp_dir_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<CxhubClient> client_;
};

// The server with the shipped config over the real samples, every channel read once and the
// NPS export after them (as in the survey e2e test: a second read records nothing new). Skips
// when the samples are missing.
class ShippedSamplesE2eTest : public E2eTest {
 protected:
  void SetUp() override;
};

}  // namespace cxhub::e2e

#endif  // CXHUB_TESTS_E2E_E2E_FIXTURE_H_
