#include "tests/integration/server_fixture.h"

#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/integration/grpc_assertions.h"
#include "tests/required_skip.h"
#include "tests/storage/mysql_test_server.h"

namespace cxhub {
namespace {

// The server reads the MySQL password from this variable, which the test process sets: a
// password never goes on a command line or into a config file.
constexpr char kMysqlPasswordEnv[] = "CXHUB_INTEGRATION_MYSQL_PASSWORD";

config::v1::StoreConfig MysqlStoreConfig(const MysqlStoreOptions& database) {
  config::v1::StoreConfig store;
  config::v1::MysqlStore* mysql = store.mutable_mysql();
  mysql->set_host(database.host);
  mysql->set_port(static_cast<uint32_t>(database.port));
  mysql->set_user(database.user);
  mysql->set_password_env(kMysqlPasswordEnv);
  mysql->set_database(database.database);
  mysql->set_pool_size(8);
  // Tests stop the server on purpose: fail fast.
  mysql->set_connect_timeout_seconds(2);
  mysql->set_read_timeout_seconds(30);
  mysql->set_write_timeout_seconds(30);
  mysql->set_lock_wait_timeout_seconds(10);
  return store;
}

}  // namespace

StoreBackend MysqlStoreBackend() {
  StoreBackend mysql;
  mysql.name = "Mysql";
  const std::optional<MysqlStoreOptions> server = testing::MysqlTestServer();
  if (!server.has_value()) {
    mysql.skip_reason = testing::MysqlSkipReason();
    return mysql;
  }
  // Called while gtest registers the tests, before any server thread runs.
  setenv(kMysqlPasswordEnv, server->password.c_str(), /*overwrite=*/1);
  mysql.configure = [server = *server](const std::string&) -> absl::StatusOr<TestStore> {
    auto database = std::make_shared<testing::FreshMysqlDatabase>(server);
    if (!database->status().ok()) return database->status();
    TestStore store;
    store.config = MysqlStoreConfig(database->options());
    store.resources = std::move(database);
    return store;
  };
  return mysql;
}

std::vector<StoreBackend> StoreBackends() {
  StoreBackend sqlite;
  sqlite.name = "Sqlite";
  sqlite.configure = [](const std::string& temp_dir) -> absl::StatusOr<TestStore> {
    TestStore store;
    store.config.mutable_sqlite()->set_path(temp_dir + "/cxhub.db");
    return store;
  };
  return {sqlite, MysqlStoreBackend()};
}

std::vector<std::string> ServerTest::ListAllInteractions(v1::InteractionService::Stub& stub,
                                                         v1::ListInteractionsRequest request) {
  std::vector<std::string> names;
  for (int pages = 0; pages < 1000; ++pages) {
    v1::ListInteractionsResponse response;
    grpc::Status status = stub.ListInteractions(Context().get(), request, &response);
    EXPECT_TRUE(IsOk(status));
    if (!status.ok()) break;
    for (const v1::Interaction& interaction : response.interactions()) {
      names.push_back(interaction.name());
    }
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  return names;
}

std::string BackendName(const ::testing::TestParamInfo<StoreBackend>& info) {
  return info.param.name;
}

void ServerTest::SetUp() {
  if (!GetParam().skip_reason.empty()) CXHUB_SKIP_UNLESS_REQUIRED(GetParam().skip_reason);
  std::string pattern =
      (std::filesystem::path(::testing::TempDir()) / "cxhub_integration_XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr) << "cannot create a temporary directory";
  temp_dir_ = pattern;
  absl::StatusOr<TestStore> store = GetParam().configure(temp_dir_);
  ASSERT_TRUE(store.ok()) << store.status();
  store_ = *std::move(store);
  StartServer(BaseConfig());
}

void ServerTest::TearDown() {
  StopServer(absl::Seconds(5));
  store_.resources.reset();  // After the server: a MySQL database is dropped here.
  if (!temp_dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(temp_dir_, ignored);
  }
}

config::v1::ServerConfig ServerTest::BaseConfig() const {
  config::v1::ServerConfig config;
  config.set_listen_address("127.0.0.1:0");
  config.mutable_security()->set_plaintext(true);
  config.mutable_security()->set_auth_disabled(true);
  *config.mutable_store() = store_.config;
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
