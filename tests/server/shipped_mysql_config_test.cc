// config/cxhub.mysql.textproto, the config the README hands to MySQL users: it loads and
// validates as shipped, and the store it describes opens on a real MariaDB (scripts/mariadb)
// once only where the server is and who logs in are changed, the password read from a file as
// the shipped config reads it.
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "cxhub/config/v1/config.pb.h"
#include "gtest/gtest.h"
#include "server/config_loader.h"
#include "server/core/store.h"
#include "server/store_from_config.h"
#include "tests/required_skip.h"
#include "tests/storage/mysql_test_server.h"

namespace cxhub::testing {
namespace {

std::string ShippedMysqlConfigPath() {
  return std::string(CXHUB_SOURCE_DIR) + "/config/cxhub.mysql.textproto";
}

TEST(ShippedMysqlConfig, LoadsAndNamesAMysqlStoreWithThePasswordInAFile) {
  absl::StatusOr<config::v1::ServerConfig> config = LoadConfig(ShippedMysqlConfigPath());
  ASSERT_TRUE(config.ok()) << config.status();
  ASSERT_TRUE(config->store().has_mysql());
  const config::v1::MysqlStore& mysql = config->store().mysql();
  EXPECT_EQ(mysql.database(), "cxhub");
  EXPECT_EQ(mysql.password_file(), "/etc/cxhub/mysql-password");
  EXPECT_TRUE(mysql.password_env().empty());
  // A lock wait must give up before the client does (mysql_driver.h, lock_wait_timeout).
  EXPECT_LT(mysql.lock_wait_timeout_seconds(), mysql.read_timeout_seconds());
  EXPECT_EQ(config->identity_conflict_policy(), config::v1::MERGE);
}

TEST(ShippedMysqlConfig, ItsStoreOpensOnTheTestServer) {
  const std::optional<MysqlStoreOptions> server = MysqlTestServer();
  if (!server.has_value()) CXHUB_SKIP_UNLESS_REQUIRED(MysqlSkipReason());
  FreshMysqlDatabase database(*server);
  ASSERT_TRUE(database.status().ok()) << database.status();
  absl::StatusOr<config::v1::ServerConfig> config = LoadConfig(ShippedMysqlConfigPath());
  ASSERT_TRUE(config.ok()) << config.status();

  const std::filesystem::path password_file =
      std::filesystem::path(::testing::TempDir()) /
      absl::StrCat("cxhub_mysql_password_", database.options().database);
  std::ofstream(password_file) << server->password << "\n";  // The newline is ignored.
  config::v1::MysqlStore& mysql = *config->mutable_store()->mutable_mysql();
  mysql.set_host(server->host);
  mysql.set_port(static_cast<uint32_t>(server->port));
  mysql.set_user(server->user);
  mysql.set_database(database.options().database);
  mysql.set_password_file(password_file.string());
  absl::StatusOr<std::unique_ptr<Store>> store =
      OpenStoreFromConfig(config->store(), absl::Hours(24 * 90));
  std::filesystem::remove(password_file);
  ASSERT_TRUE(store.ok()) << store.status();
  absl::Status read =
      (*store)->Read([](StoreReader& reader) { return reader.LatestInteractionId().status(); });
  EXPECT_TRUE(read.ok()) << read;
}

}  // namespace
}  // namespace cxhub::testing
