#include "server/core/customer_directory.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/touchpoint_catalog.h"
#include "tests/core/test_env.h"

namespace cxhub {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

class CustomerDirectoryTest : public ::testing::Test {
 protected:
  Customer Make(const std::string& name, std::vector<Identity> identities,
                Attributes attributes = {}) {
    Customer customer;
    customer.display_name = name;
    customer.identities = std::move(identities);
    customer.attributes = std::move(attributes);
    absl::StatusOr<Customer> created = directory_.Create(customer);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? *created : Customer{};
  }

  TempStore db_;
  SteppingClock clock_;
  IdentityNormalizer normalizer_ = PortugalNormalizer();
  CustomerDirectory directory_{db_.store(), normalizer_, clock_};
};

TEST_F(CustomerDirectoryTest, CreateNormalizesIdentitiesAndStampsTimes) {
  const Customer tom = Make("Tom Becker", {Phone("+49 30 1234567"), Email("Tom.Becker@Example.DE"),
                                           Email("tom.becker@example.de ")});
  EXPECT_GT(tom.id, 0);
  EXPECT_THAT(tom.identities, ElementsAre(Email("tom.becker@example.de"), Phone("+49301234567")));
  EXPECT_GT(tom.create_time, absl::FromUnixSeconds(1788771600));
  EXPECT_EQ(tom.create_time, tom.update_time);
}

TEST_F(CustomerDirectoryTest, CreateRejectsOwnedAndMalformedIdentities) {
  Make("Tom", {Email("tom.becker@example.de")});
  Customer again;
  again.identities = {Email("TOM.BECKER@example.de")};
  EXPECT_EQ(directory_.Create(again).status().code(), absl::StatusCode::kAlreadyExists);

  Customer bad;
  bad.identities = {Email("x@example.pt"), Email("not-an-address")};
  absl::StatusOr<Customer> created = directory_.Create(bad);
  ASSERT_EQ(created.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(created.status().message()), HasSubstr("identities[1]: "));
  EXPECT_THAT(std::string(created.status().message()), HasSubstr("\"not-an-address\""));
}

TEST_F(CustomerDirectoryTest, LookupFindsOwnerOfNormalizedIdentity) {
  const Customer marta = Make("Marta", {Phone("+351912345678")});
  absl::StatusOr<Customer> found = directory_.Lookup(Phone("00351 912 345 678"));
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(found->id, marta.id);
  EXPECT_EQ(directory_.Lookup(Phone("+49301234567")).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(directory_.Lookup(Phone("anonymous")).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(CustomerDirectoryTest, AddAndRemoveIdentity) {
  const Customer tom = Make("Tom", {Email("tom.becker@example.de")});
  const Customer other = Make("Other", {Email("other@example.de")});

  absl::StatusOr<Customer> added = directory_.AddIdentity(tom.id, Phone("0049301234567"));
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_THAT(added->identities,
              ElementsAre(Email("tom.becker@example.de"), Phone("+49301234567")));
  EXPECT_GT(added->update_time, tom.update_time);

  EXPECT_EQ(directory_.AddIdentity(other.id, Phone("+49301234567")).status().code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(directory_.AddIdentity(tom.id, Email("bad")).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(directory_.AddIdentity(999, Email("x@example.de")).status().code(),
            absl::StatusCode::kNotFound);

  absl::StatusOr<Customer> removed =
      directory_.RemoveIdentity(tom.id, Email(" TOM.BECKER@EXAMPLE.DE"));
  ASSERT_TRUE(removed.ok()) << removed.status();
  EXPECT_THAT(removed->identities, ElementsAre(Phone("+49301234567")));
  EXPECT_EQ(directory_.RemoveIdentity(other.id, Phone("+49301234567")).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(CustomerDirectoryTest, UpdateReplacesOnlyGivenFields) {
  const Customer ana = Make("Ana", {Email("ana@example.pt")}, {{"tier", "gold"}});
  CustomerUpdate rename;
  rename.display_name = "Ana Lopes";
  absl::StatusOr<Customer> renamed = directory_.Update(ana.id, rename);
  ASSERT_TRUE(renamed.ok()) << renamed.status();
  EXPECT_EQ(renamed->display_name, "Ana Lopes");
  EXPECT_THAT(renamed->attributes, ElementsAre(Pair("tier", "gold")));
  EXPECT_GT(renamed->update_time, ana.update_time);

  CustomerUpdate attributes;
  attributes.attributes = Attributes{{"city", "Lisboa"}};
  absl::StatusOr<Customer> updated = directory_.Update(ana.id, attributes);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->display_name, "Ana Lopes");
  EXPECT_THAT(updated->attributes, ElementsAre(Pair("city", "Lisboa")));
  EXPECT_EQ(directory_.Update(12345, rename).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(CustomerDirectoryTest, MergeKeepsSurvivorAttributesAndAddsMissingOnes) {
  const Customer survivor = Make("", {Email("marta@example.pt")}, {{"tier", "gold"}});
  const Customer merged =
      Make("Marta Ferreira", {Phone("+351912345678")}, {{"tier", "silver"}, {"city", "Porto"}});

  absl::StatusOr<Customer> result = directory_.Merge(survivor.id, merged.id);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->id, survivor.id);
  EXPECT_EQ(result->display_name, "Marta Ferreira");  // Empty name filled from the merged.
  EXPECT_THAT(result->attributes, ElementsAre(Pair("city", "Porto"), Pair("tier", "gold")));
  EXPECT_THAT(result->identities, ElementsAre(Email("marta@example.pt"), Phone("+351912345678")));
  EXPECT_THAT(result->merged_ids, ElementsAre(merged.id));

  absl::StatusOr<Customer> via_old_id = directory_.Get(merged.id);
  ASSERT_TRUE(via_old_id.ok()) << via_old_id.status();
  EXPECT_EQ(via_old_id->id, survivor.id);
  absl::StatusOr<CustomerPage> page = directory_.List(0, 10);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->customers.size(), 1u);
}

TEST_F(CustomerDirectoryTest, MergeKeepsANamedSurvivorsName) {
  const Customer survivor = Make("Tom", {Email("tom@example.de")});
  const Customer merged = Make("Thomas Becker", {Phone("+49301234567")});
  absl::StatusOr<Customer> result = directory_.Merge(survivor.id, merged.id);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->display_name, "Tom");
}

TEST_F(CustomerDirectoryTest, MergeOfOneCustomerWithItselfIsInvalid) {
  const Customer a = Make("A", {Email("a@example.pt")});
  const Customer b = Make("B", {Email("b@example.pt")});
  EXPECT_EQ(directory_.Merge(a.id, a.id).status().code(), absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(directory_.Merge(a.id, b.id).ok());
  // b now resolves to a: still the same customer.
  EXPECT_EQ(directory_.Merge(a.id, b.id).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(directory_.Merge(b.id, a.id).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(directory_.Merge(a.id, 999).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(CustomerDirectoryTest, MergingAMergedIdMergesItsSurvivor) {
  const Customer a = Make("A", {Email("a@example.pt")});
  const Customer b = Make("B", {Email("b@example.pt")});
  const Customer c = Make("C", {Email("c@example.pt")});
  ASSERT_TRUE(directory_.Merge(a.id, b.id).ok());
  absl::StatusOr<Customer> result = directory_.Merge(c.id, b.id);  // b is a by now.
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->id, c.id);
  EXPECT_THAT(result->merged_ids, ElementsAre(a.id, b.id));
  EXPECT_EQ(result->identities.size(), 3u);
  for (CustomerId old : {a.id, b.id}) {
    absl::StatusOr<Customer> resolved = directory_.Get(old);
    ASSERT_TRUE(resolved.ok()) << resolved.status();
    EXPECT_EQ(resolved->id, c.id);
  }
}

TEST_F(CustomerDirectoryTest, DeleteRemovesCustomerButNotThroughAMergedId) {
  const Customer a = Make("A", {Email("a@example.pt")});
  const Customer b = Make("B", {Email("b@example.pt")});
  ASSERT_TRUE(directory_.Merge(a.id, b.id).ok());
  EXPECT_EQ(directory_.Delete(b.id).code(), absl::StatusCode::kNotFound);
  ASSERT_TRUE(directory_.Get(a.id).ok());
  ASSERT_TRUE(directory_.Delete(a.id).ok());
  EXPECT_EQ(directory_.Get(a.id).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(directory_.Get(b.id).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(directory_.Lookup(Email("b@example.pt")).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(directory_.Delete(a.id).code(), absl::StatusCode::kNotFound);
}

TEST_F(CustomerDirectoryTest, ListPagesInIdOrder) {
  std::vector<CustomerId> ids;
  for (int i = 0; i < 5; ++i)
    ids.push_back(Make("c", {Email("c" + std::to_string(i) + "@x.pt")}).id);
  absl::StatusOr<CustomerPage> first = directory_.List(0, 3);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->customers.size(), 3u);
  EXPECT_TRUE(first->has_more);
  EXPECT_EQ(first->customers[0].id, ids[0]);
  absl::StatusOr<CustomerPage> second = directory_.List(first->customers.back().id, 3);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->customers.size(), 2u);
  EXPECT_FALSE(second->has_more);
  EXPECT_EQ(second->customers[1].id, ids[4]);
}

TEST(TouchpointCatalog, CreateGetUpdateListDelete) {
  TempStore db;
  if (HasFatalFailure() || IsSkipped()) return;
  SteppingClock clock;
  TouchpointCatalog catalog(db.store(), clock);
  Touchpoint support;
  support.display_name = "Request support";
  support.description = "Customer asks for help";
  support.stage = JourneyStage::kService;
  support.controlled = true;
  support.channels = {"email", "chat"};
  absl::StatusOr<Touchpoint> created = catalog.Create(support);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_GT(created->id, 0);
  EXPECT_EQ(created->display_name, "Request support");
  EXPECT_THAT(created->channels, ElementsAre("email", "chat"));

  TouchpointUpdate update;
  update.stage = JourneyStage::kLoyalty;
  update.channels = std::vector<std::string>{"phone"};
  absl::StatusOr<Touchpoint> updated = catalog.Update(created->id, update);
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->stage, JourneyStage::kLoyalty);
  EXPECT_EQ(updated->description, "Customer asks for help");
  EXPECT_THAT(updated->channels, ElementsAre("phone"));
  EXPECT_GT(updated->update_time, created->update_time);

  absl::StatusOr<TouchpointPage> page = catalog.List(0, 10);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->touchpoints.size(), 1u);
  EXPECT_FALSE(page->has_more);

  ASSERT_TRUE(catalog.Delete(created->id).ok());
  EXPECT_EQ(catalog.Get(created->id).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(catalog.Update(created->id, update).status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace cxhub
