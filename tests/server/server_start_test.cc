// Server::Start refuses configurations it cannot serve, naming the field.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
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

// A second server on a taken address fails to start, rather than sharing the port with the
// first (gRPC's default SO_REUSEPORT) and receiving some of its connections.
TEST(ServerStart, ATakenListenAddressIsRefused) {
  const std::string dir = ::testing::TempDir();
  const auto config_with = [&](const std::string& address, const std::string& db) {
    absl::StatusOr<config::v1::ServerConfig> config =
        ParseConfig(absl::StrCat(R"pb(listen_address: ")pb", address,
                                 R"pb("
                                      security { plaintext: true auth_disabled: true }
                                      default_phone_region: "PT"
                                      store { sqlite { path: ")pb",
                                 dir, db, R"pb(" } })pb"),
                    "test");
    EXPECT_TRUE(config.ok()) << config.status();
    return *config;
  };
  absl::StatusOr<std::unique_ptr<Server>> first =
      Server::Start(config_with("127.0.0.1:0", "taken_address_first.db"));
  ASSERT_TRUE(first.ok()) << first.status();
  absl::StatusOr<std::unique_ptr<Server>> second = Server::Start(
      config_with(absl::StrCat("127.0.0.1:", (*first)->port()), "taken_address_second.db"));
  ASSERT_FALSE(second.ok());
  EXPECT_THAT(second.status().message(), HasSubstr("listen_address"));
  (*first)->Shutdown(absl::Seconds(5));
}

}  // namespace
}  // namespace cxhub
