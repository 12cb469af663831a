#include "tests/integration/server_fixture.h"

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace cxhub {

std::vector<StoreBackend> StoreBackends() {
  StoreBackend sqlite;
  sqlite.name = "Sqlite";
  sqlite.configure = [](const std::string& temp_dir) -> absl::StatusOr<config::v1::StoreConfig> {
    config::v1::StoreConfig store;
    store.mutable_sqlite()->set_path(temp_dir + "/cxhub.db");
    return store;
  };
  return {sqlite};
}

std::string BackendName(const testing::TestParamInfo<StoreBackend>& info) {
  return info.param.name;
}

void ServerTest::SetUp() {
  std::string pattern =
      (std::filesystem::path(testing::TempDir()) / "cxhub_integration_XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr) << "cannot create a temporary directory";
  temp_dir_ = pattern;
  absl::StatusOr<config::v1::StoreConfig> store = GetParam().configure(temp_dir_);
  ASSERT_TRUE(store.ok()) << store.status();
  store_config_ = *std::move(store);
  StartServer(BaseConfig());
}

void ServerTest::TearDown() {
  StopServer(absl::Seconds(5));
  if (!temp_dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(temp_dir_, ignored);
  }
}

config::v1::ServerConfig ServerTest::BaseConfig() const {
  config::v1::ServerConfig config;
  config.set_listen_address("127.0.0.1:0");
  *config.mutable_store() = store_config_;
  config.set_default_phone_region("PT");
  return config;
}

void ServerTest::Restart(const config::v1::ServerConfig& config) {
  StopServer(absl::Seconds(5));
  StartServer(config);
}

void ServerTest::StopServer(absl::Duration grace) {
  channel_.reset();
  if (server_ == nullptr) return;
  server_->Shutdown(grace);
  server_->Wait();
  server_.reset();
}

void ServerTest::StartServer(const config::v1::ServerConfig& config) {
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(config);
  ASSERT_TRUE(server.ok()) << server.status();
  server_ = *std::move(server);
  ASSERT_GT(server_->port(), 0);
  channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()),
                                 grpc::InsecureChannelCredentials());
  ASSERT_TRUE(channel_->WaitForConnected(absl::ToChronoTime(absl::Now() + absl::Seconds(10))))
      << "cannot connect to the server on port " << server_->port();
}

std::unique_ptr<grpc::ClientContext> ServerTest::Context(absl::Duration timeout) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  return context;
}

}  // namespace cxhub
