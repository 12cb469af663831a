// Tokens and roles over real gRPC: every role, no token and an unknown token against every RPC
// of the role table (read from the protos), tokens reloaded while calls run, and the audit
// log written for merges and deletes and listed by admins only.
#include <atomic>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "cxhub/v1/audit.grpc.pb.h"
#include "cxhub/v1/customer.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "server/auth/method_access.h"
#include "server/auth/token_hash.h"
#include "tests/integration/server_fixture.h"

namespace cxhub {
namespace {

using ::testing::HasSubstr;

constexpr char kReaderToken[] = "reader-token-0123456789";
constexpr char kWriterToken[] = "writer-token-0123456789";
constexpr char kAdminToken[] = "admin-token-0123456789";

struct Presented {
  const char* label;
  const char* token;  // Null: no authorization metadata.
  std::optional<Role> role;
};

std::string TokenLine(absl::string_view name, absl::string_view role, absl::string_view token) {
  return absl::StrCat(name, " ", role, " ", TokenSha256Hex(token), "\n");
}

// Calls `full_method` with an empty request and returns the status. Unary and server-streaming
// methods look the same on the wire: one request, then responses until the status.
grpc::Status CallWithEmptyRequest(grpc::Channel& channel, const std::string& full_method,
                                  const char* token) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(2)));
  if (token != nullptr) context.AddMetadata("authorization", absl::StrCat("Bearer ", token));
  grpc::ByteBuffer request;  // Empty: every field at its default.
  grpc::Slice empty("");
  request = grpc::ByteBuffer(&empty, 1);
  std::unique_ptr<grpc::ClientReader<grpc::ByteBuffer>> reader(
      grpc::internal::ClientReaderFactory<grpc::ByteBuffer>::Create(
          &channel,
          grpc::internal::RpcMethod(full_method.c_str(),
                                    grpc::internal::RpcMethod::SERVER_STREAMING),
          &context, request));
  grpc::ByteBuffer response;
  while (reader->Read(&response)) {
  }
  return reader->Finish();
}

// One ServerReflectionInfo exchange (list_services) carrying `token` (null: none); its status.
grpc::Status ListServicesByReflection(const std::shared_ptr<grpc::Channel>& channel,
                                      const char* token) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
  if (token != nullptr) context.AddMetadata("authorization", absl::StrCat("Bearer ", token));
  grpc::CompletionQueue queue;
  auto call = stub.PrepareCall(
      &context, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", &queue);
  auto step = [&queue] {
    void* tag = nullptr;
    bool ok = false;
    return queue.Next(&tag, &ok) && ok;
  };
  call->StartCall(reinterpret_cast<void*>(1));
  if (step()) {
    const char list_services[] = {0x3a, 0x00};  // Field 7, length-delimited, empty.
    grpc::Slice slice(list_services, sizeof(list_services));
    call->Write(grpc::ByteBuffer(&slice, 1), reinterpret_cast<void*>(2));
    if (step()) {
      grpc::ByteBuffer response;
      call->Read(&response, reinterpret_cast<void*>(3));
      step();
    }
  }
  call->WritesDone(reinterpret_cast<void*>(4));
  step();
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(5));
  step();
  queue.Shutdown();
  void* ignored_tag;
  bool ignored_ok;
  while (queue.Next(&ignored_tag, &ignored_ok)) {
  }
  return status;
}

class AccessTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    tokens_file_ = absl::StrCat(temp_dir(), "/tokens");
    WriteTokens(TokenLine("reader-bot", "reader", kReaderToken) +
                TokenLine("writer-bot", "writer", kWriterToken) +
                TokenLine("admin-person", "admin", kAdminToken));
    config::v1::ServerConfig config = BaseConfig();
    config.mutable_security()->set_auth_disabled(false);
    config.mutable_security()->set_tokens_file(tokens_file_);
    Restart(config);
  }

  void WriteTokens(const std::string& text) {
    std::ofstream(tokens_file_ + ".new") << text;
    std::rename((tokens_file_ + ".new").c_str(), tokens_file_.c_str());
  }

  static std::unique_ptr<grpc::ClientContext> ContextWith(const char* token) {
    std::unique_ptr<grpc::ClientContext> context = Context();
    context->AddMetadata("authorization", absl::StrCat("Bearer ", token));
    return context;
  }

  std::string CreateCustomer(const std::string& email) {
    v1::CustomerService::Stub stub(channel());
    v1::CreateCustomerRequest request;
    v1::Identity* identity = request.mutable_customer()->add_identities();
    identity->set_kind(v1::EMAIL);
    identity->set_value(email);
    v1::Customer customer;
    grpc::Status status = stub.CreateCustomer(ContextWith(kWriterToken).get(), request, &customer);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return customer.name();
  }

  std::string tokens_file_;
};

