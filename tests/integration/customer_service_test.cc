// CustomerService over a real server: every RPC, normalization on lookup, merges and errors.
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "absl/strings/match.h"
#include "cxhub/v1/customer.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/integration/grpc_assertions.h"
#include "tests/integration/server_fixture.h"

namespace cxhub {
namespace {

v1::Identity MakeIdentity(v1::IdentityKind kind, const std::string& value) {
  v1::Identity identity;
  identity.set_kind(kind);
  identity.set_value(value);
  return identity;
}

// How many of this process's threads have a name that starts with `prefix`.
int ThreadsNamed(const std::string& prefix) {
  int count = 0;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream comm(task.path() / "comm");
    std::string name;
    std::getline(comm, name);
    if (absl::StartsWith(name, prefix)) ++count;
  }
  return count;
}

class CustomerServiceTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    stub_ = v1::CustomerService::NewStub(channel());
  }

  v1::Customer Create(const std::string& display_name,
                      std::initializer_list<v1::Identity> identities = {}) {
    v1::CreateCustomerRequest request;
    request.mutable_customer()->set_display_name(display_name);
    for (const v1::Identity& identity : identities) {
      *request.mutable_customer()->add_identities() = identity;
    }
    v1::Customer customer;
    grpc::Status status = stub_->CreateCustomer(Context().get(), request, &customer);
    EXPECT_TRUE(IsOk(status));
    return customer;
  }

  grpc::Status Get(const std::string& name, v1::Customer* customer) {
    v1::GetCustomerRequest request;
    request.set_name(name);
    return stub_->GetCustomer(Context().get(), request, customer);
  }

  grpc::Status Lookup(v1::IdentityKind kind, const std::string& value, v1::Customer* customer) {
    v1::LookupCustomerRequest request;
    *request.mutable_identity() = MakeIdentity(kind, value);
    return stub_->LookupCustomer(Context().get(), request, customer);
  }

  std::unique_ptr<v1::CustomerService::Stub> stub_;
};

TEST_P(CustomerServiceTest, CreateNormalizesIdentitiesAndGetReturnsTheCustomer) {
  v1::Customer created = Create("Tom Becker", {MakeIdentity(v1::EMAIL, " Tom.Becker@Example.DE"),
                                               MakeIdentity(v1::PHONE, "912 345 678")});
  EXPECT_TRUE(absl::StartsWith(created.name(), "customers/")) << created.name();
  EXPECT_TRUE(created.has_create_time());
  std::set<std::string> values;
  for (const v1::Identity& identity : created.identities()) values.insert(identity.value());
  EXPECT_EQ(values, (std::set<std::string>{"tom.becker@example.de", "+351912345678"}));

  v1::Customer got;
  ASSERT_TRUE(IsOk(Get(created.name(), &got)));
  EXPECT_EQ(got.name(), created.name());
  EXPECT_EQ(got.display_name(), "Tom Becker");
  EXPECT_EQ(got.identities_size(), 2);
}

TEST_P(CustomerServiceTest, LookupNormalizesTheIdentityAsOnWrite) {
  v1::Customer created = Create("Tom Becker", {MakeIdentity(v1::EMAIL, "tom.becker@example.de"),
                                               MakeIdentity(v1::PHONE, "+351912345678")});
  v1::Customer found;
  ASSERT_TRUE(IsOk(Lookup(v1::EMAIL, "  Tom.Becker@Example.DE ", &found)));
  EXPECT_EQ(found.name(), created.name());
  ASSERT_TRUE(IsOk(Lookup(v1::PHONE, "00351 912 345 678", &found)));
  EXPECT_EQ(found.name(), created.name());
  ASSERT_TRUE(IsOk(Lookup(v1::PHONE, "912 345 678", &found)));
  EXPECT_EQ(found.name(), created.name());
}

