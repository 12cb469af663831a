// Server::Start refuses configurations it cannot serve, naming the field.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/config_loader.h"
#include "server/server.h"

namespace cxhub {
namespace {

using ::testing::HasSubstr;

config::v1::ServerConfig MysqlConfig(const std::string& password_settings) {
  absl::StatusOr<config::v1::ServerConfig> config = ParseConfig(
      R"pb(listen_address: "127.0.0.1:0"
           security { plaintext: true auth_disabled: true }
           default_phone_region: "PT"
           store { mysql { host: "127.0.0.1" port: 1 user: "u" database: "d")pb" +
          password_settings + " } }",
      "test");
  EXPECT_TRUE(config.ok()) << config.status();
  return *config;
}

TEST(ServerStart, UnreadablePasswordFileIsNamed) {
  absl::StatusOr<std::unique_ptr<Server>> server =
      Server::Start(MysqlConfig(R"pb(password_file: "/nonexistent/cxhub-password")pb"));
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(server.status().message(), HasSubstr("store.mysql.password_file"));
}

TEST(ServerStart, MissingPasswordVariableIsNamed) {
  absl::StatusOr<std::unique_ptr<Server>> server =
      Server::Start(MysqlConfig(R"pb(password_env: "CXHUB_TEST_UNSET_PASSWORD_VARIABLE")pb"));
  ASSERT_FALSE(server.ok());
  EXPECT_THAT(server.status().message(), HasSubstr("CXHUB_TEST_UNSET_PASSWORD_VARIABLE"));
}

TEST(ServerStart, UnreachableDatabaseIsUnavailable) {
  // Port 1 on loopback refuses connections at once.
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(MysqlConfig(""));
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().code(), absl::StatusCode::kUnavailable) << server.status();
  EXPECT_THAT(server.status().message(), HasSubstr("store.mysql"));
}

TEST(ServerStart, UnknownPhoneRegionIsNamed) {
  absl::StatusOr<config::v1::ServerConfig> config = ParseConfig(
      R"pb(listen_address: "127.0.0.1:0"
           security { plaintext: true auth_disabled: true }
           default_phone_region: "XX"
           store { sqlite { path: "unused.db" } })pb",
      "test");
  ASSERT_TRUE(config.ok());
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(*config);
  ASSERT_FALSE(server.ok());
  EXPECT_THAT(server.status().message(), HasSubstr("default_phone_region"));
}

}  // namespace
}  // namespace cxhub
