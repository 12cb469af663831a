// PrivacyService over a real server on every store: an export streams what the other services
// return and survives a proto3 JSON round trip; erasure removes the customer, suppresses its
// identities (API writes naming them fail with FAILED_PRECONDITION) and leaves the audit log
// saying that an erasure happened; no key, no erasure; connectors' names are reserved sources.
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "cxhub/v1/audit.grpc.pb.h"
#include "cxhub/v1/customer.grpc.pb.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "cxhub/v1/privacy.grpc.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/integration/grpc_assertions.h"
#include "tests/integration/server_fixture.h"

namespace cxhub {
namespace {

using google::protobuf::util::MessageDifferencer;

v1::Identity Email(const std::string& value) {
  v1::Identity identity;
  identity.set_kind(v1::EMAIL);
  identity.set_value(value);
  return identity;
}

class PrivacyServiceTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    const std::string key_file = temp_dir() + "/suppression.key";
    std::ofstream(key_file) << "a test key of more than thirty-two bytes, kept secret";
    config::v1::ServerConfig config = BaseConfig();
    config.mutable_privacy()->set_suppression_key_file(key_file);
    config.add_plugin_dirs(temp_dir());
    config::v1::ConnectorInstance* connector = config.add_connectors();
    connector->set_name("orders-feed");
    connector->set_plugin("cxhub_orders.so");  // Missing: the connector fails, the server serves.
    connector->set_poll_interval_seconds(3600);
    ASSERT_NO_FATAL_FAILURE(Restart(config));
    Connect();
  }

  void Connect() {
    privacy_ = v1::PrivacyService::NewStub(channel());
    customers_ = v1::CustomerService::NewStub(channel());
    interactions_ = v1::InteractionService::NewStub(channel());
  }

  grpc::Status Record(const std::string& external_id, const std::string& address,
                      v1::RecordInteractionResponse* response, const std::string& source = "crm") {
    v1::RecordInteractionRequest request;
    v1::Interaction* interaction = request.mutable_interaction();
    interaction->set_channel("email");
    interaction->set_kind(v1::MESSAGE);
    interaction->set_direction(v1::INBOUND);
    interaction->mutable_occur_time()->set_seconds(1788771600 +
                                                   static_cast<int64_t>(external_id.size()) * 60);
    interaction->set_source(source);
    interaction->set_external_id(external_id);
    interaction->set_subject("Order 1234");
    interaction->set_body("Where is my parcel?");
    *request.add_customer_identities() = Email(address);
    return interactions_->RecordInteraction(Context().get(), request, response);
  }

  std::string RecordForAna() {
    v1::RecordInteractionResponse response;
    EXPECT_TRUE(IsOk(Record("ana-1", "ana@example.com", &response)));
    EXPECT_TRUE(IsOk(Record("ana-22", "ana@example.com", &response)));
    EXPECT_TRUE(IsOk(Record("ana-333", "ana@example.com", &response)));
    return response.interaction().customer();
  }

  // Every message of the export of `name`, each written as proto3 JSON and read back.
  std::vector<v1::ExportCustomerResponse> ExportThroughJson(const std::string& name) {
    v1::ExportCustomerRequest request;
    request.set_name(name);
    std::unique_ptr<grpc::ClientContext> context = Context();
    std::unique_ptr<grpc::ClientReader<v1::ExportCustomerResponse>> reader =
        privacy_->ExportCustomer(context.get(), request);
    std::vector<v1::ExportCustomerResponse> read_back;
    v1::ExportCustomerResponse message;
    while (reader->Read(&message)) {
      std::string json;
      EXPECT_TRUE(google::protobuf::util::MessageToJsonString(message, &json).ok());
      v1::ExportCustomerResponse parsed;
      EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &parsed).ok()) << json;
      read_back.push_back(parsed);
    }
    EXPECT_TRUE(IsOk(reader->Finish()));
    return read_back;
  }

  std::unique_ptr<v1::PrivacyService::Stub> privacy_;
  std::unique_ptr<v1::CustomerService::Stub> customers_;
  std::unique_ptr<v1::InteractionService::Stub> interactions_;
};

TEST_P(PrivacyServiceTest, ExportRoundTripsThroughJsonToWhatTheServicesReturn) {
  const std::string ana = RecordForAna();
  const std::vector<v1::ExportCustomerResponse> exported = ExportThroughJson(ana);
  ASSERT_EQ(exported.size(), 4u);

  v1::GetCustomerRequest get;
  get.set_name(ana);
  v1::Customer customer;
  ASSERT_TRUE(IsOk(customers_->GetCustomer(Context().get(), get, &customer)));
  ASSERT_TRUE(exported[0].has_customer());
  EXPECT_TRUE(MessageDifferencer::Equals(exported[0].customer(), customer))
      << exported[0].customer().DebugString() << " vs " << customer.DebugString();

  v1::ListInteractionsRequest list;
  list.set_parent(ana);
  v1::ListInteractionsResponse history;
  ASSERT_TRUE(IsOk(interactions_->ListInteractions(Context().get(), list, &history)));
  ASSERT_EQ(history.interactions_size(), 3);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(exported[i + 1].has_interaction());
    EXPECT_TRUE(MessageDifferencer::Equals(exported[i + 1].interaction(), history.interactions(i)))
        << exported[i + 1].interaction().DebugString();
  }
}

