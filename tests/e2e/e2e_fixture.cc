#include "tests/e2e/e2e_fixture.h"

#include <stdlib.h>

#include <system_error>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/grpcpp.h"
#include "tests/e2e/shipped_config.h"
#include "tests/required_skip.h"

namespace cxhub::e2e {

void E2eTest::SetUp() {
  std::string pattern = (std::filesystem::path(::testing::TempDir()) / "cxhub_e2e_XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr) << "cannot create a temporary directory";
  temp_dir_ = pattern;
}

void E2eTest::TearDown() {
  StopServer();
  std::error_code ignored;
  if (!temp_dir_.empty()) std::filesystem::remove_all(temp_dir_, ignored);
}

void E2eTest::StartServer(const config::v1::ServerConfig& config) {
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(config);
  ASSERT_TRUE(server.ok()) << server.status();
  server_ = *std::move(server);
  ASSERT_GT(server_->port(), 0);
  std::shared_ptr<grpc::Channel> probe = grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", server_->port()), grpc::InsecureChannelCredentials());
  ASSERT_TRUE(probe->WaitForConnected(absl::ToChronoTime(absl::Now() + absl::Seconds(10))))
      << "cannot connect to the server on port " << server_->port();
  client_ = std::make_unique<CxhubClient>(server_->port());
}

void E2eTest::StartWithShippedConfig() {
  absl::StatusOr<config::v1::ServerConfig> config =
      LoadShippedConfig(absl::StrCat(CXHUB_SOURCE_DIR, "/config/cxhub.textproto"), CXHUB_SOURCE_DIR,
                        CXHUB_PLUGIN_DIR, store_path());
  ASSERT_TRUE(config.ok()) << config.status();
  ASSERT_NO_FATAL_FAILURE(StartServer(*config));
  ASSERT_TRUE(client().WaitForFirstReads().ok());
}

void E2eTest::StartOnSamples() {
  CXHUB_SKIP_UNLESS_SAMPLES();
  ASSERT_NO_FATAL_FAILURE(StartWithShippedConfig());
  // After the channels, as in the survey e2e test: a second read records nothing new.
  ASSERT_TRUE(client().RunAndWait("nps-survey").ok());
}

void E2eTest::StopServer() {
  client_.reset();
  if (server_ == nullptr) return;
  server_->Shutdown(absl::Seconds(5));
  server_->Wait();
  server_.reset();
}

void ShippedSamplesE2eTest::SetUp() {
  E2eTest::SetUp();
  if (HasFatalFailure()) return;
  StartOnSamples();
}

}  // namespace cxhub::e2e