TEST_P(AccessTest, EveryRoleAgainstEveryRpcOfTheRoleTable) {
  absl::StatusOr<MethodAccessTable> table =
      MethodAccessTable::FromDescriptors(ProtectedServiceNames());
  ASSERT_TRUE(table.ok()) << table.status();
  const Presented presented[] = {{"no token", nullptr, std::nullopt},
                                 {"unknown token", "not-a-known-token", std::nullopt},
                                 {"reader", kReaderToken, Role::kReader},
                                 {"writer", kWriterToken, Role::kWriter},
                                 {"admin", kAdminToken, Role::kAdmin}};
  for (const MethodAccess& method : table->methods()) {
    for (const Presented& caller : presented) {
      SCOPED_TRACE(absl::StrCat(method.full_method, " as ", caller.label));
      const grpc::Status status =
          CallWithEmptyRequest(*channel(), method.full_method, caller.token);
      if (!caller.role.has_value()) {
        EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
      } else if (!RoleAllows(*caller.role, method.required_role)) {
        EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << status.error_message();
      } else {
        EXPECT_NE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
        EXPECT_NE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << status.error_message();
        EXPECT_NE(status.error_code(), grpc::StatusCode::UNIMPLEMENTED) << status.error_message();
      }
    }
  }
}