TEST_P(PrivacyServiceTest, ErasureRemovesTheCustomerAndRefusesItsIdentityEverywhere) {
  const std::string ana = RecordForAna();
  v1::EraseCustomerRequest erase;
  erase.set_name(ana);
  v1::EraseCustomerResponse erased;
  ASSERT_TRUE(IsOk(privacy_->EraseCustomer(Context().get(), erase, &erased)));
  EXPECT_EQ(erased.erased_customers_size(), 1);
  EXPECT_EQ(erased.suppressed_identities(), 1);

  v1::GetCustomerRequest get;
  get.set_name(ana);
  v1::Customer customer;
  EXPECT_TRUE(HasCode(customers_->GetCustomer(Context().get(), get, &customer),
                      grpc::StatusCode::NOT_FOUND));
  v1::RecordInteractionResponse recorded;
  EXPECT_TRUE(HasCode(Record("ana-4", " Ana@Example.com", &recorded),
                      grpc::StatusCode::FAILED_PRECONDITION));
  v1::CreateCustomerRequest create;
  *create.mutable_customer()->add_identities() = Email("ana@example.com");
  EXPECT_TRUE(HasCode(customers_->CreateCustomer(Context().get(), create, &customer),
                      grpc::StatusCode::FAILED_PRECONDITION));
  ASSERT_TRUE(IsOk(Record("bob-1", "bob@example.com", &recorded)));
  v1::AddIdentityRequest add;
  add.set_name(recorded.interaction().customer());
  *add.mutable_identity() = Email("ana@example.com");
  EXPECT_TRUE(HasCode(customers_->AddIdentity(Context().get(), add, &customer),
                      grpc::StatusCode::FAILED_PRECONDITION));

  // The audit log keeps that an erasure happened, and names the erased customer nowhere else.
  std::unique_ptr<v1::AuditService::Stub> audit = v1::AuditService::NewStub(channel());
  v1::ListAuditEntriesResponse entries;
  ASSERT_TRUE(
      IsOk(audit->ListAuditEntries(Context().get(), v1::ListAuditEntriesRequest(), &entries)));
  int erasures = 0;
  for (const v1::AuditEntry& entry : entries.audit_entries()) {
    if (entry.method() == "/cxhub.v1.PrivacyService/EraseCustomer") {
      ++erasures;
      continue;
    }
    EXPECT_EQ(entry.resource().find(ana), std::string::npos) << entry.method();
  }
  EXPECT_EQ(erasures, 1);
}

TEST_P(PrivacyServiceTest, ErasingAnIdentityDetachesItAndSuppressesIt) {
  const std::string ana = RecordForAna();
  v1::EraseIdentityRequest erase;
  *erase.mutable_identity() = Email("ANA@example.com");
  v1::EraseIdentityResponse erased;
  ASSERT_TRUE(IsOk(privacy_->EraseIdentity(Context().get(), erase, &erased)));
  EXPECT_EQ(erased.customer(), ana);
  v1::GetCustomerRequest get;
  get.set_name(ana);
  v1::Customer customer;
  ASSERT_TRUE(IsOk(customers_->GetCustomer(Context().get(), get, &customer)));
  EXPECT_EQ(customer.identities_size(), 0);
  v1::RecordInteractionResponse recorded;
  EXPECT_TRUE(HasCode(Record("ana-4", "ana@example.com", &recorded),
                      grpc::StatusCode::FAILED_PRECONDITION));
}

TEST_P(PrivacyServiceTest, WithoutAKeyErasureFailsNamingTheSetting) {
  ASSERT_NO_FATAL_FAILURE(Restart(BaseConfig()));
  Connect();
  const std::string ana = RecordForAna();
  v1::EraseCustomerRequest erase;
  erase.set_name(ana);
  v1::EraseCustomerResponse erased;
  const grpc::Status status = privacy_->EraseCustomer(Context().get(), erase, &erased);
  EXPECT_TRUE(HasCode(status, grpc::StatusCode::FAILED_PRECONDITION));
  EXPECT_NE(status.error_message().find("privacy.suppression_key_file"), std::string::npos)
      << status.error_message();
}

TEST_P(PrivacyServiceTest, ConnectorNamesAreReservedSources) {
  v1::RecordInteractionResponse recorded;
  for (const char* source : {"orders-feed", "cxhub_orders", "orders"}) {
    EXPECT_TRUE(
        IsInvalidField(Record("x-1", "cy@example.com", &recorded, source), "interaction.source"))
        << source;
  }
  EXPECT_TRUE(IsOk(Record("x-1", "cy@example.com", &recorded, "orders-feed-api")));
}

CXHUB_INSTANTIATE_FOR_EVERY_STORE(PrivacyServiceTest);

}  // namespace
}  // namespace cxhub