TEST_P(CustomerServiceTest, LookupOfAnUnknownIdentityIsNotFound) {
  v1::Customer found;
  EXPECT_TRUE(
      HasCode(Lookup(v1::EMAIL, "nobody@example.com", &found), grpc::StatusCode::NOT_FOUND));
}

TEST_P(CustomerServiceTest, InvalidIdentityValueNamesTheField) {
  v1::Customer found;
  EXPECT_TRUE(IsInvalidField(Lookup(v1::EMAIL, "not an address", &found), "identity"));
  EXPECT_TRUE(IsInvalidField(Lookup(v1::PHONE, "12", &found), "identity"));

  v1::CreateCustomerRequest request;
  *request.mutable_customer()->add_identities() = MakeIdentity(v1::EMAIL, "ok@example.com");
  *request.mutable_customer()->add_identities() = MakeIdentity(v1::EMAIL, "@@");
  v1::Customer customer;
  EXPECT_TRUE(IsInvalidField(stub_->CreateCustomer(Context().get(), request, &customer),
                             "customer.identities[1]"));
}

TEST_P(CustomerServiceTest, RequestValidationNamesTheField) {
  v1::Customer customer;
  grpc::Status status = Get("cust/x", &customer);
  EXPECT_TRUE(IsInvalidField(status, "name"));
  EXPECT_EQ(status.error_message(), "name: expected customers/{id}, got \"cust/x\"");

  v1::LookupCustomerRequest lookup;
  lookup.mutable_identity()->set_kind(static_cast<v1::IdentityKind>(99));
  lookup.mutable_identity()->set_value("x");
  EXPECT_TRUE(
      IsInvalidField(stub_->LookupCustomer(Context().get(), lookup, &customer), "identity.kind"));

  v1::ListCustomersRequest list;
  list.set_page_size(-1);
  v1::ListCustomersResponse page;
  EXPECT_TRUE(IsInvalidField(stub_->ListCustomers(Context().get(), list, &page), "page_size"));
  list.set_page_size(0);
  list.set_page_token("tampered");
  EXPECT_TRUE(IsInvalidField(stub_->ListCustomers(Context().get(), list, &page), "page_token"));
}

TEST_P(CustomerServiceTest, UnknownCustomerIsNotFound) {
  v1::Customer customer;
  EXPECT_TRUE(HasCode(Get("customers/987654", &customer), grpc::StatusCode::NOT_FOUND));
  v1::DeleteCustomerRequest del;
  del.set_name("customers/987654");
  google::protobuf::Empty empty;
  EXPECT_TRUE(
      HasCode(stub_->DeleteCustomer(Context().get(), del, &empty), grpc::StatusCode::NOT_FOUND));
}

TEST_P(CustomerServiceTest, IdentityOwnedByAnotherCustomerIsAlreadyExists) {
  Create("Ana", {MakeIdentity(v1::EMAIL, "ana@example.pt")});
  v1::CreateCustomerRequest request;
  *request.mutable_customer()->add_identities() = MakeIdentity(v1::EMAIL, "ANA@example.pt");
  v1::Customer customer;
  EXPECT_TRUE(HasCode(stub_->CreateCustomer(Context().get(), request, &customer),
                      grpc::StatusCode::ALREADY_EXISTS));

  v1::Customer other = Create("Rui");
  v1::AddIdentityRequest add;
  add.set_name(other.name());
  *add.mutable_identity() = MakeIdentity(v1::EMAIL, "ana@example.pt");
  EXPECT_TRUE(HasCode(stub_->AddIdentity(Context().get(), add, &customer),
                      grpc::StatusCode::ALREADY_EXISTS));
}