TEST_P(AccessTest, HealthStaysOpenWithoutAToken) {
  const grpc::Status status =
      CallWithEmptyRequest(*channel(), "/grpc.health.v1.Health/Check", nullptr);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_P(AccessTest, ReflectionNeedsAToken) {
  EXPECT_EQ(ListServicesByReflection(channel(), nullptr).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ListServicesByReflection(channel(), "not-a-known-token").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  const grpc::Status status = ListServicesByReflection(channel(), kReaderToken);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_P(AccessTest, TokensReloadedWhileCallsRunWithoutDroppingThem) {
  const std::string name = CreateCustomer("reload@example.com");
  std::atomic<bool> stop{false};
  std::atomic<int> failures_other_than_auth{0};
  std::atomic<int> calls{0};
  std::thread caller([&] {
    v1::CustomerService::Stub stub(channel());
    while (!stop) {
      v1::GetCustomerRequest request;
      request.set_name(name);
      v1::Customer customer;
      grpc::Status status = stub.GetCustomer(ContextWith(kReaderToken).get(), request, &customer);
      if (!status.ok() && status.error_code() != grpc::StatusCode::UNAUTHENTICATED) {
        ++failures_other_than_auth;
      }
      ++calls;
    }
  });
  const char kNewToken[] = "rotated-reader-token-42";
  for (int round = 0; round < 5; ++round) {
    WriteTokens(TokenLine("rotated", "reader", kNewToken) +
                (round % 2 == 0 ? "" : TokenLine("reader-bot", "reader", kReaderToken)));
    ASSERT_TRUE(server().ReloadTokens().ok());
    absl::SleepFor(absl::Milliseconds(50));
  }
  stop = true;
  caller.join();
  EXPECT_GT(calls.load(), 0);
  EXPECT_EQ(failures_other_than_auth.load(), 0);

  v1::CustomerService::Stub stub(channel());
  v1::GetCustomerRequest request;
  request.set_name(name);
  v1::Customer customer;
  EXPECT_TRUE(stub.GetCustomer(ContextWith(kNewToken).get(), request, &customer).ok());
  WriteTokens(TokenLine("rotated", "reader", kNewToken));
  ASSERT_TRUE(server().ReloadTokens().ok());
  EXPECT_EQ(stub.GetCustomer(ContextWith(kReaderToken).get(), request, &customer).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  // A file that does not parse keeps the tokens in force.
  WriteTokens("broken line\n");
  EXPECT_FALSE(server().ReloadTokens().ok());
  EXPECT_TRUE(stub.GetCustomer(ContextWith(kNewToken).get(), request, &customer).ok());
}

TEST_P(AccessTest, MergeAndDeleteAreAuditedAndListedByAdminsOnly) {
  const std::string survivor = CreateCustomer("survivor@example.com");
  const std::string merged = CreateCustomer("merged@example.com");
  v1::CustomerService::Stub customers(channel());
  v1::MergeCustomersRequest merge;
  merge.set_name(survivor);
  merge.set_merged_customer(merged);
  v1::Customer customer;
  // A writer may not merge: denied, and audited as denied.
  EXPECT_EQ(
      customers.MergeCustomers(ContextWith(kWriterToken).get(), merge, &customer).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(customers.MergeCustomers(ContextWith(kAdminToken).get(), merge, &customer).ok());
  v1::DeleteCustomerRequest erase;
  erase.set_name(survivor);
  google::protobuf::Empty empty;
  ASSERT_TRUE(customers.DeleteCustomer(ContextWith(kAdminToken).get(), erase, &empty).ok());

  v1::AuditService::Stub audit(channel());
  v1::ListAuditEntriesRequest list;
  v1::ListAuditEntriesResponse page;
  EXPECT_EQ(audit.ListAuditEntries(ContextWith(kWriterToken).get(), list, &page).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  list.set_page_size(3);
  ASSERT_TRUE(audit.ListAuditEntries(ContextWith(kAdminToken).get(), list, &page).ok());
  ASSERT_EQ(page.audit_entries_size(), 3);
  // Newest first: the writer's denied listing (admin methods are audited, denied or not), the
  // delete, then the merge.
  EXPECT_EQ(page.audit_entries(0).method(), "/cxhub.v1.AuditService/ListAuditEntries");
  EXPECT_EQ(page.audit_entries(0).token_name(), "writer-bot");
  EXPECT_EQ(page.audit_entries(0).status_code(), 7);  // PERMISSION_DENIED
  EXPECT_EQ(page.audit_entries(1).method(), "/cxhub.v1.CustomerService/DeleteCustomer");
  EXPECT_EQ(page.audit_entries(1).token_name(), "admin-person");
  EXPECT_EQ(page.audit_entries(1).resource(), survivor);
  EXPECT_EQ(page.audit_entries(1).status_code(), 0);
  EXPECT_EQ(page.audit_entries(2).method(), "/cxhub.v1.CustomerService/MergeCustomers");
  EXPECT_EQ(page.audit_entries(2).resource(), absl::StrCat(survivor, " ", merged));
  ASSERT_FALSE(page.next_page_token().empty());

  list.set_page_token(page.next_page_token());
  list.set_page_size(10);
  ASSERT_TRUE(audit.ListAuditEntries(ContextWith(kAdminToken).get(), list, &page).ok());
  std::vector<std::string> older;
  for (const v1::AuditEntry& entry : page.audit_entries()) {
    older.push_back(absl::StrCat(entry.method(), " ", entry.token_name(), " ", entry.status_code(),
                                 " ", entry.resource()));
  }
  EXPECT_THAT(
      older, ::testing::ElementsAre(
                 absl::StrCat("/cxhub.v1.CustomerService/MergeCustomers writer-bot 7 ", survivor,
                              " ", merged),
                 absl::StrCat("/cxhub.v1.CustomerService/CreateCustomer writer-bot 0 ", merged),
                 absl::StrCat("/cxhub.v1.CustomerService/CreateCustomer writer-bot 0 ", survivor)));
}

TEST_P(AccessTest, UnknownTokenSaysSoWithoutNamingAnyToken) {
  v1::CustomerService::Stub stub(channel());
  v1::GetCustomerRequest request;
  request.set_name("customers/1");
  v1::Customer customer;
  grpc::Status status = stub.GetCustomer(ContextWith("guess").get(), request, &customer);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(status.error_message(), HasSubstr("unknown or revoked token"));
}

CXHUB_INSTANTIATE_FOR_EVERY_STORE(AccessTest);

}  // namespace
}  // namespace cxhub
