// TLS and mutual TLS on the gRPC port, with certificates made by the openssl command line in
// the test: good, expired, signed by another CA, missing; and the plain-text loopback rule.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "cxhub/v1/customer.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "server/server.h"

namespace cxhub {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string ReadFile(const fs::path& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / absl::StrCat("tls_test_", getpid());
    fs::create_directories(dir_);
    MakeCa("ca");
    MakeCa("other_ca");
    Sign("server", "ca", 2, "subjectAltName=DNS:localhost,IP:127.0.0.1");
    Sign("expired", "ca", -1, "subjectAltName=DNS:localhost,IP:127.0.0.1");
    Sign("client", "ca", 2, "extendedKeyUsage=clientAuth");
    Sign("stranger", "other_ca", 2, "extendedKeyUsage=clientAuth");
  }

  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown(absl::ZeroDuration());
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  void Run(const std::string& command) {
    ASSERT_EQ(
        std::system(absl::StrCat("cd ", dir_.string(), " && ", command, " 2>/dev/null").c_str()), 0)
        << command;
  }
  void MakeCa(const std::string& name) {
    Run(absl::StrCat(
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ", name,
        ".key -out ", name, ".pem -days 2 -subj /CN=", name));
  }
  // A key and a certificate valid for `days` (negative: expired), signed by `ca`.
  void Sign(const std::string& name, const std::string& ca, int days, const std::string& ext) {
    Run(absl::StrCat("openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ",
                     name, ".key -out ", name, ".csr -subj /CN=localhost"));
    Run(absl::StrCat("printf '", ext, "\\n' > ", name, ".ext"));
    Run(absl::StrCat("openssl x509 -req -in ", name, ".csr -CA ", ca, ".pem -CAkey ", ca,
                     ".key -CAcreateserial -out ", name, ".pem -days ", days, " -extfile ", name,
                     ".ext"));
  }

  config::v1::ServerConfig Config(const std::string& cert) const {
    config::v1::ServerConfig config;
    config.set_listen_address("127.0.0.1:0");
    config.mutable_store()->mutable_sqlite()->set_path((dir_ / "cxhub.db").string());
    config.set_default_phone_region("PT");
    config.mutable_security()->set_auth_disabled(true);
    config::v1::TlsConfig* tls = config.mutable_security()->mutable_tls();
    tls->set_cert_file((dir_ / (cert + ".pem")).string());
    tls->set_key_file((dir_ / (cert + ".key")).string());
    return config;
  }

  void Start(const config::v1::ServerConfig& config) {
    absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(config);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
  }

  // GetCustomer of a customer that does not exist: NOT_FOUND once the handshake succeeded.
  grpc::StatusCode Call(const std::string& trusted_ca, const std::string& client_cert = "") {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = ReadFile(dir_ / (trusted_ca + ".pem"));
    if (!client_cert.empty()) {
      ssl.pem_cert_chain = ReadFile(dir_ / (client_cert + ".pem"));
      ssl.pem_private_key = ReadFile(dir_ / (client_cert + ".key"));
    }
    grpc::ChannelArguments args;
    args.SetSslTargetNameOverride("localhost");
    auto channel = grpc::CreateCustomChannel(absl::StrCat("127.0.0.1:", server_->port()),
                                             grpc::SslCredentials(ssl), args);
    v1::CustomerService::Stub stub(channel);
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
    v1::GetCustomerRequest request;
    request.set_name("customers/999");
    v1::Customer customer;
    return stub.GetCustomer(&context, request, &customer).error_code();
  }

  fs::path dir_;
  std::unique_ptr<Server> server_;
};

TEST_F(TlsTest, GoodCertificateServesClientsThatTrustItsCa) {
  Start(Config("server"));
  EXPECT_EQ(Call("ca"), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Call("other_ca"), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(TlsTest, ExpiredCertificateFailsTheHandshake) {
  Start(Config("expired"));
  EXPECT_EQ(Call("ca"), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(TlsTest, MissingCertificateRefusesToStartNamingTheField) {
  config::v1::ServerConfig config = Config("server");
  config.mutable_security()->mutable_tls()->set_cert_file((dir_ / "missing.pem").string());
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(config);
  ASSERT_FALSE(server.ok());
  EXPECT_THAT(server.status().message(), HasSubstr("security.tls.cert_file: cannot read"));
}

TEST_F(TlsTest, MutualTlsAdmitsOnlyClientsWithACertificateFromTheClientCa) {
  config::v1::ServerConfig config = Config("server");
  config.mutable_security()->mutable_tls()->set_client_ca_file((dir_ / "ca.pem").string());
  Start(config);
  EXPECT_EQ(Call("ca", "client"), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Call("ca"), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Call("ca", "stranger"), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(TlsTest, RenewedCertificateIsServedWithoutARestart) {
  config::v1::ServerConfig config = Config("server");
  fs::copy_file(dir_ / "expired.pem", dir_ / "live.pem");
  fs::copy_file(dir_ / "expired.key", dir_ / "live.key");
  config.mutable_security()->mutable_tls()->set_cert_file((dir_ / "live.pem").string());
  config.mutable_security()->mutable_tls()->set_key_file((dir_ / "live.key").string());
  config.mutable_security()->mutable_tls()->set_refresh_interval_seconds(1);
  Start(config);
  EXPECT_EQ(Call("ca"), grpc::StatusCode::UNAVAILABLE);
  fs::copy_file(dir_ / "server.pem", dir_ / "live.pem", fs::copy_options::overwrite_existing);
  fs::copy_file(dir_ / "server.key", dir_ / "live.key", fs::copy_options::overwrite_existing);
  grpc::StatusCode code = grpc::StatusCode::UNAVAILABLE;
  for (int attempt = 0; attempt < 20 && code == grpc::StatusCode::UNAVAILABLE; ++attempt) {
    absl::SleepFor(absl::Milliseconds(500));
    code = Call("ca");
  }
  EXPECT_EQ(code, grpc::StatusCode::NOT_FOUND);
}

TEST_F(TlsTest, PlainTextIsRefusedBeyondLoopbackUnlessOverridden) {
  config::v1::ServerConfig config = Config("server");
  config.mutable_security()->clear_tls();
  config.mutable_security()->set_plaintext(true);
  config.set_listen_address("0.0.0.0:0");
  absl::StatusOr<std::unique_ptr<Server>> refused = Server::Start(config);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.status().message(),
              HasSubstr("refusing to serve plain text on 0.0.0.0:0, which is not a loopback"));
  config.mutable_security()->set_plaintext_beyond_loopback(true);
  Start(config);
  EXPECT_GT(server_->port(), 0);
}

TEST_F(TlsTest, NoSecurityAtAllIsRefused) {
  config::v1::ServerConfig config = Config("server");
  config.clear_security();
  absl::StatusOr<std::unique_ptr<Server>> refused = Server::Start(config);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.status().message(), HasSubstr("config: security: required"));
}

}  // namespace
}  // namespace cxhub