TEST_P(CustomerServiceTest, ListPagesInCreationOrder) {
  std::vector<std::string> created;
  for (int i = 0; i < 7; ++i) created.push_back(Create(absl::StrCat("C", i)).name());

  std::vector<std::string> listed;
  v1::ListCustomersRequest request;
  request.set_page_size(3);
  int pages = 0;
  do {
    v1::ListCustomersResponse response;
    ASSERT_TRUE(IsOk(stub_->ListCustomers(Context().get(), request, &response)));
    for (const v1::Customer& customer : response.customers()) listed.push_back(customer.name());
    request.set_page_token(response.next_page_token());
    ++pages;
  } while (!request.page_token().empty() && pages < 10);
  EXPECT_EQ(listed, created);
  EXPECT_EQ(pages, 3);
}

TEST_P(CustomerServiceTest, UpdateReplacesOnlyTheMaskedFields) {
  v1::CreateCustomerRequest create;
  create.mutable_customer()->set_display_name("Marta");
  (*create.mutable_customer()->mutable_attributes())["plan"] = "basic";
  v1::Customer customer;
  ASSERT_TRUE(IsOk(stub_->CreateCustomer(Context().get(), create, &customer)));

  v1::UpdateCustomerRequest update;
  update.mutable_customer()->set_name(customer.name());
  update.mutable_customer()->set_display_name("Marta Ferreira");
  (*update.mutable_customer()->mutable_attributes())["plan"] = "gold";
  update.mutable_update_mask()->add_paths("display_name");
  v1::Customer updated;
  ASSERT_TRUE(IsOk(stub_->UpdateCustomer(Context().get(), update, &updated)));
  EXPECT_EQ(updated.display_name(), "Marta Ferreira");
  EXPECT_EQ(updated.attributes().at("plan"), "basic");

  update.mutable_update_mask()->set_paths(0, "attributes");
  ASSERT_TRUE(IsOk(stub_->UpdateCustomer(Context().get(), update, &updated)));
  EXPECT_EQ(updated.attributes().at("plan"), "gold");

  update.clear_update_mask();
  EXPECT_TRUE(
      IsInvalidField(stub_->UpdateCustomer(Context().get(), update, &updated), "update_mask"));
  update.mutable_update_mask()->add_paths("identities");
  EXPECT_TRUE(IsInvalidField(stub_->UpdateCustomer(Context().get(), update, &updated),
                             "update_mask.paths[0]"));
}

TEST_P(CustomerServiceTest, DeleteRemovesTheCustomerAndFreesItsIdentities) {
  v1::Customer customer = Create("Gone", {MakeIdentity(v1::EMAIL, "gone@example.com")});
  v1::DeleteCustomerRequest request;
  request.set_name(customer.name());
  google::protobuf::Empty empty;
  ASSERT_TRUE(IsOk(stub_->DeleteCustomer(Context().get(), request, &empty)));
  v1::Customer got;
  EXPECT_TRUE(HasCode(Get(customer.name(), &got), grpc::StatusCode::NOT_FOUND));
  EXPECT_TRUE(HasCode(Lookup(v1::EMAIL, "gone@example.com", &got), grpc::StatusCode::NOT_FOUND));
}

TEST_P(CustomerServiceTest, AddAndRemoveIdentity) {
  v1::Customer customer = Create("Ana");
  v1::AddIdentityRequest add;
  add.set_name(customer.name());
  *add.mutable_identity() = MakeIdentity(v1::SOCIAL, "mastodon:@Ana@Example.Social");
  v1::Customer updated;
  ASSERT_TRUE(IsOk(stub_->AddIdentity(Context().get(), add, &updated)));
  ASSERT_EQ(updated.identities_size(), 1);
  EXPECT_EQ(updated.identities(0).kind(), v1::SOCIAL);

  v1::Customer found;
  ASSERT_TRUE(IsOk(Lookup(v1::SOCIAL, "mastodon:@ana@example.social", &found)));
  EXPECT_EQ(found.name(), customer.name());

  v1::RemoveIdentityRequest remove;
  remove.set_name(customer.name());
  *remove.mutable_identity() = MakeIdentity(v1::SOCIAL, "mastodon:@ana@example.social");
  ASSERT_TRUE(IsOk(stub_->RemoveIdentity(Context().get(), remove, &updated)));
  EXPECT_EQ(updated.identities_size(), 0);
  EXPECT_TRUE(HasCode(Lookup(v1::SOCIAL, "mastodon:@ana@example.social", &found),
                      grpc::StatusCode::NOT_FOUND));
  EXPECT_TRUE(HasCode(stub_->RemoveIdentity(Context().get(), remove, &updated),
                      grpc::StatusCode::NOT_FOUND));
}

