// The MySQL store over TLS from the config (security.mysql_tls), against the MariaDB server of
// scripts/mariadb, which serves TLS with a certificate for 127.0.0.1 signed by the CA it leaves
// in CXHUB_TEST_MYSQL_DIR/tls/ca.pem. Skipped, like every MySQL test, without CXHUB_TEST_MYSQL
// (and without CXHUB_TEST_MYSQL_DIR, which says where the CA is).
#include <sys/types.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "cxhub/config/v1/config.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/store.h"
#include "server/storage/mysql_driver.h"
#include "server/store_from_config.h"
#include "tests/required_skip.h"
#include "tests/storage/mysql_test_server.h"

namespace cxhub::testing {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;
using ::testing::Not;

// The user scripts/mariadb makes that the server accepts over TLS only (REQUIRE SSL): a store
// that logs in as it has an encrypted session on every connection of its pool.
constexpr char kTlsOnlyUser[] = "cxhub_tls";
constexpr char kTlsOnlyPassword[] = "cxhub_tls";
constexpr char kPasswordVariable[] = "CXHUB_TEST_MYSQL_TLS_PASSWORD";

class MysqlTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = MysqlTestServer();
    const char* dir = std::getenv(kMysqlDirEnv);
    if (!server_.has_value() || dir == nullptr || *dir == '\0') {
      CXHUB_SKIP_UNLESS_REQUIRED(MysqlDirSkipReason());
    }
    ca_file_ = std::filesystem::path(dir) / "tls" / "ca.pem";
    ASSERT_TRUE(std::filesystem::exists(ca_file_))
        << ca_file_ << " is missing: scripts/mariadb start makes it";
    database_ = std::make_unique<FreshMysqlDatabase>(*server_);
    ASSERT_TRUE(database_->status().ok()) << database_->status();
    setenv(kPasswordVariable, kTlsOnlyPassword, 1);
  }

  // The store config of the fresh database, logging in as the TLS-only user.
  config::v1::StoreConfig StoreConfig() const {
    config::v1::StoreConfig config;
    config::v1::MysqlStore& mysql = *config.mutable_mysql();
    mysql.set_host(server_->host);
    mysql.set_port(static_cast<uint32_t>(server_->port));
    mysql.set_user(kTlsOnlyUser);
    mysql.set_password_env(kPasswordVariable);
    mysql.set_database(database_->options().database);
    mysql.set_connect_timeout_seconds(5);
    return config;
  }

  static config::v1::MysqlTlsConfig Tls(const std::string& ca_file) {
    config::v1::MysqlTlsConfig tls;
    tls.set_enabled(true);
    tls.set_ca_file(ca_file);
    tls.set_verify_server_identity(true);
    return tls;
  }

  std::optional<MysqlStoreOptions> server_;
  std::filesystem::path ca_file_;
  std::unique_ptr<FreshMysqlDatabase> database_;
};

TEST_F(MysqlTlsTest, StoreOpensWithTheServersCaAndIdentityChecked) {
  absl::StatusOr<std::unique_ptr<Store>> store =
      OpenStoreFromConfig(StoreConfig(), absl::Hours(24 * 90), Tls(ca_file_.string()));
  ASSERT_TRUE(store.ok()) << store.status();
}

TEST_F(MysqlTlsTest, TheTlsOnlyUserIsRefusedInPlainText) {
  // Shows that the store above could only have logged in over TLS.
  absl::StatusOr<std::unique_ptr<Store>> store =
      OpenStoreFromConfig(StoreConfig(), absl::Hours(24 * 90));
  EXPECT_FALSE(store.ok());
}

TEST_F(MysqlTlsTest, SessionWithTheStoresOptionsHasACipher) {
  // The options the store's pool connects with (store_from_config.cc, mysql_store.cc).
  MysqlConnectionOptions options = database_->connection_options();
  options.tls = true;
  options.tls_ca_file = ca_file_.string();
  options.tls_verify_server_identity = true;
  absl::StatusOr<std::unique_ptr<Connection>> connection = OpenMysqlConnection(options);
  ASSERT_TRUE(connection.ok()) << connection.status();
  absl::StatusOr<std::unique_ptr<Statement>> statement =
      (*connection)->Prepare("SHOW SESSION STATUS LIKE 'Ssl_cipher'");
  ASSERT_TRUE(statement.ok()) << statement.status();
  absl::StatusOr<bool> row = (*statement)->Step();
  ASSERT_TRUE(row.ok()) << row.status();
  ASSERT_TRUE(*row);
  EXPECT_THAT((*statement)->ColumnText(1), Not(""));
}

TEST_F(MysqlTlsTest, AnotherCaIsRefusedWithAClearStatus) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / absl::StrCat("cxhub_mysql_tls_", getpid());
  std::filesystem::create_directories(dir);
  const std::string wrong_ca = (dir / "wrong-ca.pem").string();
  ASSERT_EQ(std::system(absl::StrCat("openssl req -x509 -newkey ec -pkeyopt "
                                     "ec_paramgen_curve:prime256v1 -nodes -days 1 -subj "
                                     "'/CN=not the MariaDB CA' -keyout ",
                                     (dir / "wrong-ca-key.pem").string(), " -out ", wrong_ca,
                                     " >/dev/null 2>&1")
                            .c_str()),
            0);
  absl::StatusOr<std::unique_ptr<Store>> store =
      OpenStoreFromConfig(StoreConfig(), absl::Hours(24 * 90), Tls(wrong_ca));
  std::filesystem::remove_all(dir);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), absl::StatusCode::kUnavailable) << store.status();
  EXPECT_THAT(store.status().message(), HasSubstr("store.mysql"));
  EXPECT_THAT(store.status().message(),
              AnyOf(HasSubstr("SSL"), HasSubstr("TLS"), HasSubstr("certificate")));
}

}  // namespace
}  // namespace cxhub::testing