TEST_P(CustomerServiceTest, MergeMovesIdentitiesAndKeepsTheOldNameResolvable) {
  v1::Customer survivor = Create("Ana", {MakeIdentity(v1::EMAIL, "ana@example.pt")});
  v1::CreateCustomerRequest create;
  create.mutable_customer()->set_display_name("Ana F.");
  *create.mutable_customer()->add_identities() = MakeIdentity(v1::PHONE, "+351912000111");
  (*create.mutable_customer()->mutable_attributes())["crm"] = "4711";
  v1::Customer merged;
  ASSERT_TRUE(IsOk(stub_->CreateCustomer(Context().get(), create, &merged)));

  v1::MergeCustomersRequest request;
  request.set_name(survivor.name());
  request.set_merged_customer(merged.name());
  v1::Customer result;
  ASSERT_TRUE(IsOk(stub_->MergeCustomers(Context().get(), request, &result)));
  EXPECT_EQ(result.name(), survivor.name());
  EXPECT_EQ(result.identities_size(), 2);
  EXPECT_EQ(result.attributes().at("crm"), "4711");
  ASSERT_EQ(result.merged_names_size(), 1);
  EXPECT_EQ(result.merged_names(0), merged.name());

  v1::Customer got;
  ASSERT_TRUE(IsOk(Get(merged.name(), &got)));
  EXPECT_EQ(got.name(), survivor.name());
  ASSERT_TRUE(IsOk(Lookup(v1::PHONE, "912 000 111", &got)));
  EXPECT_EQ(got.name(), survivor.name());

  // Merged-away customers are not listed.
  v1::ListCustomersResponse list;
  ASSERT_TRUE(IsOk(stub_->ListCustomers(Context().get(), v1::ListCustomersRequest(), &list)));
  ASSERT_EQ(list.customers_size(), 1);
  EXPECT_EQ(list.customers(0).name(), survivor.name());

  // Merging again: both names are the same customer now.
  EXPECT_TRUE(
      IsInvalidField(stub_->MergeCustomers(Context().get(), request, &result), "merged_customer"));
  request.set_merged_customer("customers/987654");
  EXPECT_TRUE(HasCode(stub_->MergeCustomers(Context().get(), request, &result),
                      grpc::StatusCode::NOT_FOUND));
}

// On MySQL the point reads are handed to the server's read pool, a thread per read connection
// (the fixture's pool_size 8: 4), and answered from there; the embedded store needs none.
TEST_P(CustomerServiceTest, PointReadsHaveAReadPoolOnMysqlOnly) {
  const v1::Customer created = Create("Ada", {MakeIdentity(v1::EMAIL, "ada@example.com")});
  v1::Customer got;
  ASSERT_TRUE(IsOk(Get(created.name(), &got)));
  EXPECT_EQ(got.display_name(), "Ada");
  v1::Customer looked_up;
  ASSERT_TRUE(IsOk(Lookup(v1::EMAIL, "ada@example.com", &looked_up)));
  EXPECT_EQ(looked_up.name(), created.name());
  EXPECT_EQ(ThreadsNamed("cx-reads-"), GetParam().name == "Mysql" ? 4 : 0);
}

CXHUB_INSTANTIATE_FOR_EVERY_STORE(CustomerServiceTest);

}  // namespace
}  // namespace cxhub
